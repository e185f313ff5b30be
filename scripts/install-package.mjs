#!/usr/bin/env node
// Installs the built package into an n8n user folder the way n8n installs a community package
// from its Settings page, so that node types get their real names
// (`n8n-nodes-shortform-video.<nodeName>`, as in users' workflows) and only what the published
// tarball contains is loaded.
//
// What n8n does, and what this reproduces:
//   1. `npm pack` the package (here: the repo, after `npm run build`);
//   2. unpack the tarball into <N8N_USER_FOLDER>/.n8n/nodes/node_modules/<package>;
//   3. drop devDependencies, peerDependencies and optionalDependencies from its package.json and
//      install the remaining runtime dependencies there with scripts ignored (we have none);
//   4. list the package in <N8N_USER_FOLDER>/.n8n/nodes/package.json.
//
// CLI: node scripts/install-package.mjs <N8N_USER_FOLDER> [--build]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..');

export function readPackageJson() {
	return JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
}

function npm(args, cwd) {
	const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (result.status !== 0) {
		throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
	}
	return result.stdout;
}

/** `npm run build` in the repo, with its output shown (a failing build should be readable). */
/**
 * Terminal output as plain text: the build's spinner redraws its line with control codes, which show as
 * garbage in a log or a pipe. Keeps the last state of each redrawn line and drops every escape sequence.
 */
export function plainText(text) {
	return text
		.split('\n')
		.map((line) =>
			line
				.split(/\r|\x1b\[\d*D\x1b\[J/)
				.filter((frame) => frame.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trim() !== '')
				.pop() ?? '',
		)
		.map((line) => line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trimEnd())
		.filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
		.join('\n');
}

export function buildPackage() {
	const command = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	// In a terminal the build draws its progress there; elsewhere (a log, a pipe) its output is made plain.
	const terminal = process.stdout.isTTY;
	const result = spawnSync(command, ['run', 'build'], {
		cwd: repoRoot,
		stdio: terminal ? 'inherit' : ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (!terminal) {
		const output = plainText(`${result.stdout ?? ''}${result.stderr ?? ''}`);
		if (output.trim()) process.stdout.write(`${output}\n`);
	}
	if (result.status !== 0) throw new Error('npm run build failed');
}

/** Directory where n8n keeps community packages for a user folder. */
export function nodesDir(userFolder) {
	return path.join(userFolder, '.n8n', 'nodes');
}

/**
 * Packs the repo (expects a build in dist/) and installs the tarball into `userFolder`; with `tarball`, installs
 * that packed package instead (e.g. an earlier release, to compare against it).
 * Returns { name, version, packageDir }.
 */
export function installPackage(userFolder, { build = false, tarball: givenTarball } = {}) {
	if (build) buildPackage();
	const pkg = readPackageJson();
	const missing = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].filter(
		(file) => !existsSync(path.join(repoRoot, file)),
	);
	if (missing.length && !givenTarball) {
		throw new Error(
			`The package is not built (missing ${missing.join(', ')}): run \`npm run build\` first.`,
		);
	}

	const workDir = mkdtempSync(path.join(tmpdir(), 'n8n-pack-'));
	try {
		// --ignore-scripts: the build has run already; packing must only collect `files`.
		const [packed] = givenTarball
			? [{ filename: path.resolve(givenTarball) }]
			: JSON.parse(
					npm(['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], repoRoot),
				);
		const tarball = path.resolve(workDir, packed.filename);

		const root = nodesDir(userFolder);
		const packageDir = path.join(root, 'node_modules', pkg.name);
		rmSync(packageDir, { recursive: true, force: true });
		mkdirSync(packageDir, { recursive: true });
		// npm tarballs hold everything under `package/`.
		const untar = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
			encoding: 'utf8',
		});
		if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);

		const manifestPath = path.join(packageDir, 'package.json');
		const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
		delete manifest.devDependencies;
		delete manifest.peerDependencies;
		delete manifest.optionalDependencies;
		writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
		// The same flags n8n passes (a no-op while the package has no runtime dependencies).
		npm(
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			packageDir,
		);

		// n8n's own bookkeeping file for the nodes folder.
		const listPath = path.join(root, 'package.json');
		const list = existsSync(listPath)
			? JSON.parse(readFileSync(listPath, 'utf8'))
			: { name: 'installed-nodes', private: true, dependencies: {} };
		list.dependencies = { ...(list.dependencies ?? {}), [pkg.name]: manifest.version };
		writeFileSync(listPath, `${JSON.stringify(list, null, 2)}\n`);

		return { name: pkg.name, version: manifest.version, packageDir, files: packed.files?.length };
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
}

function main() {
	const args = process.argv.slice(2);
	const userFolder = args.find((arg) => !arg.startsWith('--'));
	if (!userFolder || args.includes('--help')) {
		console.log('usage: node scripts/install-package.mjs <N8N_USER_FOLDER> [--build]');
		process.exit(userFolder ? 0 : 1);
	}
	const result = installPackage(path.resolve(userFolder), { build: args.includes('--build') });
	console.log(
		`installed ${result.name}@${result.version} (${result.files} files) into ${result.packageDir}`,
	);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		main();
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}

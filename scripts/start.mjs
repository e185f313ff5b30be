#!/usr/bin/env node
// `npm start`: a local n8n with this package, ready to click through.
//
// Builds the package, starts the provider sandbox on http://127.0.0.1:4010 and the pinned n8n on
// http://localhost:5678 with:
//   - the freshly built package installed as a community package (re-installed on every start);
//   - the sandbox credentials (ids sandbox-creatify, sandbox-tiktok, ...; see examples/README.md);
//   - the example workflows from examples/ (each imported once; your edits are kept);
//   - an owner account whose login is printed below.
// The n8n user folder lives in the cache folder (see scripts/n8n-runtime.mjs), so workflows and
// executions survive a restart. Ctrl-C stops n8n and the sandbox.
//
// Options: --no-build, --port <n8n port>, --sandbox-port <port>, --fresh (start from an empty
// user folder), --verbose (show n8n's log), --n8n <line or version> (e.g. 1.x; see n8n-runtime.mjs).

import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { disabledModules } from '../test/e2e/lib/n8n.mjs';
import { OWNER, startStack } from '../test/e2e/lib/stack.mjs';
import { buildPackage, repoRoot } from './install-package.mjs';
import { cacheRoot, ensureRuntime, n8nVersion, startUserFolder, versions } from './n8n-runtime.mjs';

const args = process.argv.slice(2);
const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const port = Number(value('--port', '5678'));
const sandboxPort = Number(value('--sandbox-port', '4010'));
const userFolder = startUserFolder(); // one per n8n line (--n8n 1.x); see n8n-runtime.mjs

function log(message) {
	console.log(`[start] ${message}`);
}

function portInUse(portNumber) {
	return new Promise((resolve) => {
		const socket = net.connect({ port: portNumber, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Imports the examples whose name is not in n8n yet, so edits made in the editor survive restarts. */
async function importExamples(api) {
	const existing = new Set((await api.listWorkflows()).map((workflow) => workflow.name));
	const examplesDir = path.join(repoRoot, 'examples');
	const files = readdirSync(examplesDir).filter((file) => file.endsWith('.json'));
	let imported = 0;
	for (const file of files) {
		const workflow = JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8'));
		if (existing.has(workflow.name)) continue;
		await api.createWorkflow(workflow);
		imported += 1;
	}
	return { imported, total: files.length };
}

async function main() {
	for (const [name, number] of [
		['n8n', port],
		['sandbox', sandboxPort],
	]) {
		if (await portInUse(number))
			throw new Error(
				`port ${number} (${name}) is already in use; is another \`npm start\` running?`,
			);
	}
	log(`n8n ${versions.n8n} on Node ${versions.node}: checking the install in ${cacheRoot()}`);
	await ensureRuntime();
	log(`n8n --version: ${n8nVersion()}`);
	if (!args.includes('--no-build')) {
		log('building the package');
		buildPackage();
	}
	if (args.includes('--fresh')) rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });

	const stack = await startStack({
		userFolder,
		port,
		sandboxPort,
		// A Creatify account with a few links, so that the editor's link lists have something to show.
		sandboxOptions: { sampleData: true },
		// n8n 2.x's editor sends an owner who opens http://localhost:<port>/ (and so anyone signing in from
		// there) to its Assistant page whenever the instance-ai module is active and the Assistant is not
		// switched off on its settings page; no environment variable switches that page off or changes
		// where / leads. Without the module, / leads to Overview → Workflows, where the examples are.
		extraEnv: { N8N_DISABLED_MODULES: disabledModules(['instance-ai']) },
		inheritOutput: args.includes('--verbose'),
		onStep: log,
	});
	const { imported, total } = await importExamples(stack.api);

	let stopping = false;
	const stop = async (signal) => {
		if (stopping) {
			// A second Ctrl-C: do not wait for a graceful shutdown.
			try {
				process.kill(-stack.server.pid, 'SIGKILL');
			} catch {}
			process.exit(130);
		}
		stopping = true;
		log(`${signal}: stopping n8n and the sandbox...`);
		await stack.stop();
		log('stopped');
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
	stack.server.exited.then((info) => {
		if (stopping) return;
		console.error(
			`[start] n8n exited unexpectedly (${JSON.stringify(info)}). Log tail:\n${stack.server.logTail(30)}`,
		);
		stack.sandbox.close().finally(() => process.exit(1));
	});

	console.log(`
  n8n        http://localhost:${port}
  login      ${OWNER.email} / ${OWNER.password}
  sandbox    ${stack.sandbox.url}  (provider simulator; control API at /__sandbox/requests, /stats, /faults, /reset)
  package    ${stack.installed.name}@${stack.installed.version}, installed from ${args.includes('--no-build') ? 'the existing' : 'a fresh'} build
  examples   http://localhost:${port}/home/workflows  (Overview → Workflows after signing in; ${imported} imported now, ${total} in examples/, credentials "... (sandbox)")
  data       ${userFolder}
  n8n log    ${stack.logFile}

  Ctrl-C stops n8n and the sandbox.
`);
}

main().catch((error) => {
	console.error(`[start] ${error.message}`);
	process.exit(1);
});

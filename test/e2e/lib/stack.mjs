// Brings up what a run needs: the provider sandbox, the package installed into an n8n user folder,
// the sandbox credentials imported, and `n8n start` with a logged-in REST client; in queue mode
// also `n8n worker` processes, each with the package installed into a user folder of its own.
// Used by the end-to-end tests, the queue-mode tests, the memory check and `npm start`.

import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { installPackage } from '../../../scripts/install-package.mjs';
import { credentialsForImport } from './credentials.mjs';
import { freePort, N8nApi, n8nCli, n8nEnv, startN8n, startN8nWorker } from './n8n.mjs';

const require = createRequire(import.meta.url);

/** The owner account n8n is started with (local, loopback-only instances). */
export const OWNER = {
	email: 'owner@example.com',
	password: 'Sandbox-Passw0rd',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

export function loadSandbox() {
	try {
		return require('../../sandbox');
	} catch (error) {
		if (error.code === 'MODULE_NOT_FOUND' && /test[\\/]sandbox/.test(error.message)) {
			throw new Error('The provider sandbox (test/sandbox/index.js) is missing.');
		}
		throw error;
	}
}

/**
 * @param options.userFolder  N8N_USER_FOLDER (created if needed)
 * @param options.port        n8n's port (0 = any free port)
 * @param options.sandboxPort the sandbox's port (0 = any free port)
 * @param options.sandboxOptions passed to startSandbox (durations, videoBytes, ...)
 * @param options.extraEnv    more environment for n8n (main and workers)
 * @param options.extraCredentials more credentials to import ({id, name, type, data})
 * @param options.workers     how many `n8n worker` processes to start (queue mode; extraEnv must
 *                            set it up), each in `<userFolder>/worker-<n>` with log `worker-<n>.log`
 * @param options.workerConcurrency jobs each worker runs at once
 * @param options.onStep      called with a short description of each step (for progress output)
 * @param options.packageTarball install this packed package instead of packing the repo
 */
export async function startStack({
	userFolder,
	port = 0,
	sandboxPort = 0,
	sandboxOptions = {},
	extraEnv = {},
	extraCredentials = [],
	workers: workerCount = 0,
	workerConcurrency = 10,
	inheritOutput = false,
	onStep = () => {},
	packageTarball,
}) {
	const logFile = path.join(userFolder, 'n8n.log');
	onStep('installing the packed package into the n8n user folder');
	const installed = installPackage(userFolder, { tarball: packageTarball });

	const { startSandbox } = loadSandbox();
	onStep('starting the provider sandbox');
	const sandbox = await startSandbox({ port: sandboxPort, ...sandboxOptions });
	let server;
	const workers = [];
	try {
		const env = n8nEnv({
			userFolder,
			port: port || (await freePort()),
			brokerPort: await freePort(),
			owner: OWNER,
			extra: extraEnv,
		});
		// Plaintext on purpose: n8n encrypts credentials on import. The file holds sandbox test keys
		// only and is removed right after.
		const credentialsFile = path.join(userFolder, 'sandbox-credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify([...credentialsForImport(sandbox.credentials), ...extraCredentials], null, 2),
		);
		onStep('importing the sandbox credentials (n8n import:credentials)');
		try {
			await n8nCli(['import:credentials', `--input=${credentialsFile}`], { env, logFile });
		} finally {
			rmSync(credentialsFile, { force: true });
		}

		onStep('starting n8n');
		server = await startN8n({ env, logFile, inheritOutput });
		const api = new N8nApi(server.url);
		await api.signIn(OWNER);

		for (let index = 1; index <= workerCount; index++) {
			const folder = path.join(userFolder, `worker-${index}`);
			onStep(`installing the package for worker ${index} and starting \`n8n worker\``);
			installPackage(folder);
			const workerEnv = n8nEnv({
				userFolder: folder,
				port: await freePort(),
				brokerPort: await freePort(),
				extra: extraEnv,
			});
			const logFile = path.join(userFolder, `worker-${index}.log`);
			const worker = await startN8nWorker({
				env: workerEnv,
				logFile,
				concurrency: workerConcurrency,
				inheritOutput,
			});
			workers.push({ name: `worker-${index}`, ...worker });
		}

		return {
			sandbox,
			server,
			api,
			env,
			installed,
			logFile,
			workers,
			// The n8n and workers running now: a runner that restarts one puts the new one here.
			async stop() {
				await Promise.all([...this.workers.map((worker) => worker.stop()), this.server.stop()]);
				await sandbox.close();
			},
		};
	} catch (error) {
		await Promise.all(workers.map((worker) => worker.stop()));
		if (server) await server.stop();
		await sandbox.close();
		throw error;
	}
}

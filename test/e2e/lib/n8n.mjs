// Runs the pinned real n8n (see scripts/n8n-runtime.mjs) and drives it over its REST API, the way
// the editor does: owner login, credentials test, create a workflow, "Execute workflow", read the
// execution. Shared by the end-to-end tests and `npm start`.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

import { cleanEnv, n8nCommand, runtimePaths } from '../../../scripts/n8n-runtime.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves packages from n8n's own tree (bcryptjs for the owner password, flatted for executions). */
function requireFromN8n(name) {
	return createRequire(path.join(runtimePaths().n8nFolder, 'package.json'))(name);
}

/** Whether the installed n8n ships the backend module `name` (the modules differ between lines). */
function n8nHasModule(name) {
	return existsSync(
		path.join(runtimePaths().n8nFolder, 'node_modules', 'n8n', 'dist', 'modules', name),
	);
}

/**
 * N8N_DISABLED_MODULES for a run: mcp-registry fetches a catalogue from api.n8n.io in the background
 * (offline it only logs errors); data-table creates an upload folder in the system temp folder.
 * Neither is needed. `more` names others to turn off. Modules this n8n does not have are left out:
 * n8n refuses to start when the list names one (1.x has no mcp-registry nor instance-ai).
 */
export function disabledModules(more = []) {
	return ['mcp-registry', 'data-table', ...more].filter(n8nHasModule).join(',');
}

/** A free TCP port on loopback (n8n needs numbers up front: its own and its task broker's). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Environment for every n8n process: local only, quiet, nothing phoned home.
 * `owner` = { email, password, firstName, lastName } makes n8n 2.x create (and on every start reset)
 * the instance owner from the environment, so no setup screen is needed (1.x: N8nApi.signIn).
 */
export function n8nEnv({ userFolder, port = 5678, brokerPort, owner, extra = {} }) {
	const env = {
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
		// The login cookie must work over plain http on localhost.
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DISABLED_MODULES: disabledModules(),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Community packages (ours, in <userFolder>/.n8n/nodes) load; nothing is reinstalled from npm.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// n8n 2.x keeps binary data on disk, not in memory; said explicitly because the memory check
		// depends on it.
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		// Keep every execution so tests can read what each node produced.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		// The nodes reach the sandbox on 127.0.0.1 through the credentials' Base URL.
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		// Code nodes would run in n8n's internal task runner; give its broker a free port so that a
		// test run and `npm start` can coexist.
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_LOG_LEVEL: 'info',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...extra,
	};
	if (brokerPort) env.N8N_RUNNERS_BROKER_PORT = String(brokerPort);
	if (owner) {
		const bcrypt = requireFromN8n('bcryptjs');
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: owner.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName ?? 'Sandbox',
			N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName ?? 'Owner',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(owner.password, 10),
		});
	}
	return cleanEnv(env);
}

function tail(file, lines = 40) {
	if (!existsSync(file)) return '';
	return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Runs one n8n CLI command (e.g. ['import:credentials', '--input=x.json']) to completion. */
export function n8nCli(args, { env, logFile }) {
	const [command, commandArgs] = n8nCommand(args);
	return new Promise((resolve, reject) => {
		const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const collect = (chunk) => {
			output += chunk.toString();
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
		if (log) {
			log.write(`\n$ n8n ${args.join(' ')}\n`);
			child.stdout.pipe(log, { end: false });
			child.stderr.pipe(log, { end: false });
		}
		child.on('error', reject);
		child.on('close', (code) => {
			log?.end();
			if (code === 0) resolve(output);
			else reject(new Error(`n8n ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
		});
	});
}

/** Ready when the REST API answers: /rest/settings does once the REST controllers are registered. */
async function restApiReady(url) {
	try {
		const ready = await fetch(`${url}/healthz/readiness`);
		return ready.ok && (await fetch(`${url}/rest/settings`)).ok;
	} catch {
		return false; // not listening yet
	}
}

/**
 * Starts `n8n start` (or `command`, e.g. ['worker']) and resolves once `isReady(server)` says so
 * (by default: its REST API answers). The process gets its own process group so that stop() also
 * ends the task runner it spawns.
 */
export async function startN8n({
	env,
	logFile,
	readyTimeoutMs = 180_000,
	inheritOutput = false,
	command: n8nArgs = ['start'],
	isReady = (server) => restApiReady(server.url),
}) {
	mkdirSync(path.dirname(logFile), { recursive: true });
	const log = createWriteStream(logFile, { flags: 'a' });
	const [command, args] = n8nCommand(n8nArgs);
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	for (const stream of [child.stdout, child.stderr]) {
		stream.pipe(log, { end: false });
		if (inheritOutput) stream.pipe(process.stderr, { end: false });
	}
	let exitInfo = null;
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exitInfo = { code, signal };
			resolve(exitInfo);
		});
	});

	const url = `http://127.0.0.1:${env.N8N_PORT}`;
	const server = {
		url,
		pid: child.pid,
		child,
		logFile,
		exited,
		logTail: (lines) => tail(logFile, lines),
		async stop() {
			if (exitInfo) return exitInfo;
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {}
			const timer = setTimeout(() => {
				// Still running after its graceful shutdown: end its whole process group.
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {}
			}, 20_000);
			const info = await exited;
			clearTimeout(timer);
			try {
				process.kill(-child.pid, 'SIGKILL'); // leftovers of the group (task runner), if any
			} catch {}
			log.end();
			return info;
		},
	};

	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		if (exitInfo) {
			throw new Error(
				`n8n exited during startup (${JSON.stringify(exitInfo)}). Log tail:\n${tail(logFile)}`,
			);
		}
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(
				`n8n did not become ready within ${readyTimeoutMs / 1000} s. Log tail:\n${tail(logFile)}`,
			);
		}
		if (await isReady(server)) return server;
		await sleep(300);
	}
}

/**
 * Starts `n8n worker` (queue mode: it takes executions from Redis) and resolves once it says it is
 * ready. Its log file tells which executions it ran (`workerExecutions`).
 */
export async function startN8nWorker({ env, logFile, concurrency = 10, inheritOutput = false }) {
	mkdirSync(path.dirname(logFile), { recursive: true });
	writeFileSync(logFile, '');
	return await startN8n({
		env,
		logFile,
		inheritOutput,
		command: ['worker', `--concurrency=${concurrency}`],
		isReady: () => readFileSync(logFile, 'utf8').includes('n8n worker is now ready'),
	});
}

/** Execution ids a worker started, from its log ("Worker started execution <id> (job <n>)"). */
export function workerExecutions(logFile) {
	if (!existsSync(logFile)) return [];
	return [...readFileSync(logFile, 'utf8').matchAll(/Worker started execution (\d+)/g)].map(
		(match) => match[1],
	);
}

/** A small client for n8n's internal REST API (the one its editor uses), logged in by cookie. */
export class N8nApi {
	constructor(url) {
		this.url = url;
		this.cookie = '';
		// n8n ties its auth cookie to a browser id sent with every request.
		this.browserId = 'n8n-nodes-shortform-video-e2e';
	}

	async request(method, pathname, { body, query, allowError = false } = {}) {
		const target = new URL(`/rest${pathname}`, this.url);
		for (const [key, value] of Object.entries(query ?? {}))
			target.searchParams.set(key, String(value));
		const response = await fetch(target, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		let json;
		try {
			json = text ? JSON.parse(text) : {};
		} catch {
			json = { raw: text };
		}
		if (!response.ok && !allowError) {
			throw new Error(
				`${method} /rest${pathname} → HTTP ${response.status}: ${text.slice(0, 500)}`,
			);
		}
		return { status: response.status, ok: response.ok, body: json, data: json?.data };
	}

	async login(email, password) {
		await this.request('POST', '/login', { body: { emailOrLdapLoginId: email, password } });
	}

	/**
	 * Logs in as `owner`. n8n 2.x creates the owner from the environment (see n8nEnv); n8n 1.x does
	 * not know those variables and shows its setup screen instead, so the owner is set up the way that
	 * screen does it (once: afterwards the instance has an owner and only the login is needed).
	 */
	async signIn(owner) {
		const { data: settings } = await this.request('GET', '/settings');
		if (settings?.userManagement?.showSetupOnFirstLoad) {
			await this.request('POST', '/owner/setup', {
				body: {
					email: owner.email,
					firstName: owner.firstName ?? 'Sandbox',
					lastName: owner.lastName ?? 'Owner',
					password: owner.password,
				},
			});
		}
		await this.login(owner.email, owner.password);
	}

	async createWorkflow(workflow) {
		const { name, nodes, connections, settings, pinData, meta } = workflow;
		const { data } = await this.request('POST', '/workflows', {
			body: {
				name,
				// n8n 1.x stores a new workflow's `active` as given and requires it; 2.x ignores it.
				active: false,
				nodes,
				connections,
				settings: settings ?? {},
				pinData: pinData ?? {},
				meta: meta ?? {},
			},
		});
		return data;
	}

	async listWorkflows() {
		const { data } = await this.request('GET', '/workflows');
		return data;
	}

	/** n8n's major version (from its settings, as the editor reads it). */
	async n8nMajor() {
		if (this.major === undefined) {
			const { data: settings } = await this.request('GET', '/settings');
			this.major = Number(String(settings?.versionCli ?? '').split('.')[0]);
		}
		return this.major;
	}

	/** Clicks "Execute workflow" on `triggerName`; returns the execution id. */
	async runWorkflow(workflowId, triggerName) {
		const body = { triggerToStartFrom: { name: triggerName } };
		// n8n 1.x runs the workflow the editor sends along (2.x reads the saved one by its id).
		if ((await this.n8nMajor()) < 2)
			body.workflowData = (await this.request('GET', `/workflows/${workflowId}`)).data;
		const { data } = await this.request('POST', `/workflows/${workflowId}/run`, { body });
		if (!data?.executionId)
			throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(data)}`);
		return data.executionId;
	}

	/** Publishes (activates) a workflow, so that its trigger nodes listen. */
	async activateWorkflow({ id, versionId }) {
		const { data } = await this.request('POST', `/workflows/${id}/activate`, {
			body: { versionId },
		});
		return data;
	}

	async deactivateWorkflow(id) {
		await this.request('POST', `/workflows/${id}/deactivate`, { body: {}, allowError: true });
	}

	/** The executions of a workflow, newest first: [{ id, mode, status, ... }]. */
	async listExecutions(workflowId) {
		const { data } = await this.request('GET', '/executions', {
			query: { filter: JSON.stringify({ workflowId }), limit: 100 },
		});
		return data?.results ?? [];
	}

	/** The execution with its run data parsed (n8n sends it "flatted"-encoded). */
	async getExecution(executionId) {
		const { data } = await this.request('GET', `/executions/${executionId}`);
		if (data && typeof data.data === 'string')
			data.data = requireFromN8n('flatted').parse(data.data);
		return data;
	}

	/** Downloads a binary data entry (its `id`) through main's REST API; returns its size in bytes. */
	async binaryDataBytes(binaryDataId) {
		const target = new URL('/rest/binary-data', this.url);
		target.searchParams.set('id', binaryDataId);
		target.searchParams.set('action', 'download');
		const response = await fetch(target, {
			headers: { cookie: this.cookie, 'browser-id': this.browserId },
		});
		if (!response.ok) throw new Error(`GET /rest/binary-data → HTTP ${response.status}`);
		let bytes = 0;
		for await (const chunk of response.body) bytes += chunk.length;
		return bytes;
	}

	/**
	 * Waits for an execution to finish (or `timeoutMs` to pass) and returns it, asking n8n every
	 * `intervalMs` (each ask costs n8n some memory: measurements of n8n's memory ask less often).
	 */
	async waitForExecution(executionId, { timeoutMs = 300_000, intervalMs = 250 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const { data } = await this.request('GET', `/executions/${executionId}`, {
				allowError: true,
			});
			if (data && !['new', 'running', 'waiting'].includes(data.status))
				return await this.getExecution(executionId);
			if (Date.now() > deadline) {
				await this.request('POST', `/executions/${executionId}/stop`, { allowError: true });
				throw new Error(`execution ${executionId} did not finish within ${timeoutMs / 1000} s`);
			}
			await sleep(intervalMs);
		}
	}

	/** n8n's "Test" button on a credential: runs the credential type's `test` request. */
	async testCredential({ id, name, type, data }) {
		const { data: result } = await this.request('POST', '/credentials/test', {
			body: { credentials: { id, name, type, data } },
		});
		return result; // { status: 'OK' | 'Error', message }
	}

	async nodeTypes() {
		const response = await fetch(new URL('/types/nodes.json', this.url), {
			headers: { cookie: this.cookie, 'browser-id': this.browserId },
		});
		if (!response.ok) throw new Error(`GET /types/nodes.json → HTTP ${response.status}`);
		return await response.json();
	}

	async credentialTypes() {
		const response = await fetch(new URL('/types/credentials.json', this.url), {
			headers: { cookie: this.cookie, 'browser-id': this.browserId },
		});
		if (!response.ok) throw new Error(`GET /types/credentials.json → HTTP ${response.status}`);
		return await response.json();
	}
}

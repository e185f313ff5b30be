// PostgreSQL and Redis for n8n's queue mode, each a private instance on a free loopback port with
// its data in a temporary folder, stopped (and the folder removed) by stop().
//
// Debian's `postgresql` and `redis-server` packages are installed with apt-get when missing.
// PostgreSQL refuses to run as root: when this runs as root (as CI does), the server and initdb run
// as the `postgres` system user that the Debian package creates.

import { spawn, spawnSync } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort } from './n8n.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function run(command, args, { env, cwd, allowFailure = false } = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', env: env ?? process.env, cwd });
	if (result.error) throw result.error;
	if (result.status !== 0 && !allowFailure) {
		throw new Error(
			`${command} ${args.join(' ')} exited with ${result.status}:\n${`${result.stdout}${result.stderr}`.slice(-3000)}`,
		);
	}
	return result;
}

function onPath(binary) {
	return spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).status === 0;
}

/** The newest /usr/lib/postgresql/<version>/bin that has a postgres server, or undefined. */
export function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((version) => existsSync(path.join(root, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

export function redisServerBinary() {
	for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
		if (existsSync(candidate)) return candidate;
	}
	return onPath('redis-server') ? 'redis-server' : undefined;
}

/**
 * Installs the Debian packages that are missing (`apt-get update`, then a non-interactive
 * `apt-get install`). Returns the packages it installed.
 */
export function ensureDebianPackages({ onStep = () => {} } = {}) {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!redisServerBinary()) missing.push('redis-server');
	if (missing.length === 0) return [];
	if (!onPath('apt-get')) {
		throw new Error(
			`${missing.join(' and ')} missing and there is no apt-get to install them: install PostgreSQL and Redis, then run again.`,
		);
	}
	const sudo = isRoot() ? [] : ['sudo', '-n', '--preserve-env=DEBIAN_FRONTEND'];
	if (sudo.length && !onPath('sudo'))
		throw new Error(`${missing.join(' and ')} missing: install them (as root) and run again.`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const apt = (args) =>
		sudo.length
			? run('sudo', [...sudo.slice(1), 'apt-get', ...args], { env })
			: run('apt-get', args, { env });
	onStep(`installing ${missing.join(', ')} (apt-get)`);
	apt(['update', '-q']);
	apt(['install', '-y', '-q', '--no-install-recommends', ...missing]);
	if (!postgresBinDir() || !redisServerBinary())
		throw new Error(`apt-get installed ${missing.join(', ')}, but the binaries are still missing`);
	return missing;
}

/** The system user PostgreSQL runs as when we are root (created if the package did not). */
function postgresUser() {
	const passwd = readFileSync('/etc/passwd', 'utf8');
	const line = passwd.split('\n').find((entry) => entry.startsWith('postgres:'));
	if (!line) {
		run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
		return postgresUser();
	}
	const [, , uid, gid] = line.split(':');
	return { name: 'postgres', uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts a private PostgreSQL: `initdb` into a temporary folder, then the server on a free loopback
 * port (TCP only, password authentication), and creates the database.
 * Returns { host, port, database, user, password, binDir, dataDir, logFile, stop() }.
 */
export async function startPostgres({ database = 'n8n', user = 'n8n', onStep = () => {} } = {}) {
	const binDir = postgresBinDir();
	if (!binDir)
		throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin)');
	const root = mkdtempSync(path.join(tmpdir(), 'n8n-queue-postgres-'));
	const dataDir = path.join(root, 'data');
	const logFile = path.join(root, 'postgres.log');
	const passwordFile = path.join(root, 'password');
	const password = `pw-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
	writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });

	const owner = isRoot() ? postgresUser() : undefined;
	if (owner) {
		// The folder from mkdtemp is private to root; the server's user must own it.
		chownSync(root, owner.uid, owner.gid);
		chownSync(passwordFile, owner.uid, owner.gid);
		chmodSync(root, 0o700);
	}
	// Run from the data's parent folder: the server's user may not be allowed into the current one.
	const asOwner = (binary, args, options = {}) =>
		owner
			? run('runuser', ['-u', owner.name, '--', path.join(binDir, binary), ...args], {
					...options,
					cwd: root,
				})
			: run(path.join(binDir, binary), args, { ...options, cwd: root });

	const port = await freePort();
	const stopServer = () => {
		if (!existsSync(path.join(dataDir, 'postmaster.pid'))) return;
		const stopped = asOwner('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'], {
			allowFailure: true,
		});
		if (stopped.status === 0) return;
		// pg_ctl could not stop it: end the postmaster by its pid file.
		const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
		try {
			if (pid) process.kill(pid, 'SIGQUIT');
		} catch {}
	};
	const service = {
		host: '127.0.0.1',
		port,
		database,
		user,
		password,
		binDir,
		dataDir,
		logFile,
		async stop() {
			stopServer();
			rmSync(root, { recursive: true, force: true });
		},
	};
	try {
		onStep(`PostgreSQL ${path.basename(path.dirname(binDir))}: initdb`);
		asOwner('initdb', [
			'-D',
			dataDir,
			'-U',
			user,
			`--pwfile=${passwordFile}`,
			'--auth=scram-sha-256',
			'--encoding=UTF8',
			'--no-locale',
			'--no-sync',
		]);
		onStep(`PostgreSQL: starting on 127.0.0.1:${port}`);
		asOwner('pg_ctl', [
			'-D',
			dataDir,
			'-l',
			logFile,
			'-w',
			'-t',
			'60',
			'-o',
			// Loopback TCP only; the Unix socket goes into the data folder, not /var/run/postgresql.
			`-p ${port} -c listen_addresses=127.0.0.1 -k ${dataDir} -c fsync=off -c max_connections=100`,
			'start',
		]);
		run(
			path.join(binDir, 'createdb'),
			['-h', '127.0.0.1', '-p', String(port), '-U', user, database],
			{ env: { ...process.env, PGPASSWORD: password } },
		);
		return service;
	} catch (error) {
		const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
		await service.stop();
		throw new Error(`${error.message}${log ? `\nPostgreSQL log:\n${log}` : ''}`);
	}
}

function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) {
				socket.end();
				resolve(answer.startsWith('+PONG'));
			}
		});
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
	});
}

/**
 * Starts a private redis-server on a free loopback port, its working folder temporary and
 * persistence off. Returns { host, port, dir, logFile, stop() }.
 */
export async function startRedis({ onStep = () => {} } = {}) {
	const binary = redisServerBinary();
	if (!binary) throw new Error('redis-server is not installed');
	const dir = mkdtempSync(path.join(tmpdir(), 'n8n-queue-redis-'));
	mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const port = await freePort();
	onStep(`Redis: starting on 127.0.0.1:${port}`);
	const log = createWriteStream(logFile);
	const child = spawn(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	child.stdout.pipe(log, { end: false });
	child.stderr.pipe(log, { end: false });
	let exited = false;
	const exit = new Promise((resolve) =>
		child.on('exit', () => {
			exited = true;
			resolve();
		}),
	);
	const service = {
		host: '127.0.0.1',
		port,
		dir,
		logFile,
		async stop() {
			if (!exited) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
				await exit;
				clearTimeout(timer);
			}
			log.end();
			rmSync(dir, { recursive: true, force: true });
		},
	};
	const deadline = Date.now() + 30_000;
	while (!(await ping(port))) {
		if (exited || Date.now() > deadline) {
			const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
			await service.stop();
			throw new Error(`redis-server did not start:\n${tail}`);
		}
		await sleep(100);
	}
	return service;
}

/** The environment that puts n8n (main and workers) in queue mode on these services. */
export function queueModeEnv({ postgres, redis, encryptionKey }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// Main and workers decrypt the same credentials.
		N8N_ENCRYPTION_KEY: encryptionKey,
		// What n8n 2.x uses by default in queue mode: binary data in the database, so that a file a
		// worker wrote is readable by main and by the other workers.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// "Execute workflow" from the editor runs on a worker, as it always will from n8n 3.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

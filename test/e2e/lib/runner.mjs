// The start-up and shut-down every real-n8n runner shares (end-to-end, queue mode, memory, SSRF, recovery, the
// editor): the common command-line options, the pinned n8n runtime, the build, a fresh n8n user folder with the
// stack in it (sandbox, installed package, n8n, workers), and stopping all of it at the end or on Ctrl-C, keeping
// the user folder when asked or when the run failed.
//
//   const report = new Report();
//   const runner = new N8nRun({ name: 'e2e', failed: () => report.failed.length > 0 });
//   await runner.execute(async () => {
//     await runner.prepare(`n8n ${versions.n8n} (Node ${versions.node})`);   // runtime, version, build
//     const stack = await runner.start({ sandboxOptions: { sampleData: true } }); // user folder + startStack
//     …
//   }, { report, what: 'end-to-end run', title: 'End-to-end tests' });   // stops everything, summary, exit code

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { buildPackage } from '../../../scripts/install-package.mjs';
import { ensureRuntime, n8nVersion } from '../../../scripts/n8n-runtime.mjs';
import { bold, dim, red, section, seconds, step } from './report.mjs';
import { ensureDebianPackages, queueModeEnv, startPostgres, startRedis } from './services.mjs';
import { startStack } from './stack.mjs';

/**
 * The command line of a runner: `option('--flag')`, `value('--name', fallback)`, and the options every runner
 * takes: --no-build (use the existing dist/), --only <text>, --keep (keep the n8n user folder), --verbose (n8n's
 * output).
 */
export function runnerArgs(args = process.argv.slice(2)) {
	const option = (name) => args.includes(name);
	const value = (name, fallback) => (option(name) ? args[args.indexOf(name) + 1] : fallback);
	return {
		args,
		option,
		value,
		only: value('--only'),
		build: !option('--no-build'),
		keep: option('--keep'),
		verbose: option('--verbose'),
	};
}

export class N8nRun {
	/**
	 * @param options.name   the user folder is `<tmp>/n8n-<name>-XXXXXX`
	 * @param options.failed whether the run failed so far (its user folder is then kept)
	 * @param options.args   the command line (default: this process's)
	 */
	constructor({ name, failed = () => false, args }) {
		this.name = name;
		this.failed = failed;
		this.cli = runnerArgs(args);
		this.started = Date.now();
		this.stack = undefined;
		this.userFolder = undefined;
		this.beforeN8n = [];
		this.afterN8n = [];
	}

	/** Prints the title, installs the pinned n8n and Node if needed, and builds the package unless --no-build. */
	async prepare(title) {
		section(title);
		const t0 = Date.now();
		await ensureRuntime();
		console.log(`   n8n --version: ${n8nVersion()} ${dim(`(${seconds(Date.now() - t0)})`)}`);
		if (this.cli.build) {
			section('Build');
			buildPackage();
		}
	}

	/**
	 * A fresh user folder and the stack in it (see startStack for the options; --verbose shows n8n's output). A
	 * second call stops the first stack and removes its folder first; `name` overrides the folder's name.
	 */
	async start(stackOptions = {}, { name = this.name } = {}) {
		if (this.stack) await this.stopStack();
		this.userFolder = mkdtempSync(path.join(tmpdir(), `n8n-${name}-`));
		const t0 = Date.now();
		this.stack = await startStack({
			userFolder: this.userFolder,
			inheritOutput: this.cli.verbose,
			onStep: step,
			...stackOptions,
		});
		const { server, sandbox, workers } = this.stack;
		const withWorkers = workers.length
			? `, ${workers.map((worker) => `${worker.name} (pid ${worker.pid})`).join(', ')}`
			: '';
		console.log(
			`   n8n at ${server.url}${withWorkers}, sandbox at ${sandbox.url} ${dim(`(${seconds(Date.now() - t0)})`)}`,
		);
		return this.stack;
	}

	/**
	 * Something else to stop at the end (a browser, more sandboxes, Redis, PostgreSQL), named for the Ctrl-C message;
	 * `afterN8n` stops it once n8n has stopped (what n8n uses), otherwise before.
	 */
	onStop(label, stop, { afterN8n = false } = {}) {
		(afterN8n ? this.afterN8n : this.beforeN8n).unshift({ label, stop });
	}

	async stopStack() {
		const { stack, userFolder } = this;
		this.stack = undefined;
		this.userFolder = undefined;
		if (stack) await stack.stop().catch(() => {});
		if (!userFolder) return;
		if (this.cli.keep || this.failed()) {
			const logs = ['n8n.log', ...(stack?.workers ?? []).map((worker) => `${worker.name}.log`)];
			console.log(dim(`\n   n8n user folder kept: ${userFolder} (logs: ${logs.join(', ')})`));
		} else {
			rmSync(userFolder, { recursive: true, force: true });
		}
	}

	/** Stops everything this run started, in order, and keeps or removes the user folder. */
	async stop() {
		for (const { stop } of this.beforeN8n) await Promise.resolve(stop()).catch(() => {});
		this.beforeN8n = [];
		await this.stopStack();
		for (const { stop } of this.afterN8n) await Promise.resolve(stop()).catch(() => {});
		this.afterN8n = [];
	}

	/**
	 * PostgreSQL and Redis for queue mode (Debian's packages installed when missing), stopped after n8n at the end;
	 * `env` is the environment of n8n main and its workers.
	 */
	async startQueueServices() {
		const installed = ensureDebianPackages({ onStep: step });
		if (installed.length) console.log(`   installed ${installed.join(', ')}`);
		const postgres = await startPostgres({ onStep: step });
		this.onStop('PostgreSQL', () => postgres.stop(), { afterN8n: true });
		const redis = await startRedis({ onStep: step });
		this.onStop('Redis', () => redis.stop(), { afterN8n: true });
		const env = queueModeEnv({ postgres, redis, encryptionKey: randomBytes(24).toString('hex') });
		return { postgres, redis, env };
	}

	/**
	 * Runs `main` as a runner's whole run: Ctrl-C stops everything; an error it throws is a failed `what` in the
	 * report's setup group; then everything is stopped (`beforeStop` first, `afterStop` after), the summary printed,
	 * and the process ends with "<title> passed", or "<title> FAILED" and exit code 1.
	 */
	async execute(main, { report, what, title, beforeStop = () => {}, afterStop = () => {} }) {
		this.exitOnSignals();
		try {
			await main();
		} catch (error) {
			report.fail('setup', what, [error.message]);
		}
		await beforeStop();
		await this.stop();
		await afterStop();
		report.printSummary(Date.now() - this.started);
		if (report.failed.length) {
			console.log(red(bold(`\n${title} FAILED`)));
			process.exit(1);
		}
		console.log(bold(`\n${title} passed`));
	}

	/** Ctrl-C or SIGTERM stop everything (exit code 130). */
	exitOnSignals() {
		for (const signal of ['SIGINT', 'SIGTERM']) {
			process.once(signal, async () => {
				const labels = [
					...this.beforeN8n.map(({ label }) => label),
					'n8n and the sandbox',
					...this.afterN8n.map(({ label }) => label),
				];
				console.log(red(`\n${signal}: stopping ${labels.join(', ')}`));
				await this.stop();
				process.exit(130);
			});
		}
	}
}

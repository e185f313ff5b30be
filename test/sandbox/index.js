'use strict';

/**
 * A local simulator of the provider APIs the nodes talk to (Creatify, SixtySeconds, TikTok API for Business,
 * Genviral), for tests, benchmarks and demos. Never shipped: package.json "files" only lists dist.
 *
 *   const { startSandbox, SANDBOX_KEYS } = require('./test/sandbox');
 *   const sandbox = await startSandbox({ durations: { minMs: 50, maxMs: 100 } });
 *   sandbox.credentials.tiktokBusinessApi  // → { accessToken, environment: 'custom', baseUrl }
 *   await sandbox.close();
 *
 * See README.md beside this file for the endpoints, options and what the sandbox assumes.
 */

const { Sandbox, DEFAULT_OPTIONS, FAULT_TYPES } = require('./lib/server');
const { SANDBOX_KEYS } = require('./lib/keys');
const { GENVIRAL_IDS } = require('./providers/genviral');

async function startSandbox(options = {}) {
	const sandbox = new Sandbox(options);
	await sandbox.listen();
	return {
		get url() {
			return sandbox.origin;
		},
		get credentials() {
			return sandbox.credentials();
		},
		get options() {
			return JSON.parse(JSON.stringify(sandbox.options));
		},
		/** A fresh snapshot of the in-memory state, job statuses computed at the current sandbox time. */
		get state() {
			return sandbox.snapshot();
		},
		injectFault: (rule) => sandbox.injectFault(rule),
		clearFaults: () => sandbox.clearFaults(),
		requests: (filter) => sandbox.requests(filter),
		stats: () => sandbox.stats(),
		reset: () => sandbox.resetState(),
		configure: (partial) => JSON.parse(JSON.stringify(sandbox.configure(partial))),
		advanceTime: (ms) => sandbox.advanceTime(ms),
		now: () => sandbox.now(),
		videoUrl: (bytes, name) => sandbox.videoUrl(bytes, name),
		whenIdle: () => sandbox.whenIdle(),
		close: () => sandbox.close(),
	};
}

module.exports = { startSandbox, SANDBOX_KEYS, DEFAULT_OPTIONS, FAULT_TYPES, GENVIRAL_IDS };

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { resetRateLimits } from '../../nodes/shared/rateLimiter';
import { startSandbox } from '../sandbox';
import type { Sandbox, SandboxCredentials, SandboxOptions } from '../sandbox';

/** The field of each sandbox credential that holds its key or token. */
const KEY_FIELD: Record<keyof SandboxCredentials, string> = {
	creatifyApi: 'apiKey',
	sixtySecondsApi: 'apiKey',
	genviralApi: 'apiKey',
	tiktokBusinessApi: 'accessToken',
};

export interface SandboxSuiteOptions {
	/** Applied before each test, after the reset (e.g. credits, render times). */
	each?: SandboxOptions;
	/** Empty the sandbox before each test (default). Off: jobs and the request log carry over between tests. */
	reset?: boolean;
}

/**
 * One provider sandbox for the test file that calls this (at its top level, or by importing a module that does):
 * started before its first test with `start`, closed after its last. Before each test the sandbox is emptied (state,
 * request log, faults, rate windows), `each` is applied, and the nodes' process-wide rate limiter is emptied, so one
 * test's pacing never slows the next.
 *
 * Returns the running sandbox: a stand-in that reaches the sandbox of the current file, usable once the tests run.
 */
export function useSandbox(
	start: SandboxOptions = {},
	{ each, reset = true }: SandboxSuiteOptions = {},
): Sandbox {
	let current: Sandbox | undefined;
	beforeAll(async () => {
		current = await startSandbox(start);
	});
	afterAll(async () => {
		await current?.close();
		current = undefined;
	});
	beforeEach(() => {
		if (reset) current?.reset();
		if (each) current?.configure(each);
		resetRateLimits();
	});
	return new Proxy({} as Sandbox, {
		get(_target, property) {
			if (!current) throw new Error('The sandbox is running only while the tests of its file run.');
			const value: unknown = Reflect.get(current, property, current);
			return typeof value === 'function' ? value.bind(current) : value;
		},
	});
}

/**
 * The sandbox's credential `name` for a run: `change` replaces fields, or, as text, the key or token (a wrong
 * key, another of the sandbox's test keys, '').
 */
export function sandboxCredentials(
	sandbox: Sandbox,
	name: keyof SandboxCredentials,
	change: string | IDataObject = {},
): Record<string, ICredentialDataDecryptedObject> {
	const changes = typeof change === 'string' ? { [KEY_FIELD[name]]: change } : change;
	return { [name]: { ...sandbox.credentials[name], ...changes } };
}

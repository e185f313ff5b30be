'use strict';
/**
 * What the generated-input test (test/integration/generatedInput.test.ts) needs from outside TypeScript: the nodes
 * and credentials of package.json, a sandbox whose request log also keeps each answer, the seed and run count
 * (overridable from the environment to reproduce a failure) and a quiet n8n error reporter.
 *
 * CommonJS on purpose: it reads package.json and the environment, which strict lint forbids in .ts files.
 */
const path = require('node:path');

const { Sandbox } = require('../sandbox/lib/server');

const repo = path.resolve(__dirname, '../..');
const pkg = require(path.join(repo, 'package.json'));

/** package.json's dist path → the TypeScript source it is built from (so no build is needed). */
function sourceOf(file) {
	return path.join(repo, file.replace(/^dist\//, '').replace(/\.js$/, ''));
}

/** One instance of every class a file exports (a node or credential file exports exactly one). */
function instanceOf(file) {
	const exported = Object.values(require(sourceOf(file)));
	return new exported[0]();
}

/** Every node of package.json `n8n.nodes` (a node added later is picked up), with its package file. */
function packageNodes() {
	return pkg.n8n.nodes.map((file) => ({ file, nodeType: instanceOf(file) }));
}

/** Every credential type of package.json `n8n.credentials`. */
function packageCredentialTypes() {
	return pkg.n8n.credentials.map(instanceOf);
}

/** The sandbox, with each logged request also holding the answer (`answer`: its JSON or text). */
class AnsweringSandbox extends Sandbox {
	finish(res, entry, provider, response, dropInstead) {
		entry.answer = response.json !== undefined ? response.json : (response.text ?? response.raw);
		return super.finish(res, entry, provider, response, dropInstead);
	}
}

/**
 * Starts the sandbox of `test/sandbox` with answers in its log. Besides the usual interface (`requests`, `reset`,
 * `configure`, `credentials`, `state`, …) it tells which endpoints exist (`endpoints`: "METHOD /templated/path").
 */
async function startAnsweringSandbox(options = {}) {
	const sandbox = new AnsweringSandbox(options);
	await sandbox.listen();
	const endpoints = new Set(
		sandbox.providers.flatMap((provider) => provider.compiled.map((route) => route.endpoint)),
	);
	return {
		get url() {
			return sandbox.origin;
		},
		get credentials() {
			return sandbox.credentials();
		},
		get state() {
			return sandbox.snapshot();
		},
		endpoints,
		requests: (filter) => sandbox.requests(filter),
		stats: () => sandbox.stats(),
		reset: () => sandbox.resetState(),
		configure: (partial) => JSON.parse(JSON.stringify(sandbox.configure(partial))),
		advanceTime: (ms) => sandbox.advanceTime(ms),
		videoUrl: (bytes, name) => sandbox.videoUrl(bytes, name),
		handlerErrors: () => sandbox.handlerErrors.slice(),
		close: () => sandbox.close(),
	};
}

/**
 * The seed and the number of generated cases: fixed by default so every run is the same; GENERATED_INPUT_SEED and
 * GENERATED_INPUT_CASES (total cases of the file) change them, e.g. to reproduce a run printed by another machine.
 */
function generatedInputSettings({ seed, cases }) {
	const envSeed = process.env.GENERATED_INPUT_SEED;
	const envCases = process.env.GENERATED_INPUT_CASES;
	return {
		seed: envSeed !== undefined && envSeed !== '' ? Number(envSeed) : seed,
		cases: envCases !== undefined && envCases !== '' ? Number(envCases) : cases,
	};
}

/**
 * n8n-core reports every node error to its error reporter, which logs the whole error with its stack; over a
 * thousand cases that is noise, and the test reads the errors itself.
 */
function silenceErrorReporter() {
	const corePaths = { paths: [require.resolve('n8n-core')] };
	const { Container } = require(require.resolve('@n8n/di', corePaths));
	const { ErrorReporter } = require('n8n-core');
	Container.set(ErrorReporter, { error() {}, warn() {}, info() {} });
}

/** Runs `work` with a deadline: resolves to its value, or to `onTimeout()`'s after `ms`. */
async function withDeadline(work, ms, onTimeout) {
	let timer;
	const deadline = new Promise((resolve) => {
		timer = setTimeout(() => resolve(onTimeout()), ms);
	});
	try {
		return await Promise.race([work, deadline]);
	} finally {
		clearTimeout(timer);
	}
}

module.exports = {
	packageNodes,
	packageCredentialTypes,
	startAnsweringSandbox,
	generatedInputSettings,
	silenceErrorReporter,
	withDeadline,
};

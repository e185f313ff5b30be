#!/usr/bin/env node
// End-to-end tests (`npm run test:e2e`): the packed package inside a real n8n, against the local
// provider sandbox.
//
//   1. install the pinned n8n and Node 24 into the cache if needed (scripts/n8n-runtime.mjs);
//   2. build, `npm pack`, and install the tarball into a fresh n8n user folder the way n8n installs
//      community packages, so node types are `n8n-nodes-shortform-video.<node>`;
//   3. start the sandbox, import credentials pointing at it, start ONE `n8n start` and log in;
//   4. check that n8n loaded every node and credential of the package;
//   5. test every credential through n8n's own credential test (good key passes, bad key fails);
//   6. run every workflow in examples/ and test/e2e/workflows/ via "Execute workflow" and check
//      the execution against test/e2e/expectations/<same file name>.
//
// Options: --no-build (use the existing dist/), --only <text> (workflows whose file or name
// contains <text>), --keep (keep the user folder), --verbose (show n8n's output), --dump (print
// what each node produced, to help write an expectation file).

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

import { versions } from '../../scripts/n8n-runtime.mjs';
import { SANDBOX_CREDENTIALS, SECRET_FIELDS, secretsOf } from './lib/credentials.mjs';
import { checkExecution, checkSandbox } from './lib/expect.mjs';
import { dim, Report, section } from './lib/report.mjs';
import { N8nRun } from './lib/runner.mjs';
import {
	loadWorkflows,
	manualTriggerName,
	orphanExpectations,
	packageTypes,
	readPackageJson,
	repoRoot,
	uncoveredNodeTypes,
} from './lib/workflows.mjs';

const report = new Report();
const runner = new N8nRun({ name: 'e2e', failed: () => report.failed.length > 0 });
const { option, only } = runner.cli;

/**
 * Examples address their n8n as http://127.0.0.1:5678 (the `npm start` address), e.g. in a Webhook URL pointing at
 * a trigger of the same workflow; the run points those at the n8n under test.
 */
const EXAMPLE_N8N_URL = 'http://127.0.0.1:5678';
function localize(workflow, n8nUrl) {
	return JSON.parse(JSON.stringify(workflow).split(EXAMPLE_N8N_URL).join(n8nUrl));
}

/**
 * `triggered`: after the manual run, waits for the executions the workflow's trigger must start (e.g. the sandbox
 * posting Creatify's callback to a published Creatify Trigger) and checks each one's nodes.
 */
async function checkTriggered(api, workflowId, manualExecutionId, triggered, { sandbox, secrets }) {
	const failures = [];
	const notes = [];
	// Callbacks the provider did not send (`posts`): each must get its status and start nothing.
	for (const { path: webhookPath, body, status } of triggered.posts ?? []) {
		const response = await fetch(new URL(webhookPath, api.url), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		notes.push(`POST ${webhookPath} → ${response.status} ${text.slice(0, 120)}`);
		if (status !== undefined && response.status !== status)
			failures.push(
				`POST ${webhookPath}: expected HTTP ${status}, got ${response.status} ${text.slice(0, 200)}`,
			);
	}
	const deadline = Date.now() + (triggered.timeoutSeconds ?? 60) * 1000;
	let finished = [];
	for (;;) {
		const others = (await api.listExecutions(workflowId)).filter(
			(execution) => String(execution.id) !== String(manualExecutionId),
		);
		finished = others.filter(
			(execution) => !['new', 'running', 'waiting'].includes(execution.status),
		);
		if (finished.length >= triggered.count && finished.length === others.length) break;
		if (Date.now() > deadline) {
			failures.push(
				`expected the trigger to start ${triggered.count} execution(s), ${finished.length} finished in ${triggered.timeoutSeconds ?? 60} s`,
			);
			break;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	// A late extra execution (e.g. from a refused post) would show up now.
	await new Promise((resolve) => setTimeout(resolve, 1000));
	finished = (await api.listExecutions(workflowId)).filter(
		(execution) => String(execution.id) !== String(manualExecutionId),
	);
	if (finished.length > triggered.count)
		failures.push(`the trigger started ${finished.length} executions, expected ${triggered.count}`);
	for (const { id } of finished) {
		const execution = await api.getExecution(id);
		const result = checkExecution(execution, { nodes: triggered.nodes }, { sandbox, secrets });
		failures.push(...result.failures.map((failure) => `triggered execution ${id}: ${failure}`));
		notes.push(`triggered execution ${id} (${execution.mode}): ${result.notes.join('; ')}`);
	}
	return { failures, notes };
}

async function checkLoadedTypes(api, types) {
	const pkg = readPackageJson();
	const loadedNodes = new Set((await api.nodeTypes()).map((node) => node.name));
	const loadedCredentials = new Set(
		(await api.credentialTypes()).map((credential) => credential.name),
	);
	const failures = [
		...types.nodes
			.filter(({ type }) => !loadedNodes.has(type))
			.map(({ type }) => `node type ${type} is not loaded`),
		...types.credentials
			.filter(({ type }) => !loadedCredentials.has(type))
			.map(({ type }) => `credential type ${type} is not loaded`),
	];
	const ours = [...loadedNodes].filter((name) => name.startsWith(`${pkg.name}.`));
	report.check('package', `n8n loaded the package as ${pkg.name}`, failures, [
		`nodes: ${ours.join(', ') || '(none)'}`,
		`credentials: ${types.credentials.map(({ type }) => type).join(', ') || '(none)'}`,
	]);
}

function credentialCases() {
	const file = path.join(repoRoot, 'test/e2e/credentials.json');
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

async function checkCredentials(api, types, credentials) {
	const extra = credentialCases();
	for (const { type, displayName } of types.credentials) {
		const reference = SANDBOX_CREDENTIALS[type];
		const data = credentials[type];
		if (!reference || !data) {
			report.fail('credentials', `${displayName}`, [
				`no sandbox credential for ${type}: add it to test/e2e/lib/credentials.mjs and the sandbox`,
			]);
			continue;
		}
		const badData = { ...data };
		for (const field of SECRET_FIELDS[type] ?? []) badData[field] = 'invalid-key-e2e';
		const cases = [
			{ description: 'sandbox key', data, status: 'OK' },
			{ description: 'wrong key', data: badData, status: 'Error' },
			...(extra[type] ?? []).map((entry) => ({ ...entry, data: { ...data, ...entry.data } })),
		];
		for (const testCase of cases) {
			const t0 = Date.now();
			const failures = [];
			let result;
			try {
				result = await api.testCredential({ ...reference, type, data: testCase.data });
			} catch (error) {
				failures.push(error.message);
			}
			if (result) {
				if (result.status !== testCase.status) {
					failures.push(
						`expected ${testCase.status}, n8n answered ${result.status}: ${result.message}`,
					);
				}
				if (testCase.status === 'Error' && !result.message)
					failures.push('the failed test gives no message');
				for (const part of [testCase.messageIncludes ?? []].flat()) {
					if (!String(result.message).includes(part))
						failures.push(`message does not include "${part}": ${result.message}`);
				}
				const leaked = secretsOf({ [type]: testCase.data }).filter(
					(secret) => secret && String(result.message).includes(secret),
				);
				if (leaked.length) failures.push('the message contains the key');
			}
			const details = result
				? [`${result.status}${result.message ? `: ${result.message}` : ''}`]
				: [];
			report.check(
				'credentials',
				`${displayName}: ${testCase.description}`,
				failures,
				details,
				Date.now() - t0,
			);
		}
	}
}

/** --dump: what each node produced, to help write an expectation file. */
function dumpOutputs(execution) {
	const runData = execution.data?.resultData?.runData ?? {};
	for (const [node, runs] of Object.entries(runData)) {
		const run = runs[runs.length - 1];
		(run.data?.main ?? []).forEach((items, output) => {
			const first = items?.[0];
			console.log(dim(`     [dump] ${node} output ${output}: ${items?.length ?? 0} item(s)`));
			if (first)
				console.log(
					dim(
						`            first item: ${JSON.stringify({ json: first.json, binary: first.binary, pairedItem: first.pairedItem }).slice(0, 1500)}`,
					),
				);
		});
		if (run.error)
			console.log(
				dim(`     [dump] ${node} error: ${run.error.message} | ${run.error.description ?? ''}`),
			);
	}
}

async function runWorkflow(entry, { api, sandbox, initialOptions, secrets }) {
	const { workflow } = entry;
	// Without a usable expectation file the run is only checked for success (and the setup check fails).
	const expectation = entry.expectation ?? {};
	const title = `${entry.name} ${dim(`(${entry.relative}${entry.expectation ? '' : ', no usable expectation: success only'})`)}`;
	if (expectation.skip) {
		report.skip('workflows', title, expectation.skip);
		return;
	}
	const t0 = Date.now();
	const failures = [];
	const notes = [];
	let published;
	const changed = expectation.sandbox?.config ?? {};
	try {
		sandbox.reset();
		sandbox.clearFaults();
		if (Object.keys(changed).length) sandbox.configure(changed);
		for (const fault of expectation.sandbox?.faults ?? []) sandbox.injectFault(fault);

		const created = await api.createWorkflow(localize(workflow, api.url));
		if (expectation.publish) {
			await api.activateWorkflow(created);
			published = created.id;
		}
		const executionId = await api.runWorkflow(created.id, manualTriggerName(workflow));
		const execution = await api.waitForExecution(executionId, {
			timeoutMs: (expectation.timeoutSeconds ?? 120) * 1000,
		});
		if (option('--dump')) dumpOutputs(execution);
		if (expectation.triggered) {
			const triggered = await checkTriggered(api, created.id, executionId, expectation.triggered, {
				sandbox,
				secrets,
			});
			failures.push(...triggered.failures);
			notes.push(...triggered.notes);
		}
		const result = checkExecution(execution, expectation, { sandbox, secrets });
		failures.push(...result.failures);
		notes.push(...result.notes);

		const checked = await checkSandbox(sandbox, expectation);
		failures.push(...checked.failures);
		const { stats } = checked;
		notes.push(`execution ${executionId}, ${stats.total} sandbox request(s)`);
	} catch (error) {
		failures.push(error.message);
	} finally {
		if (published) await api.deactivateWorkflow(published);
		sandbox.clearFaults();
		if (Object.keys(changed).length) {
			sandbox.configure(
				Object.fromEntries(Object.keys(changed).map((key) => [key, initialOptions[key]])),
			);
		}
	}
	report.check('workflows', title, failures, notes, Date.now() - t0);
}

async function main() {
	await runner.prepare(`n8n ${versions.n8n} (Node ${versions.node})`);

	section('Workflows and expectations');
	const types = packageTypes();
	const all = loadWorkflows();
	const selected = only
		? all.filter((entry) => entry.relative.includes(only) || entry.name.includes(only))
		: all;
	const setupFailures = [];
	for (const entry of all) {
		for (const problem of entry.problems) setupFailures.push(`${entry.relative} ${problem}`);
	}
	for (const name of orphanExpectations(all)) {
		setupFailures.push(`test/e2e/expectations/${name} has no workflow of that name`);
	}
	for (const { type } of uncoveredNodeTypes(types.nodes, all)) {
		setupFailures.push(`node ${type} has no example workflow in examples/`);
	}
	if (all.length === 0)
		setupFailures.push('there is no workflow to run (examples/ and test/e2e/workflows/ are empty)');
	report.check(
		'setup',
		`${all.filter((e) => e.source === 'example').length} example(s), ${all.filter((e) => e.source === 'e2e').length} e2e-only workflow(s), ${types.nodes.length} node(s) in the package`,
		setupFailures,
	);
	if (only && selected.length === 0) throw new Error(`--only ${only} matches no workflow`);

	section('Start the sandbox and n8n');
	const { api, sandbox } = await runner.start();
	const credentials = sandbox.credentials;
	const initialOptions = sandbox.options;

	section('Package loaded by n8n');
	await checkLoadedTypes(api, types);

	section('Credential tests (through n8n)');
	await checkCredentials(api, types, credentials);

	section('Workflows');
	const secrets = secretsOf(credentials);
	for (const entry of selected.filter((e) => e.runnable)) {
		await runWorkflow(entry, { api, sandbox, initialOptions, secrets });
	}
}

await runner.execute(main, { report, what: 'end-to-end run', title: 'End-to-end tests' });

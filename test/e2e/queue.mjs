#!/usr/bin/env node
// End-to-end tests in n8n's queue mode (`npm run test:e2e:queue`): the packed package in a main
// n8n and two `n8n worker` processes, with PostgreSQL and Redis, against the provider sandbox.
//
//   1. install the pinned n8n and Node 24 if needed; build (unless --no-build);
//   2. install Debian's postgresql and redis-server when missing; start both on free loopback ports
//      with their data in temporary folders;
//   3. start one sandbox per concurrent run ("lanes", each with its own credentials, so that each
//      run's expectation holds on its own), main n8n and two workers (EXECUTIONS_MODE=queue, binary
//      data in the database), the package installed into every user folder as test:e2e does;
//   4. run every example workflow of examples/ twice, all at the same time, through "Execute
//      workflow" (offloaded to the workers), and check each execution against its expectation file,
//      its binary data (downloaded from main), secrets and rate limits; print which worker ran each
//      and fail unless the runs overlapped and both workers took some;
//   5. pacing across workers: two TikTok Refresh Ads runs of six ads each, on the same credential, on
//      two workers at once; print what the sandbox saw (creates sent, refused with 40100, accepted)
//      and fail if an ad was lost or a create was accepted twice.
//
// Options: --no-build, --only <text> (examples whose file or name contains <text>), --keep (keep
// the n8n user folder and logs), --verbose (n8n's output), --copies <n> (runs of each example,
// default 2), --no-pacing (skip step 5), --pacing-items <n> (ads per pacing run, default 6),
// --pacing-distinct-videos (each ad its own video, so each run also starts with <n> uploads),
// --pacing-one-worker (stop the second worker first: the single-process reference).

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { versions } from '../../scripts/n8n-runtime.mjs';
import { credentialsForImport, secretsOf, withCredentialLane } from './lib/credentials.mjs';
import { binarySize, checkExecution, checkSandbox } from './lib/expect.mjs';
import { workerExecutions } from './lib/n8n.mjs';
import { dim, Report, section, seconds, step } from './lib/report.mjs';
import { N8nRun } from './lib/runner.mjs';
import { loadSandbox } from './lib/stack.mjs';
import {
	loadWorkflows,
	manualTriggerName,
	orphanExpectations,
	packageTypes,
	repoRoot,
	uncoveredNodeTypes,
} from './lib/workflows.mjs';

const report = new Report();
const runner = new N8nRun({ name: 'e2e-queue', failed: () => report.failed.length > 0 });
const { option, value, only } = runner.cli;
const copiesWanted = Number(value('--copies', 2));
const pacingItems = Number(value('--pacing-items', 6));
const distinctVideos = option('--pacing-distinct-videos');

const WORKERS = 2;
/** At least this many executions must run at the same time, spread over the workers. */
const MIN_CONCURRENT = 4;
const REFRESH_CREATE = 'POST /open_api/v1.3/creative/aigc/refresh_video/task/create/';
const UPLOAD = 'POST /open_api/v1.3/file/video/ad/upload/';
const PACING_WORKFLOW = path.join(repoRoot, 'test/e2e/queue/tiktok-refresh-ads-pacing.json');

const sandboxes = []; // the extra lanes' sandboxes (lane 0 is the stack's own)
let stack;

/** Which worker started each execution id, from the workers' logs. */
function workerOfExecutions() {
	const map = new Map();
	for (const worker of stack.workers) {
		for (const id of workerExecutions(worker.logFile)) map.set(String(id), worker.name);
	}
	return map;
}

/** The most executions running at one instant, from their start and stop times. */
function peakOverlap(executions) {
	const events = executions.flatMap((execution) => [
		[Date.parse(execution.startedAt), 1],
		[Date.parse(execution.stoppedAt), -1],
	]);
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let running = 0;
	let peak = 0;
	for (const [, delta] of events) {
		running += delta;
		peak = Math.max(peak, running);
	}
	return peak;
}

/** Most requests among `times` (ms) within any window of `windowMs`. */
function maxInWindow(times, windowMs) {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= windowMs) start++;
		best = Math.max(best, end - start + 1);
	}
	return best;
}

/**
 * Binary data of the nodes the expectation checks, downloaded through main: a worker wrote it (to
 * the database in queue mode), so this shows that main, and any other worker, can read it.
 */
async function checkBinaries(api, execution, expectation) {
	const failures = [];
	const notes = [];
	const runData = execution.data?.resultData?.runData ?? {};
	for (const [name, rules] of Object.entries(expectation.nodes ?? {})) {
		if (!rules.binary) continue;
		const property =
			typeof rules.binary === 'string' ? rules.binary : (rules.binary.property ?? 'data');
		const runs = runData[name] ?? [];
		const items = runs[runs.length - 1]?.data?.main?.[rules.output ?? 0] ?? [];
		const modes = new Set();
		let total = 0;
		for (const [index, item] of items.entries()) {
			const binary = item.binary?.[property];
			if (!binary) continue; // reported by checkExecution
			if (!binary.id) {
				failures.push(
					`node "${name}" item ${index}: binary "${property}" has no id (held in the execution data)`,
				);
				continue;
			}
			modes.add(binary.id.split(':')[0]);
			try {
				const bytes = await api.binaryDataBytes(binary.id);
				const expected = typeof binary.bytes === 'number' ? binary.bytes : undefined;
				if (bytes < 1 || (expected !== undefined && bytes !== expected)) {
					failures.push(
						`node "${name}" item ${index}: binary "${property}" downloads as ${bytes} bytes, expected ${expected ?? binarySize(binary) ?? 'more than 0'}`,
					);
				}
				total += bytes;
			} catch (error) {
				failures.push(
					`node "${name}" item ${index}: binary "${property}" not readable from main: ${error.message}`,
				);
			}
		}
		if (items.length)
			notes.push(
				`${name}: ${items.length} binary file(s), ${total} bytes read back from main (${[...modes].join(', ')} mode)`,
			);
		if (modes.size && !modes.has('database'))
			failures.push(
				`node "${name}": binary data stored in ${[...modes].join(', ')} mode, not in the database`,
			);
	}
	return { failures, notes };
}

async function checkLoadedTypes(api, types) {
	const loaded = new Set((await api.nodeTypes()).map((node) => node.name));
	const missing = types.nodes.filter(({ type }) => !loaded.has(type));
	report.check(
		'package',
		`main loaded ${types.nodes.length} node(s) of the package`,
		missing.map(({ type }) => `node type ${type} is not loaded`),
	);
}

/** Every example, `copies` times, all at once; each run against a sandbox (lane) of its own. */
async function runExamplesConcurrently(runs, secrets) {
	const { api } = stack;
	for (const run of runs) {
		const { sandbox, entry } = run;
		const expectation = entry.expectation ?? {};
		sandbox.reset();
		sandbox.clearFaults();
		if (expectation.sandbox?.config) sandbox.configure(expectation.sandbox.config);
		for (const fault of expectation.sandbox?.faults ?? []) sandbox.injectFault(fault);
		const workflow = withCredentialLane(
			{ ...entry.workflow, name: `${entry.workflow.name} (queue run ${run.index + 1})` },
			run.lane,
		);
		run.workflowId = (await api.createWorkflow(workflow)).id;
	}

	const t0 = Date.now();
	await Promise.all(
		runs.map(async (run) => {
			run.startedAt = Date.now();
			try {
				run.executionId = await api.runWorkflow(
					run.workflowId,
					manualTriggerName(run.entry.workflow),
				);
				const timeoutMs = (run.entry.expectation?.timeoutSeconds ?? 120) * 1000;
				run.execution = await api.waitForExecution(run.executionId, { timeoutMs });
			} catch (error) {
				run.error = error;
			}
			run.ms = Date.now() - run.startedAt;
		}),
	);
	const wallMs = Date.now() - t0;
	// A worker logs the start of an execution as it takes it; the runs are over, so the logs are complete.
	const workerOf = workerOfExecutions();

	for (const run of runs) {
		const { entry, sandbox } = run;
		const expectation = entry.expectation ?? {};
		const failures = [];
		let notes = [];
		if (run.error) failures.push(run.error.message);
		if (run.execution) {
			const result = checkExecution(run.execution, expectation, { sandbox, secrets });
			failures.push(...result.failures);
			notes = result.notes;
			const binaries = await checkBinaries(api, run.execution, expectation);
			failures.push(...binaries.failures);
			notes.push(...binaries.notes);
		}
		const checked = await checkSandbox(sandbox, expectation);
		failures.push(...checked.failures);
		const { stats } = checked;
		run.worker = workerOf.get(String(run.executionId));
		if (run.executionId && !run.worker)
			failures.push(`no worker logged execution ${run.executionId}: it did not run on a worker`);
		notes.push(
			`execution ${run.executionId ?? '?'} on ${run.worker ?? '?'}, lane ${run.lane}, ${stats.total} sandbox request(s), ${stats.rateViolations} over a rate limit`,
		);
		const title = `${entry.name} ${dim(`(${entry.relative}, run ${run.index + 1}, ${run.worker ?? 'no worker'})`)}`;
		report.check('examples', title, failures, notes, run.ms);
	}

	const finished = runs
		.map((run) => run.execution)
		.filter((execution) => execution?.startedAt && execution?.stoppedAt);
	const peak = peakOverlap(finished);
	const split = Object.fromEntries(
		stack.workers.map((worker) => [
			worker.name,
			runs.filter((run) => run.worker === worker.name).length,
		]),
	);
	const spreadFailures = [];
	if (peak < Math.min(MIN_CONCURRENT, runs.length))
		spreadFailures.push(
			`at most ${peak} execution(s) ran at the same time, expected ${Math.min(MIN_CONCURRENT, runs.length)}`,
		);
	for (const [name, count] of Object.entries(split)) {
		if (count === 0) spreadFailures.push(`${name} ran none of the ${runs.length} executions`);
	}
	report.check(
		'queue mode',
		`${runs.length} executions at once over ${stack.workers.length} workers`,
		spreadFailures,
		[
			`worker split: ${Object.entries(split)
				.map(([name, count]) => `${name} ${count}`)
				.join(', ')}`,
			...runs.map(
				(run) =>
					`execution ${run.executionId ?? '?'} → ${run.worker ?? '?'}: ${run.entry.relative} (run ${run.index + 1}, ${seconds(run.ms ?? 0)})`,
			),
			`peak overlap: ${peak} executions running at the same time; wall time ${seconds(wallMs)}`,
		],
		wallMs,
	);
}

/**
 * The pacing workflow with `count` ads, each description tagged with the run's letter. The ads
 * share one video (one upload per run); with --pacing-distinct-videos each has its own, so each run
 * starts with `count` uploads.
 */
function pacingWorkflow(letter, count) {
	const workflow = JSON.parse(readFileSync(PACING_WORKFLOW, 'utf8'));
	const source = workflow.nodes.find((node) => node.name === 'Product angles');
	const { ads } = JSON.parse(source.parameters.jsonOutput);
	const rows = Array.from({ length: count }, (_, index) => {
		const ad = ads[index % ads.length];
		return {
			video_url: distinctVideos
				? ad.video_url.replace(/\.mp4$/, `-${letter.toLowerCase()}${index + 1}.mp4`)
				: ad.video_url,
			product_description: `[run ${letter}, ad ${index + 1}] ${ad.product_description}`,
		};
	});
	source.parameters.jsonOutput = JSON.stringify({ ads: rows }, null, 2);
	workflow.name = `${workflow.name} (run ${letter})`;
	return { workflow, descriptions: rows.map((row) => row.product_description) };
}

/**
 * Two Refresh Ads runs on the same credential (one TikTok app), started together so that each
 * lands on a worker of its own. Each worker paces its own creates (1 per second, 5 per minute);
 * together they send up to twice that, and TikTok (the sandbox) refuses the excess with 40100.
 */
async function measurePacing() {
	const { api, sandbox } = stack;
	sandbox.reset();
	sandbox.clearFaults();
	const runs = ['A', 'B'].map((letter) => ({ letter, ...pacingWorkflow(letter, pacingItems) }));
	for (const run of runs) run.workflowId = (await api.createWorkflow(run.workflow)).id;

	const t0 = Date.now();
	await Promise.all(
		runs.map(async (run) => {
			try {
				run.executionId = await api.runWorkflow(run.workflowId, manualTriggerName(run.workflow));
				run.execution = await api.waitForExecution(run.executionId, { timeoutMs: 20 * 60_000 });
			} catch (error) {
				run.error = error;
			}
			run.ms = Date.now() - t0;
		}),
	);
	const wallMs = Date.now() - t0;
	const workerOf = workerOfExecutions();
	const creates = sandbox.requests({ endpoint: REFRESH_CREATE });
	const uploads = sandbox.requests({ endpoint: UPLOAD });
	const accepted = creates.filter((request) => request.status === 200 && request.code === 0);
	const refused = creates.filter((request) => request.code === 40100);
	const other = creates.length - accepted.length - refused.length;
	const stats = sandbox.stats();
	const violationsByRule = {};
	for (const violation of stats.violations) {
		const key = `${violation.endpoint.includes('refresh_video/task/create') ? 'refresh create' : violation.endpoint} ${violation.limit}/${violation.windowMs / 1000} s`;
		violationsByRule[key] = (violationsByRule[key] ?? 0) + 1;
	}
	const times = creates.map((request) => Date.parse(request.time));
	const acceptedTimes = accepted.map((request) => Date.parse(request.time));
	const spanS = (list) => (list.length > 1 ? (Math.max(...list) - Math.min(...list)) / 1000 : 0);

	const failures = [];
	const lines = [];
	for (const run of runs) {
		run.worker = workerOf.get(String(run.executionId));
		const runData = run.execution?.data?.resultData?.runData ?? {};
		const nodeRuns = runData['TikTok Refresh Ads'] ?? [];
		const items = nodeRuns[nodeRuns.length - 1]?.data?.main?.[0] ?? [];
		const succeeded = items.filter((item) => item.json?.status === 'SUCCESS').length;
		const pairedInputs = new Set(
			items.map(
				(item) => (Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem)?.item,
			),
		);
		if (run.error) failures.push(`run ${run.letter}: ${run.error.message}`);
		if (run.execution && run.execution.status !== 'success') {
			const error = run.execution.data?.resultData?.error;
			failures.push(
				`run ${run.letter} ended "${run.execution.status}": ${error?.message ?? ''} ${error?.description ?? ''}`.trim(),
			);
		}
		if (pairedInputs.size !== pacingItems)
			failures.push(`run ${run.letter}: results for ${pairedInputs.size} of ${pacingItems} ads`);
		if (succeeded !== items.length)
			failures.push(`run ${run.letter}: ${items.length - succeeded} result(s) not SUCCESS`);
		for (const description of run.descriptions) {
			const mine = accepted.filter(
				(request) => request.body?.add_hook?.product_description === description,
			);
			if (mine.length !== 1)
				failures.push(
					`run ${run.letter}: the create of "${description.slice(0, 20)}…" was accepted ${mine.length} times`,
				);
		}
		const sent = creates.filter((request) =>
			run.descriptions.includes(request.body?.add_hook?.product_description),
		);
		lines.push(
			`run ${run.letter}: execution ${run.executionId ?? '?'} on ${run.worker ?? '?'}, ${seconds(run.ms ?? 0)}, ${pacingItems} ads → ${items.length} results (${succeeded} SUCCESS) from ${pairedInputs.size} ads; creates sent ${sent.length}, refused ${sent.filter((r) => r.code === 40100).length}`,
		);
	}
	if (runs[0].worker && runs[0].worker === runs[1].worker && !option('--pacing-one-worker'))
		failures.push(
			`both runs ran on ${runs[0].worker}: this did not measure pacing across workers (run again)`,
		);
	if (other) failures.push(`${other} create request(s) answered neither 0 nor 40100`);

	const figures = {
		workers: [...new Set(runs.map((run) => run.worker))].length,
		ads: pacingItems * runs.length,
		uploads_sent: uploads.length,
		uploads_refused_40100: uploads.filter((request) => request.code === 40100).length,
		creates_sent: creates.length,
		creates_accepted: accepted.length,
		creates_refused_40100: refused.length,
		rate_violations: stats.rateViolations,
		max_creates_sent_in_1s: maxInWindow(times, 1_000),
		max_creates_sent_in_60s: maxInWindow(times, 60_000),
		max_creates_accepted_in_60s: maxInWindow(acceptedTimes, 60_000),
		first_to_last_accepted_s: Number(spanS(acceptedTimes).toFixed(1)),
		wall_ms: wallMs,
		sandbox_requests: stats.total,
	};
	report.check(
		'pacing',
		`two Refresh Ads runs of ${pacingItems} ads on one TikTok app, ${figures.workers} worker(s)`,
		failures,
		[
			...lines,
			`sandbox saw ${creates.length} creates for ${figures.ads} ads: ${accepted.length} accepted, ${refused.length} refused (40100); ${stats.rateViolations} request(s) over a limit (${
				Object.entries(violationsByRule)
					.map(([rule, count]) => `${rule}: ${count}`)
					.join(', ') || 'none'
			})`,
			`most creates sent in 1 s: ${figures.max_creates_sent_in_1s} (limit 1); in 60 s: ${figures.max_creates_sent_in_60s} (limit 5); accepted in 60 s: ${figures.max_creates_accepted_in_60s}`,
			`uploads: ${uploads.length} sent, ${uploads.filter((request) => request.code === 40100).length} refused (40100)`,
			`accepted creates spread over ${figures.first_to_last_accepted_s} s; wall time ${seconds(wallMs)}; ${stats.total} sandbox requests in all`,
		],
		wallMs,
	);
	console.log(`   PACING ${JSON.stringify(figures)}`);
}

async function main() {
	await runner.prepare(`n8n ${versions.n8n} (Node ${versions.node}), queue mode`);

	section('Workflows and expectations');
	const types = packageTypes();
	const all = loadWorkflows();
	const examples = all.filter((entry) => entry.source === 'example' && entry.runnable);
	// A trigger pair (published workflow + provider callback through main's webhook) is checked by test:e2e;
	// here every example runs through "Execute workflow" on the workers, which a callback cannot reach.
	const isTriggerPair = (entry) => entry.expectation?.publish || entry.expectation?.triggered;
	for (const entry of examples.filter(isTriggerPair)) {
		report.skip(
			'examples',
			`${entry.name} (${entry.relative})`,
			'a trigger pair: covered by test:e2e',
		);
	}
	const runnable = examples.filter((entry) => !isTriggerPair(entry));
	const selected = only
		? runnable.filter((entry) => entry.relative.includes(only) || entry.name.includes(only))
		: runnable;
	const setupFailures = [];
	for (const entry of all.filter((e) => e.source === 'example'))
		for (const problem of entry.problems) setupFailures.push(`${entry.relative} ${problem}`);
	for (const name of orphanExpectations(all))
		setupFailures.push(`test/e2e/expectations/${name} has no workflow of that name`);
	for (const { type } of uncoveredNodeTypes(types.nodes, all))
		setupFailures.push(`node ${type} has no example workflow in examples/`);
	if (selected.length === 0)
		setupFailures.push(
			only ? `--only ${only} matches no example` : 'examples/ has no workflow to run',
		);
	const copies = Math.max(copiesWanted, Math.ceil(MIN_CONCURRENT / Math.max(1, selected.length)));
	const runs = selected.flatMap((entry, e) =>
		Array.from({ length: copies }, (_, copy) => ({ entry, index: copy, lane: e * copies + copy })),
	);
	report.check(
		'setup',
		`${selected.length} example(s), each run ${copies} times at once: ${runs.length} executions`,
		setupFailures,
	);
	if (selected.length === 0) return;

	section('PostgreSQL and Redis');
	const t1 = Date.now();
	const { postgres, redis, env: queueEnv } = await runner.startQueueServices();
	console.log(
		`   PostgreSQL at ${postgres.host}:${postgres.port} (${postgres.binDir}), Redis at ${redis.host}:${redis.port} ${dim(`(${seconds(Date.now() - t1)})`)}`,
	);

	section(`Start the sandboxes, n8n main and ${WORKERS} workers`);
	const t2 = Date.now();
	const { startSandbox } = loadSandbox();
	runner.onStop(
		'the sandboxes',
		async () => {
			for (const sandbox of sandboxes.slice(1)) await sandbox?.close().catch(() => {});
			sandboxes.length = 0;
		},
		{ afterN8n: true },
	);
	const extraCredentials = [];
	for (let lane = 1; lane < runs.length; lane++) {
		const sandbox = await startSandbox({ port: 0 });
		sandboxes[lane] = sandbox;
		extraCredentials.push(...credentialsForImport(sandbox.credentials, lane));
	}
	stack = await runner.start({
		extraEnv: queueEnv,
		extraCredentials,
		workers: WORKERS,
	});
	sandboxes[0] = stack.sandbox;
	console.log(`   ${runs.length} sandbox lane(s) ${dim(`(${seconds(Date.now() - t2)})`)}`);

	section('Package loaded by n8n main');
	await checkLoadedTypes(stack.api, types);

	section(`Examples: ${runs.length} executions at once`);
	for (const run of runs) run.sandbox = sandboxes[run.lane];
	await runExamplesConcurrently(runs, secretsOf(stack.sandbox.credentials));

	if (!option('--no-pacing')) {
		section(
			'Pacing across workers (TikTok Refresh Ads create: 1 per second, 5 per minute per app)',
		);
		if (option('--pacing-one-worker')) {
			// The reference: both runs in one process, sharing its pacing.
			for (const worker of stack.workers.slice(1)) await worker.stop();
			console.log(
				`   ${stack.workers
					.slice(1)
					.map((worker) => worker.name)
					.join(', ')} stopped: both runs go to ${stack.workers[0].name}`,
			);
		}
		await measurePacing();
	}
}

await runner.execute(main, {
	report,
	what: 'queue-mode run',
	title: 'Queue-mode end-to-end tests',
});

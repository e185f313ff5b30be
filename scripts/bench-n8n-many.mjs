#!/usr/bin/env node
/**
 * Many items in one execution, in a real n8n: figures only, no pass/fail on time.
 *
 *   npm run bench:n8n:many                     builds dist/, then 100 and 500 videos (about 6 minutes)
 *   npm run bench:n8n:many -- --no-build       uses the dist/ already there
 *   npm run bench:n8n:many -- --items=500      only the 500-video run
 *   npm run bench:n8n:many -- --render=20-100  sandbox render durations in seconds (default 20–60)
 *   npm run bench:n8n:many -- --heap           also n8n's live heap (V8 inspector, a full garbage collection every 5 s)
 *   npm run bench:n8n:many -- --keep           keep the n8n user folders
 *   npm run bench:n8n:many -- --package=<tgz>  measure a packed package (e.g. an earlier release) instead of dist/
 *
 * test/bench/tiktok-avatar-500.json runs once per size: Manual trigger → Code (N scripts) → TikTok Digital
 * Avatar, Avatar Video → Create with Wait for Completion (Poll Interval 10 s, the default; Download Video off), in
 * the pinned n8n (regular mode, the package installed as users get it) against the provider sandbox. Time is real:
 * renders take 20–60 s, the node polls as users have it, and the sandbox enforces TikTok's published limits (10
 * requests per second and 600 per minute per app, answered with code 40100 beyond).
 *
 * Each size gets a fresh n8n (its memory only grows from run to run) with one small warm-up run first (5 videos of
 * about a second), so that the memory figures count the items and not n8n loading the node, then 30 s idle (n8n's
 * memory drops by about 300 MB some 20 s after its start). While the run goes, the script asks n8n every 2 s
 * whether it is over (asking every 250 ms alone grows n8n's memory by 150 MB in 80 s). Figures per size:
 * - wall: n8n's execution start to stop;
 * - slowest job: the longest render the sandbox drew; last job done: when the last render finished, counted from the
 *   execution start (it includes the time the creates took);
 * - rate floor: the least time TikTok's limits allow for the calls needed: C = ceil(N/5) creates + ceil(N/5) status
 *   reads (each task read once, after it is done, 5 per read). In any 1 s at most 10 calls, so call k (from 0) is
 *   at least floor(k/10) s after the first; in any 60 s at most 600, so at least floor(k/600) × 60 s. Floor =
 *   max(floor((C−1)/10) s, floor((C−1)/600) min);
 * - requests: everything the sandbox received (creates + status reads), per job, the busiest 1 s and 60 s, requests
 *   over a limit, and the status rounds (when each started, its calls and tasks);
 * - n8n's resident memory (sampled every 100 ms from /proc, Linux): growth = peak during the run − value before it.
 *   Per 100 items: the slope between the smallest and the largest size when there are two or more (what every run
 *   of that length costs anyway cancels out), otherwise growth / (N / 100). Resident memory also holds garbage
 *   not collected yet; with --heap n8n runs with an inspector and the live heap (after a full garbage collection)
 *   is read before, every 5 s during and after the run: what the items really keep. Those collections change the
 *   resident memory figures, which is why they are not taken by default.
 * Every output item is checked: N items, in input order, each SUCCESS with its task id (all distinct, all the
 * sandbox's) and a video URL. A wrong output or a request over a limit makes the exit code 1.
 * Printed: one line per run, a table, then as the last line one JSON object for the largest N.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { connectInspector, INSPECT_ENV } from '../test/e2e/lib/inspector.mjs';
import { memoryOf, sampleRss } from '../test/e2e/lib/process-memory.mjs';
import { bold, dim, green, red, section, seconds, step } from '../test/e2e/lib/report.mjs';
import { startStack } from '../test/e2e/lib/stack.mjs';
import { manualTriggerName } from '../test/e2e/lib/workflows.mjs';
import { buildPackage, repoRoot } from './install-package.mjs';
import { ensureRuntime, n8nVersion, versions } from './n8n-runtime.mjs';

const args = process.argv.slice(2);
const setting = (name, fallback) => {
	const arg = args.find((entry) => entry.startsWith(`--${name}=`));
	return arg ? arg.slice(name.length + 3) : fallback;
};
const SIZES = setting('items', '100,500')
	.split(',')
	.map(Number)
	.sort((a, b) => a - b);
const RENDER_S = setting('render', '20-60').split('-').map(Number);
const PACKAGE = setting('package', undefined);
const HEAP = args.includes('--heap');
const SEED = 7;
const WORKFLOW_FILE = 'test/bench/tiktok-avatar-500.json';
const RESULT_NODE = 'Create Avatar Videos';
const CREATE = 'POST /open_api/v1.3/creative/digital_avatar/video/task/create/';
const STATUS = 'GET /open_api/v1.3/creative/digital_avatar/video/task/get/';
/** Both task endpoints take at most 5 (packages per create, task ids per read). */
const BATCH = 5;
/** TikTok's Basic-tier app limits. */
const PER_SECOND = 10;
const PER_MINUTE = 600;
const WARM_UP = { items: 5, pollIntervalS: 1, render: { minMs: 800, maxMs: 1200 } };
/** After its start and the warm-up, n8n's RSS drops by about 300 MB within some 20 s of idling. */
const SETTLE_MS = 30_000;
/** How often the script asks n8n whether the run is over: each ask costs n8n memory, so not often. */
const ASK_EVERY_MS = 2_000;
/** With --heap: how often the live heap is read during the run (each read is a full garbage collection). */
const LIVE_HEAP_EVERY_MS = 5_000;

const mb = (bytes) => Number((bytes / 1e6).toFixed(1));
/** The stack of the run under way, for Ctrl-C. */
let current;

if (SIZES.some((n) => !Number.isInteger(n) || n < 1) || RENDER_S.length !== 2) {
	console.error('usage: --items=100,500 (positive integers) --render=20-60 (seconds)');
	process.exit(2);
}

/** The least time between the first and the last of `calls` requests under TikTok's limits. */
function rateFloorMs(calls) {
	if (calls <= 1) return 0;
	return Math.max(
		Math.floor((calls - 1) / PER_SECOND) * 1000,
		Math.floor((calls - 1) / PER_MINUTE) * 60_000,
	);
}

/** The workflow for N videos (its credential, imported by the stack, points at the sandbox). */
function workflowFor(n, pollIntervalS) {
	const workflow = JSON.parse(readFileSync(path.join(repoRoot, WORKFLOW_FILE), 'utf8'));
	for (const node of workflow.nodes) {
		if (node.name === 'Scripts') {
			node.parameters.jsCode = node.parameters.jsCode.replace(
				/const count = \d+;/,
				`const count = ${n};`,
			);
		}
		if (pollIntervalS !== undefined && node.parameters.pollInterval !== undefined)
			node.parameters.pollInterval = pollIntervalS;
	}
	workflow.name = `${workflow.name} (N = ${n})`;
	return workflow;
}

async function execute(api, workflow) {
	const { id } = await api.createWorkflow(workflow);
	const executionId = await api.runWorkflow(id, manualTriggerName(workflow));
	return await api.waitForExecution(executionId, {
		timeoutMs: 30 * 60_000,
		intervalMs: ASK_EVERY_MS,
	});
}

/** The most requests in any window of `windowMs` (times sorted, in ms). */
function busiest(times, windowMs) {
	let most = 0;
	let start = 0;
	for (let end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

/** What is wrong with the output items, if anything (one line per kind of problem). */
function checkOutputs(items, n, sandboxTaskIds) {
	const problems = [];
	if (items.length !== n) problems.push(`${items.length} output items, expected ${n}`);
	const notDone = items.filter((item) => item.json?.status !== 'SUCCESS');
	if (notDone.length)
		problems.push(`${notDone.length} items not SUCCESS (e.g. ${JSON.stringify(notDone[0].json)})`);
	const ids = items.map((item) => item.json?.task_id);
	if (ids.some((id) => typeof id !== 'string' || id === ''))
		problems.push('items without a task_id');
	if (new Set(ids).size !== ids.length) problems.push('task ids repeat');
	const unknown = ids.filter((id) => !sandboxTaskIds.has(id));
	if (unknown.length) problems.push(`${unknown.length} task ids the sandbox never issued`);
	const noUrl = items.filter((item) => !/^https?:\/\//.test(item.json?.preview_url ?? ''));
	if (noUrl.length) problems.push(`${noUrl.length} items without a video URL (preview_url)`);
	const outOfOrder = items.filter(
		(item, index) => item.json?.video_name !== `Spring sale ${index + 1}`,
	);
	if (outOfOrder.length) problems.push(`${outOfOrder.length} items out of input order`);
	return problems;
}

/**
 * The status rounds, from the sandbox's log: a round reads every pending task once, so a read of a task already
 * read in the current round starts the next one. Returns [{ atMs (from `startedAt`), calls, tasks }].
 */
function statusRounds(statusEntries, startedAt) {
	const rounds = [];
	let seen = new Set();
	for (const entry of statusEntries) {
		const ids = JSON.parse(entry.query.task_ids);
		if (!rounds.length || ids.some((id) => seen.has(id))) {
			rounds.push({ atMs: Date.parse(entry.time) - startedAt, calls: 0, tasks: 0 });
			seen = new Set();
		}
		const round = rounds[rounds.length - 1];
		round.calls += 1;
		round.tasks += ids.length;
		for (const id of ids) seen.add(id);
	}
	return rounds;
}

async function runSize(n) {
	const userFolder = mkdtempSync(path.join(tmpdir(), `n8n-bench-many-${n}-`));
	let stack;
	try {
		section(`${n} videos: a fresh n8n`);
		stack = await startStack({
			userFolder,
			packageTarball: PACKAGE,
			sandboxOptions: { seed: SEED, durations: { tiktokAvatar: WARM_UP.render } },
			extraEnv: HEAP ? INSPECT_ENV : {},
			onStep: step,
		});
		current = stack;
		const { api, sandbox, server } = stack;

		step(`warm-up run: ${WARM_UP.items} videos of about a second`);
		const warmUp = await execute(api, workflowFor(WARM_UP.items, WARM_UP.pollIntervalS));
		if (warmUp.status !== 'success')
			throw new Error(`the warm-up run failed: ${warmUp.data?.resultData?.error?.message}`);

		const afterWarmUp = memoryOf(server.pid);
		step(`${SETTLE_MS / 1000} s idle, so that n8n's memory settles after its start`);
		await sleep(SETTLE_MS);

		sandbox.configure({
			durations: { tiktokAvatar: { minMs: RENDER_S[0] * 1000, maxMs: RENDER_S[1] * 1000 } },
		});
		sandbox.reset();
		step(`measured run: ${n} videos, renders of ${RENDER_S.join('–')} s`);
		const inspector = HEAP ? await connectInspector(server.logFile, server.pid) : undefined;
		const live = inspector ? { before: await inspector.liveHeapBytes(), peak: 0 } : undefined;
		const before = memoryOf(server.pid);
		const stopSampling = sampleRss(server.pid);
		const running = execute(api, workflowFor(n));
		if (inspector) {
			let over = false;
			void running.finally(() => (over = true)).catch(() => {});
			while (!over) {
				await Promise.race([sleep(LIVE_HEAP_EVERY_MS), running]).catch(() => {});
				if (!over) live.peak = Math.max(live.peak, await inspector.liveHeapBytes());
			}
		}
		const execution = await running;
		const sampledPeak = stopSampling();
		const after = memoryOf(server.pid);
		if (inspector) {
			live.after = await inspector.liveHeapBytes();
			inspector.close();
		}

		const startedAt = Date.parse(execution.startedAt);
		const stoppedAt = Date.parse(execution.stoppedAt);
		const stats = sandbox.stats();
		const jobs = sandbox.state.tiktok.avatarTasks;
		const timesOf = (filter) =>
			sandbox
				.requests({ provider: 'tiktok', ...filter })
				.map((entry) => Date.parse(entry.time))
				.sort((a, b) => a - b);
		const tiktokTimes = timesOf({});
		const createTimes = timesOf({ endpoint: CREATE });
		const creates = stats.byEndpoint[CREATE] ?? 0;
		const statusCalls = stats.byEndpoint[STATUS] ?? 0;
		const items = execution.data?.resultData?.runData?.[RESULT_NODE]?.[0]?.data?.main?.[0] ?? [];
		const problems = [];
		if (execution.status !== 'success')
			problems.push(
				`execution ${execution.status}: ${execution.data?.resultData?.error?.message ?? ''}`,
			);
		problems.push(...checkOutputs(items, n, new Set(jobs.map((job) => job.task_id))));
		if (stats.rateViolations) problems.push(`${stats.rateViolations} requests over a rate limit`);

		const peak = Math.max(sampledPeak, after.rss, after.hwm > before.hwm ? after.hwm : 0);
		const calls = 2 * Math.ceil(n / BATCH);
		const row = {
			n,
			wallMs: stoppedAt - startedAt,
			slowestJobMs: Math.max(0, ...jobs.map((job) => job.durationMs)),
			lastJobDoneMs: Math.max(0, ...jobs.map((job) => job.createdAt + job.durationMs)) - startedAt,
			createsSpanMs: createTimes.length ? createTimes[createTimes.length - 1] - createTimes[0] : 0,
			rateFloorMs: rateFloorMs(calls),
			callsNeeded: calls,
			requests: stats.total,
			creates,
			statusCalls,
			other: stats.total - creates - statusCalls,
			busiestSecond: busiest(tiktokTimes, 1000),
			busiestMinute: busiest(tiktokTimes, 60_000),
			rateViolations: stats.rateViolations,
			outputs: items.length,
			rounds: statusRounds(sandbox.requests({ provider: 'tiktok', endpoint: STATUS }), startedAt),
			rssAfterWarmUp: afterWarmUp.rss,
			rssBefore: before.rss,
			peakRss: peak,
			growth: peak - before.rss,
			...(live
				? {
						liveBefore: live.before,
						livePeak: Math.max(live.peak, live.after),
						liveAfter: live.after,
						liveGrowth: Math.max(live.peak, live.after) - live.before,
					}
				: {}),
			problems,
		};
		console.log(
			`   wall ${seconds(row.wallMs)}, slowest job ${seconds(row.slowestJobMs)}, last job done at ${seconds(row.lastJobDoneMs)}, ${row.requests} requests (${creates} creates + ${statusCalls} status), ${row.outputs}/${n} outputs, n8n RSS after the warm-up ${mb(row.rssAfterWarmUp)}, before the run ${mb(row.rssBefore)}, peak ${mb(peak)} MB`,
		);
		if (live)
			console.log(
				`   live heap (after a full garbage collection): before the run ${mb(row.liveBefore)}, highest during it ${mb(row.livePeak)}, after it ${mb(row.liveAfter)} MB`,
			);
		console.log(
			dim(
				`   status rounds (start: calls for tasks): ${row.rounds.map((round) => `${seconds(round.atMs)}: ${round.calls} for ${round.tasks}`).join(', ')}`,
			),
		);
		console.log(
			problems.length
				? red(`   ✘ ${problems.join('; ')}`)
				: green(
						`   ✔ ${n} outputs, each SUCCESS with its task id and video URL, in input order; 0 requests over a limit`,
					),
		);
		return row;
	} finally {
		current = undefined;
		if (stack) await stack.stop().catch(() => {});
		if (args.includes('--keep')) console.error(`n8n user folder kept: ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
	}
}

function pad(value, width) {
	return String(value).padStart(width);
}

/**
 * Growth per 100 items of `key` (RSS growth, or live heap growth): the slope between the smallest and the largest
 * size, or growth / (N/100) with one size.
 */
function growthPer100(rows, key = 'growth') {
	const small = rows[0];
	const large = rows[rows.length - 1];
	if (rows.length > 1 && large.n > small.n) {
		return {
			mb: mb(((large[key] - small[key]) * 100) / (large.n - small.n)),
			from: `slope ${small.n}→${large.n} items`,
		};
	}
	return { mb: mb((large[key] * 100) / large.n), from: `growth / ${large.n / 100}` };
}

function printTable(rows) {
	console.log(
		`\n${bold('One execution of N TikTok avatar videos (TikTok Digital Avatar node, Wait for Completion)')}`,
	);
	const columns = [
		['     N', (row) => row.n],
		[' creates', (row) => row.creates],
		['    wall', (row) => seconds(row.wallMs)],
		[' slowest job', (row) => seconds(row.slowestJobMs)],
		[' last job done', (row) => seconds(row.lastJobDoneMs)],
		[' rate floor', (row) => seconds(row.rateFloorMs)],
		[' requests', (row) => `${row.creates}+${row.statusCalls}${row.other ? `+${row.other}` : ''}`],
		[' per job', (row) => (row.requests / row.n).toFixed(2)],
		[' busiest 1 s / 60 s', (row) => `${row.busiestSecond} / ${row.busiestMinute}`],
		[' over limit', (row) => row.rateViolations],
		[' outputs', (row) => `${row.outputs}/${row.n}`],
		[' n8n RSS before → peak (MB)', (row) => `${mb(row.rssBefore)} → ${mb(row.peakRss)}`],
		[' growth (MB)', (row) => mb(row.growth)],
		...(HEAP
			? [
					[
						' live heap before → highest (MB)',
						(row) => `${mb(row.liveBefore)} → ${mb(row.livePeak)}`,
					],
				]
			: []),
	];
	console.log(columns.map(([title]) => title).join(''));
	for (const row of rows) {
		console.log(columns.map(([title, value]) => pad(value(row), title.length)).join(''));
	}
	const per100 = growthPer100(rows);
	console.log(
		dim(
			`   rate floor = max(floor((C−1)/10) s, floor((C−1)/600) min) for C = ceil(N/5) creates + ceil(N/5) status reads (${rows.map((row) => `N=${row.n}: C=${row.callsNeeded}`).join(', ')})`,
		),
	);
	console.log(
		dim(
			`   creates took ${rows.map((row) => `${seconds(row.createsSpanMs)} (N=${row.n})`).join(', ')} from the first to the last`,
		),
	);
	const large = rows[rows.length - 1];
	console.log(
		`   n8n memory growth per 100 items: ${per100.mb} MB (${per100.from}; growth / (N/100) at N=${large.n}: ${mb((large.growth * 100) / large.n)} MB)${HEAP ? ' — resident memory with a full garbage collection every 5 s' : ''}`,
	);
	if (HEAP) {
		const live = growthPer100(rows, 'liveGrowth');
		console.log(
			`   n8n live heap growth per 100 items: ${live.mb} MB (${live.from}; growth / (N/100) at N=${large.n}: ${mb((large.liveGrowth * 100) / large.n)} MB)`,
		);
	}
}

async function main() {
	section(
		`n8n ${versions.n8n} (Node ${versions.node}): ${SIZES.join(' and ')} TikTok avatar videos in one execution`,
	);
	await ensureRuntime();
	console.log(`   n8n --version: ${n8nVersion()}`);
	if (PACKAGE) console.log(`   package measured: ${PACKAGE}`);
	else if (!args.includes('--no-build')) {
		section('Build');
		buildPackage();
	}
	const rows = [];
	for (const n of SIZES) rows.push(await runSize(n));
	printTable(rows);

	const row = rows[rows.length - 1];
	const per100 = growthPer100(rows);
	console.log(
		JSON.stringify({
			items: row.n,
			create_calls: row.creates,
			wall_ms: row.wallMs,
			slowest_job_ms: row.slowestJobMs,
			last_job_done_ms: row.lastJobDoneMs,
			rate_floor_ms: row.rateFloorMs,
			calls_needed: row.callsNeeded,
			requests: row.requests,
			status_calls: row.statusCalls,
			status_rounds: row.rounds.map((round) => ({ at_ms: round.atMs, calls: round.calls })),
			requests_per_job: Number((row.requests / row.n).toFixed(2)),
			busiest_second: row.busiestSecond,
			busiest_minute: row.busiestMinute,
			rate_violations: row.rateViolations,
			outputs: row.outputs,
			memory_growth_mb: mb(row.growth),
			memory_growth_mb_per_100_items: per100.mb,
			memory_per_100_items_from: per100.from,
			...(HEAP
				? {
						memory_with_gc_every_5_s: true,
						live_heap_growth_mb: mb(row.liveGrowth),
						live_heap_growth_mb_per_100_items: growthPer100(rows, 'liveGrowth').mb,
					}
				: {}),
			render_s: RENDER_S,
			n8n: versions.n8n,
		}),
	);
	if (rows.some((entry) => entry.problems.length)) process.exitCode = 1;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, async () => {
		console.log(red(`\n${signal}: stopping n8n and the sandbox`));
		if (current) await current.stop().catch(() => {});
		process.exit(130);
	});
}

await main();

#!/usr/bin/env node
/**
 * Benchmark of the job engine: figures only, no pass/fail.
 *
 *   npm run bench                 builds dist/ first, then runs (about 3–4 minutes)
 *   npm run bench -- --no-build   uses the dist/ already there
 *   npm run bench -- --quick      N = 1, 10, 50 only (or --sizes=1,10)
 *   npm run bench -- --no-sequential   skips the slow item-after-item runs
 *   npm run bench -- --latency-ms=4   adds 4 ms (≈ 0.5 s real) before the sandbox handles each request
 *   npm run bench -- --submit-concurrency=1   one create at a time (default: the engine's)
 *   npm run bench -- --rate-scale=10   rate-limit windows shortened 10× only (12× tighter than real: pessimistic)
 *
 * What runs: the compiled engine (dist/nodes/shared/jobEngine.js) and the real transports (TikTok, SixtySeconds)
 * inside a real n8n-core execution context (test/helpers/n8nContext.js), over real HTTP against the local sandbox
 * (test/sandbox). Two workloads:
 *   - batched   (TikTok digital avatar): 5 material packages per create, 5 task ids per status call;
 *   - unbatched (SixtySeconds): one POST /videos per item, one GET /videos/{id} per job.
 * For each N, the same workload also runs item after item (create, wait, next: how other n8n video nodes work).
 *
 * Time is scaled down by TIME_SCALE: job durations, the poll schedule and TikTok's rate-limit windows (10 per
 * second becomes 10 per 8.3 ms), so that 2-minute renders take about a second and everything keeps its real
 * proportions. `--rate-scale=N` shortens the windows by N instead (N < TIME_SCALE makes the limits tighter than
 * real relative to the jobs). The sandbox counts violations without refusing (a refusal would be retried and
 * hide them). Each workload has its own sandbox, reset with the same seed before every run, so the engine run and
 * the item-after-item run of the same N get the same job durations.
 *
 * Printed: a table, then as the last line one JSON object for N = 50, batched.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));

const TIME_SCALE = 120;
const rateScaleArg = process.argv.find((arg) => arg.startsWith('--rate-scale='));
const RATE_SCALE = rateScaleArg ? Number(rateScaleArg.slice('--rate-scale='.length)) : TIME_SCALE;
const SEED = 7;
const latencyArg = process.argv.find((arg) => arg.startsWith('--latency-ms='));
/** Delay the sandbox adds before handling each provider request (a scaled network round trip); 0 = none. */
const LATENCY_MS = latencyArg ? Number(latencyArg.slice('--latency-ms='.length)) : 0;
const submitConcurrencyArg = process.argv.find((arg) => arg.startsWith('--submit-concurrency='));
/** Creates in flight at once; undefined = the engine's default. */
const SUBMIT_CONCURRENCY = submitConcurrencyArg
	? Number(submitConcurrencyArg.slice('--submit-concurrency='.length))
	: undefined;
const sizesArg = process.argv.find((arg) => arg.startsWith('--sizes='));
const SIZES = sizesArg
	? sizesArg.slice('--sizes='.length).split(',').map(Number)
	: args.has('--quick')
		? [1, 10, 50]
		: [1, 10, 50, 100];

if (!args.has('--no-build')) {
	process.stderr.write('Building dist/ …\n');
	execFileSync('npm', ['run', '--silent', 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

const { startSandbox } = require('../test/sandbox');
const { runNode } = require('../test/helpers/n8nContext');
const { runJobs } = require('../dist/nodes/shared/jobEngine');
const { resetRateLimits } = require('../dist/nodes/shared/rateLimiter');
const { jobStateOf } = require('../dist/nodes/shared/jobStates');
const { SIXTYSECONDS_VIDEO_STATUSES } = require('../dist/nodes/SixtySeconds/jobs');
const { TIKTOK_TASK_STATUSES } = require('../dist/nodes/TikTok/jobs');
const tiktokTransport = require('../dist/nodes/TikTok/transport');
const { sixtySecondsApiRequest } = require('../dist/nodes/SixtySeconds/transport');
const { TiktokBusinessApi } = require('../dist/credentials/TiktokBusinessApi.credentials');
const { SixtySecondsApi } = require('../dist/credentials/SixtySecondsApi.credentials');
const AVATARS = require('../test/sandbox/data/tiktok-avatars.json');

/** The TikTok Digital Avatar node's own adapter when it is built; otherwise the same calls written here. */
function loadAvatarAdapter() {
	try {
		const { avatarTaskAdapter } = require('../dist/nodes/TikTokDigitalAvatar/jobs');
		if (typeof avatarTaskAdapter === 'function')
			return { make: avatarTaskAdapter, source: 'node adapter' };
	} catch {
		// Not built yet: fall back below.
	}
	return { make: benchAvatarAdapter, source: 'bench adapter' };
}

function benchAvatarAdapter(context) {
	return {
		jobLabel: 'TikTok digital avatar task',
		submitBatchSize: 5,
		statusBatchSize: 5,
		async submit(packages) {
			const data = await tiktokTransport.tiktokApiRequest.call(
				context,
				'POST',
				'/creative/digital_avatar/video/task/create/',
				{ body: { material_packages: packages } },
			);
			return packages.map((_, index) => {
				const entry = (data.list ?? [])[index];
				return entry?.task_id
					? { jobIds: [String(entry.task_id)] }
					: { error: entry?.error_msg || 'no task' };
			});
		},
		async fetchStatuses(taskIds) {
			const data = await tiktokTransport.tiktokApiRequest.call(
				context,
				'GET',
				'/creative/digital_avatar/video/task/get/',
				{ qs: { task_ids: taskIds } },
			);
			return data.list ?? [];
		},
		jobId: (task) => String(task.task_id),
		state: (task) => jobStateOf(TIKTOK_TASK_STATUSES, task.status),
		status: (task) => task.status,
		failureReason: (task) => task.error_msg,
		resumeHint: 'Run "Avatar Video → Get" with these task IDs',
	};
}

function sixtySecondsAdapter(context) {
	return {
		jobLabel: 'SixtySeconds video',
		submitBatchSize: 1,
		statusBatchSize: 1,
		async submit([request]) {
			const video = await sixtySecondsApiRequest.call(context, 'POST', '/videos', {
				body: request,
			});
			return [video?.id ? { jobIds: [String(video.id)] } : { error: 'no video id' }];
		},
		async fetchStatuses([id]) {
			return [
				await sixtySecondsApiRequest.call(context, 'GET', `/videos/${encodeURIComponent(id)}`),
			];
		},
		jobId: (video) => String(video.id),
		state: (video) => jobStateOf(SIXTYSECONDS_VIDEO_STATUSES, video.status),
		status: (video) => video.status,
		failureReason: (video) => video.error?.message ?? video.error,
		resumeHint: 'Run "Video → Get" with these video IDs',
	};
}

const avatarAdapter = loadAvatarAdapter();

/** Real-world figures (seconds), scaled down by TIME_SCALE. */
const WORKLOADS = [
	{
		key: 'batched',
		title: 'batched: TikTok digital avatar (5 per create, 5 per status call)',
		// Seed 003: scripts up to 400 characters usually render in under 100 s.
		durationS: [20, 100],
		// The node's defaults: poll every 10 s, timeout 15 min.
		poll: { intervalS: 10, timeoutS: 900 },
		sandboxKind: 'tiktokAvatar',
		provider: 'tiktok',
		statusEndpoint: 'GET /open_api/v1.3/creative/digital_avatar/video/task/get/',
		credentialType: TiktokBusinessApi,
		credentialName: 'tiktokBusinessApi',
		adapter: (context) => avatarAdapter.make(context),
		request: (index) => ({
			avatar_id: AVATARS[index % AVATARS.length].avatar_id,
			script: `Hello from the benchmark, video number ${index + 1}. This short script stays well under four hundred characters.`,
			video_name: `bench-${index + 1}`,
		}),
		jobsOf: (state) => state.tiktok.avatarTasks,
	},
	{
		key: 'unbatched',
		title: 'unbatched: SixtySeconds (1 per create, GET /videos/{id} per job)',
		// Seed 001: most videos are processed within 1–3 minutes.
		durationS: [60, 180],
		poll: { intervalS: 10, timeoutS: 900 },
		sandboxKind: 'sixtyseconds',
		provider: 'sixtyseconds',
		statusEndpoint: 'GET /videos/{id}',
		credentialType: SixtySecondsApi,
		credentialName: 'sixtySecondsApi',
		adapter: (context) => sixtySecondsAdapter(context),
		request: (index) => ({
			title: `Benchmark video ${index + 1}`,
			template_id: 'tmpl_product_demo',
			customer_data: { first_name: `Customer ${index + 1}`, company: 'Example Inc.' },
		}),
		jobsOf: (state) => state.sixtyseconds.videos,
	},
];

const scaled = (seconds) => Math.round((seconds * 1000) / TIME_SCALE);

/** TikTok's limits (10/s, 600/min; refresh create 1/s, 5/min), windows shortened by RATE_SCALE. */
function scaledTiktokLimits() {
	const shorten = (rules) =>
		rules.map(({ limit, windowMs }) => ({ limit, windowMs: windowMs / RATE_SCALE }));
	return {
		tiktok: shorten([
			{ limit: 10, windowMs: 1_000 },
			{ limit: 600, windowMs: 60_000 },
		]),
		tiktokRefreshCreate: shorten([
			{ limit: 1, windowMs: 1_000 },
			{ limit: 5, windowMs: 60_000 },
		]),
	};
}

/** The transport's own pacing, with the same shortened windows (the limiter and transport code are unchanged). */
function scaleTransportLimits() {
	// Scaled in place: the transport holds these arrays.
	for (const limits of [
		tiktokTransport.TIKTOK_GLOBAL_LIMITS,
		tiktokTransport.TIKTOK_REFRESH_CREATE_LIMITS.limits,
	]) {
		const scaled = limits.map(({ limit, intervalMs }) => ({ limit, intervalMs: intervalMs / RATE_SCALE }));
		limits.splice(0, limits.length, ...scaled);
	}
}

/** A minimal node type whose execute() hands its real n8n ExecuteContext to `work`. */
function benchNodeType(work) {
	return {
		description: {
			displayName: 'Engine Bench',
			name: 'engineBench',
			group: ['transform'],
			version: 1,
			description: 'Runs the job engine for the benchmark',
			defaults: { name: 'Engine Bench' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [
				{ name: 'tiktokBusinessApi', required: false },
				{ name: 'sixtySecondsApi', required: false },
			],
			properties: [],
		},
		async execute() {
			return [await work(this)];
		},
	};
}

function engineOptions(workload, onRound) {
	return {
		waitForCompletion: true,
		pollIntervalMs: scaled(workload.poll.intervalS),
		timeoutMs: scaled(workload.poll.timeoutS),
		stopOnFirstError: true,
		...(SUBMIT_CONCURRENCY ? { submitConcurrency: SUBMIT_CONCURRENCY } : {}),
		onRound,
	};
}

/** Runs `work` inside the bench node with the workload's credential; returns what work returned. */
async function inN8n(sandbox, workload, work) {
	let outcome;
	const { error } = await runNode({
		nodeType: benchNodeType(async (context) => {
			outcome = await work(context);
			return [{ json: {} }];
		}),
		credentialTypes: [new workload.credentialType()],
		credentials: { [workload.credentialName]: sandbox.credentials[workload.credentialName] },
		parameters: {},
		items: [{}],
	});
	if (error) throw error;
	return outcome;
}

/** The most requests the sandbox received in any window of each TikTok rule, e.g. "10/10 2/600". */
function peakPerWindow(sandbox) {
	const times = sandbox
		.requests({ provider: 'tiktok' })
		.map((entry) => Date.parse(entry.time))
		.sort((a, b) => a - b);
	if (times.length === 0) return '-';
	return scaledTiktokLimits()
		.tiktok.map(({ limit, windowMs }) => {
			let peak = 0;
			for (let start = 0, end = 0; start < times.length; start++) {
				while (end < times.length && times[end] - times[start] < windowMs) end++;
				peak = Math.max(peak, end - start);
			}
			return `${peak}/${limit}`;
		})
		.join(' ');
}

/** Clears the sandbox for a run: same seed, empty log and counters, and the optional latency. */
function resetSandbox(sandbox, workload) {
	sandbox.reset();
	if (LATENCY_MS > 0) {
		sandbox.injectFault({
			type: 'slow',
			provider: workload.provider,
			delayMs: LATENCY_MS,
			times: 1e9,
		});
	}
}

function countOutcomes(results) {
	const counts = {};
	for (const result of results) counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
	return counts;
}

/** All items submitted first, then waited for together (this package). */
async function runEngine(sandbox, workload, n) {
	resetSandbox(sandbox, workload);
	resetRateLimits();
	const rounds = [];
	const requests = Array.from({ length: n }, (_, itemIndex) => ({
		itemIndex,
		request: workload.request(itemIndex),
	}));
	const { results, wallMs } = await inN8n(sandbox, workload, async (context) => {
		const start = Date.now();
		const output = await runJobs.call(
			context,
			workload.adapter(context),
			requests,
			engineOptions(workload, (info) => rounds.push(info)),
		);
		return { results: output, wallMs: Date.now() - start };
	});
	const stats = sandbox.stats();
	const jobs = workload.jobsOf(sandbox.state);
	const statusRequests = stats.byEndpoint[workload.statusEndpoint] ?? 0;
	const adapter = workload.adapter(undefined);
	const allowedPerRounds = rounds.reduce(
		(sum, round) => sum + Math.ceil(round.pendingJobs / adapter.statusBatchSize),
		0,
	);
	return {
		n,
		wallMs,
		slowestJobMs: Math.max(...jobs.map((job) => job.durationMs)),
		statusRequests,
		totalRequests: stats.total,
		rateViolations: stats.rateViolations,
		peak: peakPerWindow(sandbox),
		rounds: rounds.length,
		// Over the whole run: status calls sent beyond ceil(pending / batch) per round (sandbox count vs engine rounds).
		extraStatusCalls: statusRequests - allowedPerRounds,
		worstRoundExcess: Math.max(
			0,
			...rounds.map((r) => r.statusCalls - Math.ceil(r.pendingJobs / adapter.statusBatchSize)),
		),
		outcomes: countOutcomes(results),
	};
}

/** Item after item: create one job, wait for it, then the next (how other n8n video nodes behave). */
async function runSequential(sandbox, workload, n) {
	resetSandbox(sandbox, workload);
	const { wallMs, outcomes } = await inN8n(sandbox, workload, async (context) => {
		const start = Date.now();
		const all = [];
		for (let itemIndex = 0; itemIndex < n; itemIndex++) {
			const adapter = { ...workload.adapter(context), submitBatchSize: 1 };
			const [result] = await runJobs.call(
				context,
				adapter,
				[{ itemIndex, request: workload.request(itemIndex) }],
				engineOptions(workload),
			);
			all.push(result);
		}
		return { wallMs: Date.now() - start, outcomes: countOutcomes(all) };
	});
	const stats = sandbox.stats();
	const jobs = workload.jobsOf(sandbox.state);
	return {
		wallMs,
		sumOfJobsMs: jobs.reduce((sum, job) => sum + job.durationMs, 0),
		totalRequests: stats.total,
		rateViolations: stats.rateViolations,
		outcomes,
	};
}

function pad(value, width, right = false) {
	const text = String(value);
	return right ? text.padEnd(width) : text.padStart(width);
}

function printTable(workload, rows) {
	console.log(`\n${workload.title}`);
	console.log(
		`  durations ${workload.durationS.join('–')} s real → ${scaled(workload.durationS[0])}–${scaled(workload.durationS[1])} ms; poll every ${scaled(workload.poll.intervalS)} ms`,
	);
	const header = [
		'N',
		'wall ms',
		'slowest ms',
		'wall/slowest',
		'rounds',
		'status/job',
		'requests/job',
		'extra status',
		'violations',
		'peak/limit',
		'seq wall ms',
		'seq/engine',
		'seq violations',
		'outcomes',
	];
	const widths = [4, 8, 10, 12, 6, 10, 12, 12, 10, 12, 11, 10, 14, 0];
	console.log(header.map((h, i) => pad(h, widths[i], i === header.length - 1)).join('  '));
	for (const {
		engine,
		sequential = { wallMs: '-', rateViolations: '-', outcomes: engine.outcomes },
	} of rows) {
		const cells = [
			engine.n,
			engine.wallMs,
			engine.slowestJobMs,
			(engine.wallMs / engine.slowestJobMs).toFixed(2),
			engine.rounds,
			(engine.statusRequests / engine.n).toFixed(2),
			(engine.totalRequests / engine.n).toFixed(2),
			engine.extraStatusCalls,
			engine.rateViolations,
			engine.peak,
			sequential.wallMs,
			typeof sequential.wallMs === 'number' ? (sequential.wallMs / engine.wallMs).toFixed(1) : '-',
			sequential.rateViolations,
			JSON.stringify(engine.outcomes) +
				(JSON.stringify(sequential.outcomes) !== JSON.stringify(engine.outcomes)
					? ` / seq ${JSON.stringify(sequential.outcomes)}`
					: ''),
		];
		console.log(cells.map((c, i) => pad(c, widths[i], i === cells.length - 1)).join('  '));
	}
}

async function main() {
	scaleTransportLimits();
	const sandboxes = {};
	for (const workload of WORKLOADS) {
		const [minS, maxS] = workload.durationS;
		sandboxes[workload.key] = await startSandbox({
			port: 0,
			seed: SEED,
			durations: { [workload.sandboxKind]: { minMs: scaled(minS), maxMs: scaled(maxS) } },
			rateLimits: scaledTiktokLimits(),
			// Count violations without refusing, so that none can hide behind a retry.
			enforceRateLimits: false,
		});
	}

	try {
		const started = Date.now();
		process.stderr.write(`TikTok avatar workload uses the ${avatarAdapter.source}.\n`);
		// Warm-up (not reported): the first run in a process pays for loading and compiling the code.
		for (const workload of WORKLOADS) await runEngine(sandboxes[workload.key], workload, 5);
		// Engine runs one at a time, so that their wall times don't disturb each other.
		const engineRuns = {};
		for (const workload of WORKLOADS) {
			engineRuns[workload.key] = [];
			for (const n of SIZES) {
				process.stderr.write(`engine ${workload.key} N=${n} …\n`);
				engineRuns[workload.key].push(await runEngine(sandboxes[workload.key], workload, n));
			}
		}
		// Item-after-item runs are long and use few requests: the two workloads run side by side, each on its own
		// sandbox and rate-limit buckets.
		process.stderr.write('item-after-item runs (the slow part) …\n');
		const sequentialRuns = {};
		if (args.has('--no-sequential')) {
			for (const workload of WORKLOADS) sequentialRuns[workload.key] = [];
		} else
			await Promise.all(
				WORKLOADS.map(async (workload) => {
					sequentialRuns[workload.key] = [];
					for (const n of SIZES) {
						sequentialRuns[workload.key].push(
							await runSequential(sandboxes[workload.key], workload, n),
						);
						process.stderr.write(`  sequential ${workload.key} N=${n} done\n`);
					}
				}),
			);

		console.log(
			`Job engine benchmark — time scale 1/${TIME_SCALE} (durations, poll schedule), rate-limit windows 1/${RATE_SCALE}, seed ${SEED}` +
				(LATENCY_MS ? `, ${LATENCY_MS} ms added per request` : ''),
		);
		console.log(
			"wall/slowest: run time over the slowest job's own duration (1.00 is the floor no poller can beat).",
		);
		console.log(
			'extra status: status calls beyond ceil(pending / batch) per round, sandbox count vs engine rounds.',
		);
		console.log(
			'peak/limit: most TikTok requests the sandbox received in any window, per rule (per second, per minute).',
		);
		console.log(
			'seq: the same items run one after another (create, wait, next), same job durations.',
		);
		for (const workload of WORKLOADS) {
			printTable(
				workload,
				engineRuns[workload.key].map((engine, index) => ({
					engine,
					sequential: sequentialRuns[workload.key][index],
				})),
			);
		}
		console.log(`\nTotal bench time ${((Date.now() - started) / 1000).toFixed(0)} s.`);

		const engine50 = engineRuns.batched.find((run) => run.n === 50);
		const sequential50 = sequentialRuns.batched[SIZES.indexOf(50)];
		if (!engine50) return;
		console.log(
			JSON.stringify({
				items: 50,
				wall_ms: engine50.wallMs,
				slowest_job_ms: engine50.slowestJobMs,
				sequential_wall_ms: sequential50?.wallMs ?? null,
				status_requests: engine50.statusRequests,
				total_requests: engine50.totalRequests,
				rate_violations: engine50.rateViolations,
			}),
		);
	} finally {
		await Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.close()));
	}
}

main().catch((error) => {
	console.error(error?.stack ?? error);
	process.exitCode = 1;
});

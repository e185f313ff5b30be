#!/usr/bin/env node
/**
 * The benchmark users care about, in a real n8n: figures only, no pass/fail.
 *
 *   npm run bench:n8n                          builds dist/ first, then every provider at N = 1, 10, 50, 200, 3 runs each
 *   npm run bench:n8n -- --no-build            uses the dist/ already there
 *   npm run bench:n8n -- --providers=tiktok    some providers only (tiktok, creatify, sixtyseconds)
 *   npm run bench:n8n -- --sizes=1,10          other numbers of videos
 *   npm run bench:n8n -- --runs=1              runs per size and way (default 3; medians are reported)
 *   npm run bench:n8n -- --scale=5             time scale (default 10: a 100 s render takes 10 s)
 *   npm run bench:n8n -- --package=<tgz>       measure a packed package (e.g. an earlier release) instead of dist/
 *   npm run bench:n8n -- --run-timeout=300     stop a run still going after this many seconds (default 300) and go on
 *   npm run bench:n8n -- --keep                keep the n8n user folder
 *
 * For each provider, the same N videos are made two ways in the same n8n (regular mode, the pinned
 * version, the package installed as users get it) against the provider sandbox:
 *   ours   the provider's node with Wait for Completion (test/bench/<provider>-node.json): every
 *          item's job created, then all waited for together, as many ids per status call as the
 *          API takes;
 *   theirs what users build without it (test/bench/<provider>-hand-built-polling.json): HTTP
 *          Request (create) → Wait → HTTP Request (status, one job per request) → If done? → back
 *          to Wait, with n8n's Batching on both HTTP Requests where the provider publishes a limit
 *          (TikTok: 10 items per second). Import a file into any n8n to rerun it against the
 *          provider (the file names the credential type it needs).
 *
 * Each size is measured --runs times, ours and theirs alternating (ours first in odd runs, theirs
 * first in even ones), and the medians are reported. Time is scaled down by --scale: renders of
 * 20–100 s (TikTok), 40–120 s (Creatify) and 30–90 s (SixtySeconds) take a tenth, and both ways
 * check every 10 s / scale (the node's Poll Interval, the Wait node's amount). Rate limits are the
 * real ones (TikTok's 10 per second and 600 per minute, enforced by the sandbox; n8n's and the
 * node's pacing are not scaled). The sandbox is reset with the same seed before every run, so both
 * ways get the same render durations.
 *
 * For each run: wall time (n8n's execution start to stop), when the last job was done (from the
 * sandbox, counted from the execution start; SixtySeconds gives it to a tenth of a second at scale 10),
 * requests to the sandbox, requests over a rate limit, videos that came out, and n8n's resident
 * memory growth (sampled every 100 ms from /proc, Linux). Printed: a table per provider, then as
 * the last line one JSON object with, per provider, the medians at N = 50 (or the largest N run).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { memoryOf, sampleRss } from '../test/e2e/lib/process-memory.mjs';
import { bold, dim, section, seconds, step } from '../test/e2e/lib/report.mjs';
import { loadSandbox, startStack } from '../test/e2e/lib/stack.mjs';
import { manualTriggerName } from '../test/e2e/lib/workflows.mjs';
import { buildPackage, repoRoot } from './install-package.mjs';
import { ensureRuntime, n8nVersion, versions } from './n8n-runtime.mjs';

const args = process.argv.slice(2);
const setting = (name, fallback) => {
	const arg = args.find((entry) => entry.startsWith(`--${name}=`));
	return arg ? arg.slice(name.length + 3) : fallback;
};
const SIZES = setting('sizes', '1,10,50,200').split(',').map(Number);
const RUNS = Math.max(1, Number(setting('runs', '3')));
const SCALE = Number(setting('scale', '10'));
const PACKAGE = setting('package', undefined);
/** A hand-built loop whose status reads were refused for rate can loop for ever; such a run is stopped and counted. */
const RUN_TIMEOUT_MS = Number(setting('run-timeout', '300')) * 1000;
const SEED = 7;
/** What a user sets between checks: the node's Poll Interval, the Wait node's amount. */
const CHECK_EVERY_S = 10;
const CHECK_EVERY_SCALED_S = Math.max(1, CHECK_EVERY_S / SCALE);

/** A provider timestamp in milliseconds since the epoch (SixtySeconds writes it to the sandbox's timestamp precision). */
const isoMs = (text) => (text ? Date.parse(text) : Number.NaN);

const PROVIDERS = {
	tiktok: {
		title: 'TikTok Digital Avatar',
		ours: { file: 'test/bench/tiktok-avatar-node.json', resultNode: 'Create Avatar Videos' },
		theirs: { file: 'test/bench/tiktok-avatar-hand-built-polling.json', resultNode: 'Videos done' },
		productionUrl: 'https://business-api.tiktok.com',
		baseUrl: (credentials) => credentials.tiktokBusinessApi.baseUrl,
		/** Seed 003: scripts up to 400 characters usually render within 20–100 s. */
		renderS: [20, 100],
		durationKind: 'tiktokAvatar',
		done: 'SUCCESS',
		/** Jobs with when each was done, in ms since the epoch. */
		jobs: (state) =>
			state.tiktok.avatarTasks.map((task) => ({ doneAt: task.createdAt + task.durationMs })),
		credential: (keys) => ({
			id: 'sandbox-tiktok-header',
			name: 'TikTok Access-Token header (sandbox)',
			type: 'httpHeaderAuth',
			data: { name: 'Access-Token', value: keys.tiktok.accessToken },
		}),
	},
	creatify: {
		title: 'Creatify',
		ours: { file: 'test/bench/creatify-node.json', resultNode: 'Create Video Ads' },
		theirs: { file: 'test/bench/creatify-hand-built-polling.json', resultNode: 'Videos done' },
		productionUrl: 'https://api.creatify.ai',
		baseUrl: (credentials) => credentials.creatifyApi.baseUrl,
		renderS: [40, 120],
		durationKind: 'creatify',
		done: 'done',
		jobs: (state) =>
			state.creatify.videos.map((video) => ({
				doneAt: video.status === 'done' ? video.renderEndsAt : Number.NaN,
			})),
		credential: (keys) => ({
			id: 'sandbox-creatify-custom',
			name: 'Creatify API headers (sandbox)',
			type: 'httpCustomAuth',
			data: {
				json: JSON.stringify({
					headers: { 'X-API-ID': keys.creatify.apiId, 'X-API-KEY': keys.creatify.apiKey },
				}),
			},
		}),
	},
	sixtyseconds: {
		title: 'SixtySeconds',
		ours: { file: 'test/bench/sixtyseconds-node.json', resultNode: 'Create Personalised Videos' },
		theirs: {
			file: 'test/bench/sixtyseconds-hand-built-polling.json',
			resultNode: 'Videos done',
		},
		productionUrl: 'https://api.sixtyseconds.video/v1',
		baseUrl: (credentials) => credentials.sixtySecondsApi.baseUrl,
		renderS: [30, 90],
		durationKind: 'sixtyseconds',
		done: 'published',
		jobs: (state) =>
			state.sixtyseconds.videos.map((video) => ({
				doneAt: video.status === 'published' ? isoMs(video.updated_at) : Number.NaN,
			})),
		credential: (keys) => ({
			id: 'sandbox-sixtyseconds-header',
			name: 'SixtySeconds Authorization header (sandbox)',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${keys.sixtyseconds.apiKey}` },
		}),
	},
};
const PROVIDER_KEYS = setting('providers', Object.keys(PROVIDERS).join(','))
	.split(',')
	.filter((key) => PROVIDERS[key]);

const mb = (bytes) => (bytes / 1e6).toFixed(0);
const median = (values) => {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	if (!sorted.length) return Number.NaN;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The workflow file for N videos against the sandbox, with the scaled wait between checks. */
function workflowFor(provider, way, n, baseUrl) {
	const text = readFileSync(path.join(repoRoot, provider[way].file), 'utf8').replaceAll(
		provider.productionUrl,
		baseUrl,
	);
	const workflow = JSON.parse(text);
	for (const node of workflow.nodes) {
		if (node.name === 'Scripts') {
			node.parameters.jsCode = node.parameters.jsCode.replace(
				/const count = \d+;/,
				`const count = ${n};`,
			);
		}
		if (node.type === 'n8n-nodes-base.wait') node.parameters.amount = CHECK_EVERY_SCALED_S;
		if (node.parameters.pollInterval !== undefined)
			node.parameters.pollInterval = CHECK_EVERY_SCALED_S;
	}
	workflow.name = `${workflow.name} (N = ${n})`;
	return workflow;
}

/** Items the result node put out over all its runs (the hand-built loop runs it once per pass). */
function resultItems(execution, nodeName) {
	const runs = execution.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((run) => run.data?.main?.[0] ?? []);
}

/** Creates (POST) and status reads (GET of jobs; template reads are counted with the creates). */
function requestKinds(byEndpoint) {
	let creates = 0;
	let statusCalls = 0;
	for (const [endpoint, count] of Object.entries(byEndpoint)) {
		if (/^GET /.test(endpoint) && !/templates/.test(endpoint)) statusCalls += count;
		else creates += count;
	}
	return { creates, statusCalls };
}

async function runOnce(stack, provider, way, n) {
	const { api, sandbox, server } = stack;
	sandbox.reset();
	const workflow = workflowFor(provider, way, n, provider.baseUrl(sandbox.credentials));
	const { id } = await api.createWorkflow(workflow);
	const before = memoryOf(server.pid);
	const stopSampling = sampleRss(server.pid);
	const executionId = await api.runWorkflow(id, manualTriggerName(workflow));
	let execution;
	try {
		execution = await api.waitForExecution(executionId, { timeoutMs: RUN_TIMEOUT_MS });
	} catch (error) {
		if (!/did not finish/.test(error.message)) throw error;
		// waitForExecution has stopped it; give n8n a moment to record that.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		execution = await api.getExecution(executionId);
	}
	const peakRss = Math.max(stopSampling(), memoryOf(server.pid)?.rss ?? 0);
	const stats = sandbox.stats();
	const items = resultItems(execution, provider[way].resultNode);
	const startedAt = Date.parse(execution.startedAt);
	const doneAts = provider.jobs(sandbox.state).map((job) => job.doneAt);
	return {
		way,
		n,
		status: execution.status,
		error: execution.data?.resultData?.error?.message,
		wallMs: (execution.stoppedAt ? Date.parse(execution.stoppedAt) : Date.now()) - startedAt,
		lastJobDoneMs: doneAts.every(Number.isFinite)
			? Math.max(startedAt, ...doneAts) - startedAt
			: Number.NaN,
		requests: stats.total,
		...requestKinds(stats.byEndpoint),
		rateViolations: stats.rateViolations,
		videos: items.filter((item) => item.json?.status === provider.done).length,
		growth: peakRss - (before?.rss ?? 0),
	};
}

function pad(value, width) {
	return String(value).padStart(width);
}

function summarize(rows) {
	const of = (key) => median(rows.map((row) => row[key]));
	return {
		wallMs: of('wallMs'),
		lastJobDoneMs: of('lastJobDoneMs'),
		requests: of('requests'),
		creates: of('creates'),
		statusCalls: of('statusCalls'),
		rateViolations: Math.max(...rows.map((row) => row.rateViolations)),
		videos: Math.min(...rows.map((row) => row.videos)),
		growth: of('growth'),
		walls: rows.map((row) => row.wallMs),
	};
}

function printTable(provider, rows) {
	console.log(
		`\n${bold(`${provider.title}: ours = the node with Wait for Completion, theirs = HTTP Request → Wait → HTTP Request → If; medians of ${RUNS} run(s)`)}`,
	);
	console.log(
		[
			'   N',
			'  wall ours',
			'theirs',
			' t/o',
			' last job done',
			' ours after it',
			' requests ours',
			'theirs',
			'   t/o',
			' over limit ours/theirs',
			' videos ours/theirs',
			' RSS growth ours/theirs (MB)',
		].join(' '),
	);
	const summaries = {};
	for (const n of SIZES) {
		const ours = summarize(rows.filter((row) => row.n === n && row.way === 'ours'));
		const theirs = summarize(rows.filter((row) => row.n === n && row.way === 'theirs'));
		summaries[n] = { ours, theirs };
		console.log(
			[
				pad(n, 4),
				pad(seconds(ours.wallMs), 11),
				pad(seconds(theirs.wallMs), 6),
				pad(`${(theirs.wallMs / ours.wallMs).toFixed(2)}×`, 4),
				pad(seconds(ours.lastJobDoneMs), 14),
				pad(seconds(ours.wallMs - ours.lastJobDoneMs), 14),
				pad(`${ours.requests} (${ours.creates}+${ours.statusCalls})`, 14),
				pad(`${theirs.requests} (${theirs.creates}+${theirs.statusCalls})`, 6),
				pad(`${(theirs.requests / ours.requests).toFixed(1)}×`, 6),
				pad(`${ours.rateViolations}/${theirs.rateViolations}`, 23),
				pad(`${ours.videos}/${theirs.videos}`, 19),
				pad(`${mb(ours.growth)}/${mb(theirs.growth)}`, 28),
			].join(' '),
		);
	}
	console.log(
		dim(
			`   requests: median (creates + status reads); over limit and videos: the worst run; wall per run ours/theirs: ${SIZES.map(
				(n) =>
					`N=${n} ${summaries[n].ours.walls.map((ms) => (ms / 1000).toFixed(1)).join(',')} / ${summaries[n].theirs.walls.map((ms) => (ms / 1000).toFixed(1)).join(',')}`,
			).join('; ')}`,
		),
	);
	for (const row of rows.filter((entry) => entry.status !== 'success' || entry.videos !== entry.n)) {
		console.log(
			`   ${row.way} N=${row.n}: execution ${row.status}, ${row.videos} of ${row.n} videos${row.error ? `: ${row.error}` : ''}`,
		);
	}
	return summaries;
}

async function main() {
	section(`n8n ${versions.n8n} (Node ${versions.node}): ours vs the hand-built polling loop`);
	await ensureRuntime();
	console.log(`   n8n --version: ${n8nVersion()}`);
	if (PACKAGE) console.log(`   package measured: ${PACKAGE}`);
	else if (!args.includes('--no-build')) {
		section('Build');
		buildPackage();
	}
	const { SANDBOX_KEYS } = loadSandbox();
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-bench-'));
	const providers = PROVIDER_KEYS.map((key) => [key, PROVIDERS[key]]);
	let stack;
	try {
		section('Start the sandbox and n8n');
		stack = await startStack({
			userFolder,
			packageTarball: PACKAGE,
			sandboxOptions: {
				seed: SEED,
				// SixtySeconds writes whole seconds; at a tenth of the time, tenths of a second are as precise.
				timestampPrecisionMs: Math.max(1, Math.round(1000 / SCALE)),
				durations: Object.fromEntries(
					providers.map(([, provider]) => [
						provider.durationKind,
						{
							minMs: (provider.renderS[0] * 1000) / SCALE,
							maxMs: (provider.renderS[1] * 1000) / SCALE,
						},
					]),
				),
			},
			extraCredentials: providers.map(([, provider]) => provider.credential(SANDBOX_KEYS)),
			onStep: step,
		});
		console.log(
			`   check every ${CHECK_EVERY_S} s real → ${CHECK_EVERY_SCALED_S} s; renders ${providers
				.map(
					([, provider]) =>
						`${provider.title} ${provider.renderS.join('–')} s → ${provider.renderS.map((s) => s / SCALE).join('–')} s`,
				)
				.join(', ')}`,
		);

		const results = {};
		for (const [key, provider] of providers) {
			section(`Runs: ${provider.title}`);
			const rows = [];
			for (const n of SIZES) {
				for (let run = 1; run <= RUNS; run++) {
					const ways = run % 2 ? ['ours', 'theirs'] : ['theirs', 'ours'];
					for (const way of ways) {
						const row = await runOnce(stack, provider, way, n);
						rows.push(row);
						console.log(
							`   N=${String(n).padEnd(3)} run ${run} ${way.padEnd(6)} ${seconds(row.wallMs).padStart(7)} (last job done ${seconds(row.lastJobDoneMs)}), ${String(row.requests).padStart(4)} requests, ${row.rateViolations} over a limit, ${row.videos}/${n} videos${row.status === 'success' ? '' : `, ${row.status}: ${row.error ?? ''}`}`,
						);
					}
				}
			}
			results[key] = printTable(provider, rows);
		}

		const reported = SIZES.includes(50) ? 50 : Math.max(...SIZES);
		console.log(
			JSON.stringify({
				items: reported,
				runs: RUNS,
				scale: SCALE,
				n8n: versions.n8n,
				providers: Object.fromEntries(
					Object.entries(results).map(([key, summaries]) => {
						const { ours, theirs } = summaries[reported];
						return [
							key,
							{
								ours_wall_ms: ours.wallMs,
								theirs_wall_ms: theirs.wallMs,
								last_job_done_ms: ours.lastJobDoneMs,
								ours_requests: ours.requests,
								theirs_requests: theirs.requests,
								ours_rate_violations: ours.rateViolations,
								theirs_rate_violations: theirs.rateViolations,
								ours_videos: ours.videos,
								theirs_videos: theirs.videos,
								wall_ratio: Number((theirs.wallMs / ours.wallMs).toFixed(2)),
								requests_ratio: Number((theirs.requests / ours.requests).toFixed(2)),
							},
						];
					}),
				),
			}),
		);
	} finally {
		if (stack) await stack.stop().catch(() => {});
		if (args.includes('--keep')) console.error(`n8n user folder kept: ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
	}
}

await main();

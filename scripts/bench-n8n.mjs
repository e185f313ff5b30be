#!/usr/bin/env node
/**
 * The benchmark users care about, in a real n8n: figures only, no pass/fail.
 *
 *   npm run bench:n8n                    builds dist/ first, then runs (about 4 minutes once n8n is cached)
 *   npm run bench:n8n -- --no-build      uses the dist/ already there
 *   npm run bench:n8n -- --sizes=1,10    other numbers of videos (default 1,10,50)
 *   npm run bench:n8n -- --scale=5       time scale (default 10: a 100 s render takes 10 s)
 *   npm run bench:n8n -- --keep          keep the n8n user folder
 *
 * The same N TikTok digital avatar videos are made two ways, one after the other, in the same n8n
 * (regular mode, the pinned version, the package installed as users get it) against the provider
 * sandbox:
 *   ours   test/bench/tiktok-avatar-node.json: the TikTok Digital Avatar node with Wait for
 *          Completion (5 scripts per create, 5 task ids per status call, all items waited for
 *          together);
 *   theirs test/bench/tiktok-avatar-hand-built-polling.json: what users build today without it —
 *          HTTP Request (create, one video per request) → Wait → HTTP Request (status) → If done?
 *          → back to Wait, both HTTP Requests batched at 10 per second to stay under TikTok's app
 *          limit. Import it into any n8n to rerun it (it calls business-api.tiktok.com; pick an
 *          "Header Auth" credential with name Access-Token).
 *
 * Time is scaled down by --scale: sandbox renders of 20–100 s take 2–10 s, and both workflows wait
 * 10 s / scale between checks (the node's Poll Interval, the Wait node's amount). TikTok's rate
 * limits are the real ones (10 per second, 600 per minute; n8n's and the node's pacing are not
 * scaled), enforced by the sandbox. The node's poll interval grows ×1.5 up to 30 s (not scaled), so
 * with long jobs the scaled run slightly favours the fixed Wait of the hand-built loop.
 *
 * For each run: wall time (n8n's execution start to stop), requests to the sandbox, requests over a
 * rate limit, videos that came out, and n8n's peak resident memory (sampled every 100 ms from
 * /proc, Linux). The sandbox is reset with the same seed before every run, so both ways get the same
 * render durations. Printed: a table, then as the last line one JSON object for the largest N.
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
const SIZES = setting('sizes', '1,10,50').split(',').map(Number);
const SCALE = Number(setting('scale', '10'));
const SEED = 7;
/** Seed 003: scripts up to 400 characters usually render within 20–100 s. */
const RENDER_S = [20, 100];
/** What a user sets between checks: the node's Poll Interval, the Wait node's amount. */
const CHECK_EVERY_S = 10;
const PRODUCTION_URL = 'https://business-api.tiktok.com';
const HEADER_CREDENTIAL = {
	id: 'sandbox-tiktok-header',
	name: 'TikTok Access-Token header (sandbox)',
};

const WAYS = [
	{
		key: 'ours',
		file: 'test/bench/tiktok-avatar-node.json',
		resultNode: 'Create Avatar Videos',
	},
	{
		key: 'theirs',
		file: 'test/bench/tiktok-avatar-hand-built-polling.json',
		resultNode: 'Videos done',
	},
];

const mb = (bytes) => (bytes / 1e6).toFixed(0);

/** The workflow file for N videos against the sandbox, with the scaled wait between checks. */
function workflowFor(way, n, tiktokBaseUrl) {
	const text = readFileSync(path.join(repoRoot, way.file), 'utf8').replaceAll(
		PRODUCTION_URL,
		tiktokBaseUrl,
	);
	const workflow = JSON.parse(text);
	const checkEvery = Math.max(1, CHECK_EVERY_S / SCALE);
	for (const node of workflow.nodes) {
		if (node.name === 'Scripts') {
			node.parameters.jsCode = node.parameters.jsCode.replace(
				/const count = \d+;/,
				`const count = ${n};`,
			);
		}
		if (node.type === 'n8n-nodes-base.wait') node.parameters.amount = checkEvery;
		if (node.parameters.pollInterval !== undefined) node.parameters.pollInterval = checkEvery;
	}
	workflow.name = `${workflow.name} (N = ${n})`;
	return workflow;
}

/** Items the result node put out over all its runs (the hand-built loop runs it once per pass). */
function resultItems(execution, nodeName) {
	const runs = execution.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((run) => run.data?.main?.[0] ?? []);
}

async function runOnce(stack, way, n) {
	const { api, sandbox, server } = stack;
	sandbox.reset();
	const workflow = workflowFor(way, n, sandbox.credentials.tiktokBusinessApi.baseUrl);
	const { id } = await api.createWorkflow(workflow);
	const before = memoryOf(server.pid);
	const stopSampling = sampleRss(server.pid);
	const executionId = await api.runWorkflow(id, manualTriggerName(workflow));
	const execution = await api.waitForExecution(executionId, { timeoutMs: 30 * 60_000 });
	const peakRss = Math.max(stopSampling(), memoryOf(server.pid)?.rss ?? 0);
	const stats = sandbox.stats();
	const items = resultItems(execution, way.resultNode);
	const jobs = sandbox.state.tiktok.avatarTasks;
	return {
		way: way.key,
		n,
		status: execution.status,
		error: execution.data?.resultData?.error?.message,
		wallMs: Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt),
		requests: stats.total,
		creates:
			stats.byEndpoint['POST /open_api/v1.3/creative/digital_avatar/video/task/create/'] ?? 0,
		statusCalls:
			stats.byEndpoint['GET /open_api/v1.3/creative/digital_avatar/video/task/get/'] ?? 0,
		rateViolations: stats.rateViolations,
		videos: items.filter((item) => item.json?.status === 'SUCCESS').length,
		jobs: jobs.length,
		slowestJobMs: jobs.length ? Math.max(...jobs.map((job) => job.durationMs ?? 0)) : 0,
		rssBefore: before?.rss ?? 0,
		peakRss,
	};
}

function pad(value, width) {
	return String(value).padStart(width);
}

function printTable(rows) {
	console.log(
		`\n${bold('N videos, ours = TikTok Digital Avatar node (Wait for Completion), theirs = HTTP Request → Wait → HTTP Request → If loop')}`,
	);
	const header = [
		'   N',
		'  wall ours',
		'theirs',
		' t/o',
		' requests ours',
		'theirs',
		'   t/o',
		' over limit ours/theirs',
		' videos ours/theirs',
		' slowest job',
		' n8n peak RSS ours/theirs (MB)',
		' growth ours/theirs (MB)',
	];
	console.log(header.join(' '));
	for (const n of SIZES) {
		const ours = rows.find((row) => row.n === n && row.way === 'ours');
		const theirs = rows.find((row) => row.n === n && row.way === 'theirs');
		if (!ours || !theirs) continue;
		console.log(
			[
				pad(n, 4),
				pad(seconds(ours.wallMs), 11),
				pad(seconds(theirs.wallMs), 6),
				pad(`${(theirs.wallMs / ours.wallMs).toFixed(2)}×`, 4),
				pad(ours.requests, 14),
				pad(theirs.requests, 6),
				pad(`${(theirs.requests / ours.requests).toFixed(1)}×`, 6),
				pad(`${ours.rateViolations}/${theirs.rateViolations}`, 23),
				pad(`${ours.videos}/${theirs.videos}`, 19),
				pad(seconds(ours.slowestJobMs), 12),
				pad(`${mb(ours.peakRss)}/${mb(theirs.peakRss)}`, 31),
				pad(`${mb(ours.peakRss - ours.rssBefore)}/${mb(theirs.peakRss - theirs.rssBefore)}`, 24),
			].join(' '),
		);
	}
	console.log(
		dim(
			`   requests = all requests the sandbox received (creates + status calls; ours ${rows
				.filter((row) => row.way === 'ours')
				.map((row) => `${row.creates}+${row.statusCalls}`)
				.join(', ')}; theirs ${rows
				.filter((row) => row.way === 'theirs')
				.map((row) => `${row.creates}+${row.statusCalls}`)
				.join(', ')})`,
		),
	);
	for (const row of rows.filter(
		(entry) => entry.status !== 'success' || entry.videos !== entry.n,
	)) {
		console.log(
			`   ${row.way} N=${row.n}: execution ${row.status}, ${row.videos} of ${row.n} videos${row.error ? `: ${row.error}` : ''}`,
		);
	}
}

async function main() {
	section(`n8n ${versions.n8n} (Node ${versions.node}): ours vs the hand-built polling loop`);
	await ensureRuntime();
	console.log(`   n8n --version: ${n8nVersion()}`);
	if (!args.includes('--no-build')) {
		section('Build');
		buildPackage();
	}
	const { SANDBOX_KEYS } = loadSandbox();
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-bench-'));
	let stack;
	try {
		section('Start the sandbox and n8n');
		stack = await startStack({
			userFolder,
			sandboxOptions: {
				seed: SEED,
				durations: {
					tiktokAvatar: {
						minMs: (RENDER_S[0] * 1000) / SCALE,
						maxMs: (RENDER_S[1] * 1000) / SCALE,
					},
				},
			},
			extraCredentials: [
				{
					...HEADER_CREDENTIAL,
					type: 'httpHeaderAuth',
					data: { name: 'Access-Token', value: SANDBOX_KEYS.tiktok.accessToken },
				},
			],
			onStep: step,
		});
		console.log(
			`   renders ${RENDER_S.join('–')} s real → ${RENDER_S.map((s) => s / SCALE).join('–')} s; check every ${CHECK_EVERY_S} s real → ${Math.max(1, CHECK_EVERY_S / SCALE)} s`,
		);

		section('Runs');
		const rows = [];
		for (const n of SIZES) {
			for (const way of WAYS) {
				const row = await runOnce(stack, way, n);
				rows.push(row);
				console.log(
					`   N=${String(n).padEnd(3)} ${way.key.padEnd(6)} ${seconds(row.wallMs).padStart(7)}, ${String(row.requests).padStart(4)} requests, ${row.videos}/${n} videos, peak RSS ${mb(row.peakRss)} MB (before ${mb(row.rssBefore)} MB)${row.status === 'success' ? '' : `, ${row.status}: ${row.error ?? ''}`}`,
				);
			}
		}
		printTable(rows);
		const n = Math.max(...SIZES);
		const ours = rows.find((row) => row.n === n && row.way === 'ours');
		const theirs = rows.find((row) => row.n === n && row.way === 'theirs');
		console.log(
			JSON.stringify({
				items: n,
				ours_wall_ms: ours.wallMs,
				theirs_wall_ms: theirs.wallMs,
				ours_requests: ours.requests,
				theirs_requests: theirs.requests,
				ours_peak_rss_mb: Number(mb(ours.peakRss)),
				theirs_peak_rss_mb: Number(mb(theirs.peakRss)),
				ours_rss_growth_mb: Number(mb(ours.peakRss - ours.rssBefore)),
				theirs_rss_growth_mb: Number(mb(theirs.peakRss - theirs.rssBefore)),
				ours_videos: ours.videos,
				theirs_videos: theirs.videos,
				ours_rate_violations: ours.rateViolations,
				theirs_rate_violations: theirs.rateViolations,
				wall_ratio: Number((theirs.wallMs / ours.wallMs).toFixed(2)),
				requests_ratio: Number((theirs.requests / ours.requests).toFixed(2)),
				slowest_job_ms: ours.slowestJobMs,
				scale: SCALE,
				n8n: versions.n8n,
			}),
		);
	} finally {
		if (stack) await stack.stop().catch(() => {});
		if (args.includes('--keep')) console.error(`n8n user folder kept: ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
	}
}

await main();

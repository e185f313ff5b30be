#!/usr/bin/env node
// Memory check (`npm run test:e2e:memory`): a workflow downloads a large sandbox video (500 MB by
// default) into binary data with the node's "Download Video" option, inside the real n8n, while
// this script samples the n8n process's resident memory from /proc (Linux).
//
// n8n 2.x keeps binary data on disk (N8N_DEFAULT_BINARY_DATA_MODE=filesystem, its default in
// regular mode), so a streamed download should leave n8n's memory far below the file size. The
// check fails when n8n's peak RSS during the run grows by more than --max-growth (default 0.5) times
// the video size: that only happens when the whole file is buffered in memory somewhere.
//
// Options: --size-mb <n> (default 500), --workflow <file> (default test/e2e/memory/
// tiktok-avatar-download.json), --binary-mode <filesystem|default> (compare with in-memory binary
// data), --max-growth <ratio>, --no-build, --keep.

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { versions } from '../../scripts/n8n-runtime.mjs';
import { binarySize } from './lib/expect.mjs';
import { memoryOf, sampleRss } from './lib/process-memory.mjs';
import { dim, Report, section, seconds, step } from './lib/report.mjs';
import { N8nRun } from './lib/runner.mjs';
import { manualTriggerName, memoryWorkflowsDir, packageTypes, repoRoot } from './lib/workflows.mjs';

const report = new Report();
const runner = new N8nRun({ name: 'memory', failed: () => report.failed.length > 0 });
const { value } = runner.cli;
const sizeBytes = Math.round(Number(value('--size-mb', '500')) * 1e6);
const workflowFile = path.resolve(
	value('--workflow', path.join(memoryWorkflowsDir, 'tiktok-avatar-download.json')),
);
const binaryMode = value('--binary-mode', 'filesystem');
const maxGrowth = Number(value('--max-growth', '0.5'));
const WARM_UP_BYTES = 1e6;

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

async function runOnce(api, workflowId, triggerName) {
	const executionId = await api.runWorkflow(workflowId, triggerName);
	return await api.waitForExecution(executionId, { timeoutMs: 600_000 });
}

/** Every binary entry the run produced: { node, property, binary }. */
function binariesOf(execution) {
	const found = [];
	for (const [node, runs] of Object.entries(execution.data?.resultData?.runData ?? {})) {
		for (const run of runs) {
			for (const items of run.data?.main ?? []) {
				for (const item of items ?? []) {
					for (const [property, binary] of Object.entries(item.binary ?? {}))
						found.push({ node, property, binary });
				}
			}
		}
	}
	return found;
}

async function main() {
	if (!existsSync('/proc/self/status'))
		throw new Error('the memory check reads /proc/<pid>/status (Linux only)');
	await runner.prepare(`n8n ${versions.n8n} (Node ${versions.node})`);

	const workflow = JSON.parse(readFileSync(workflowFile, 'utf8'));
	const available = new Set(packageTypes().nodes.map(({ type }) => type));
	const missing = workflow.nodes
		.map((node) => node.type)
		.filter((type) => type.startsWith('n8n-nodes-shortform-video.') && !available.has(type));
	if (missing.length)
		throw new Error(
			`${path.relative(repoRoot, workflowFile)} needs ${missing.join(', ')}, which the package does not build`,
		);

	section(`Start the sandbox and n8n (binary data mode: ${binaryMode})`);
	const { api, sandbox, server } = await runner.start({
		sandboxOptions: { videoBytes: WARM_UP_BYTES },
		extraEnv: { N8N_DEFAULT_BINARY_DATA_MODE: binaryMode },
	});
	const { userFolder } = runner;
	const created = await api.createWorkflow(workflow);
	const trigger = manualTriggerName(workflow);

	section(`Download a ${mb(sizeBytes)} video (${path.relative(repoRoot, workflowFile)})`);
	// A small run first, so the baseline already includes the node's code and n8n's caches.
	step(`warm-up run with a ${mb(WARM_UP_BYTES)} video`);
	const warmUp = await runOnce(api, created.id, trigger);
	if (warmUp.status !== 'success')
		throw new Error(`the warm-up run failed: ${warmUp.data?.resultData?.error?.message}`);

	sandbox.configure({ videoBytes: sizeBytes });
	const before = memoryOf(server.pid);
	const stopSampling = sampleRss(server.pid);
	const t0 = Date.now();
	step(`measured run with a ${mb(sizeBytes)} video`);
	const execution = await runOnce(api, created.id, trigger);
	const duration = Date.now() - t0;
	const sampledPeak = stopSampling();
	const after = memoryOf(server.pid);

	const failures = [];
	if (execution.status !== 'success') {
		failures.push(`the run failed: ${execution.data?.resultData?.error?.message}`);
	}
	const binaries = binariesOf(execution);
	const video = binaries.find(({ binary }) => binarySize(binary) === sizeBytes);
	if (!video) {
		failures.push(
			`no binary output of ${sizeBytes} bytes (found: ${binaries.map(({ binary }) => binarySize(binary)).join(', ') || 'none'})`,
		);
	}
	const details = [`run took ${seconds(duration)}`];
	if (video) {
		details.push(
			`binary "${video.property}" of node "${video.node}": ${mb(binarySize(video.binary))}, id ${video.binary.id ?? '(in memory)'}`,
		);
		if (binaryMode === 'filesystem') {
			const relative = String(video.binary.id ?? '').replace(/^filesystem(-v2)?:/, '');
			const file = path.join(userFolder, '.n8n', 'storage', relative);
			if (!String(video.binary.id ?? '').startsWith('filesystem')) {
				failures.push(`binary data is not on disk (id ${video.binary.id})`);
			} else if (existsSync(file)) {
				details.push(`on disk: ${mb(statSync(file).size)}`);
				if (statSync(file).size !== sizeBytes)
					failures.push(`the file on disk has ${statSync(file).size} bytes`);
			} else {
				details.push(
					dim('(binary file not found under .n8n/storage; size taken from n8n metadata)'),
				);
			}
		}
	}
	// The peak is the larger of what sampling saw and the kernel's high-water mark, if that rose.
	const peak = Math.max(sampledPeak, after.hwm > before.hwm ? after.hwm : 0, after.rss);
	const growth = peak - before.rss;
	details.push(
		`n8n RSS before: ${mb(before.rss)}; peak during the run: ${mb(peak)} (VmHWM ${mb(before.hwm)} → ${mb(after.hwm)})`,
	);
	details.push(
		`growth: ${mb(growth)} for a ${mb(sizeBytes)} video = ${(growth / sizeBytes).toFixed(2)} × the file size (limit ${maxGrowth})`,
	);
	if (growth > maxGrowth * sizeBytes) {
		failures.push(
			`n8n's memory grew by ${mb(growth)}: the video seems to be held in memory instead of streamed`,
		);
	}
	report.check(
		'memory',
		`${mb(sizeBytes)} video into binary data (${binaryMode} mode)`,
		failures,
		details,
	);
}

await runner.execute(main, { report, what: 'memory check', title: 'Memory check' });

#!/usr/bin/env node
// Downloads under n8n's own SSRF protection (`npm run test:e2e:ssrf`): result URLs are fetched with n8n's HTTP
// helper, so with N8N_SSRF_PROTECTION_ENABLED=true n8n itself must refuse a result URL, or a redirect, that
// points at a private address — the package adds no blocklist of its own. The other end-to-end suites turn the
// protection off, because the sandbox lives on 127.0.0.1.
//
// The sandbox is reached as `localhost`, the only hostname allowed (N8N_SSRF_ALLOWED_HOSTNAMES), so API calls
// pass; a result URL on 127.0.0.1 is a private address n8n must block. One TikTok Digital Avatar workflow
// (create, wait, download) runs three times:
//   1. result URL on localhost (allowed)             → downloaded, size as announced, no credential sent;
//   2. result URL on 127.0.0.1                       → item fails naming n8n's refusal, nothing fetched;
//   3. result URL on localhost redirecting to 127.0.0.1 → item fails the same way, only the redirect fetched,
//      without a credential.
//
// Options: --no-build (use the existing dist/), --keep (keep the n8n user folder), --verbose (n8n's output).

import { versions } from '../../scripts/n8n-runtime.mjs';
import { SANDBOX_CREDENTIALS } from './lib/credentials.mjs';
import { freePort } from './lib/n8n.mjs';
import { Report, section } from './lib/report.mjs';
import { N8nRun } from './lib/runner.mjs';

const report = new Report();
const runner = new N8nRun({ name: 'ssrf', failed: () => report.failed.length > 0 });
const VIDEO_BYTES = 200_000;
const NODE_NAME = 'TikTok Digital Avatar';

const workflow = {
	name: 'E2E: TikTok Digital Avatar download under SSRF protection',
	nodes: [
		{
			id: 'c0ffee00-0000-4000-8000-000000000001',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'c0ffee00-0000-4000-8000-000000000002',
			name: NODE_NAME,
			type: 'n8n-nodes-shortform-video.tikTokDigitalAvatar',
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'avatarVideo',
				operation: 'create',
				avatar: { __rl: true, mode: 'id', value: '7301881390801371138' },
				script: 'Meet the bottle that keeps your coffee hot for twelve hours.',
				waitForCompletion: true,
				pollInterval: 1,
				timeout: 120,
				downloadVideo: true,
				binaryPropertyName: 'data',
			},
			credentials: { tiktokBusinessApi: SANDBOX_CREDENTIALS.tiktokBusinessApi },
			onError: 'continueRegularOutput',
		},
	],
	connections: { Start: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** The node's one output item: its JSON, binary and error, from the execution's run data. */
function nodeResult(execution) {
	const run = execution.data?.resultData?.runData?.[NODE_NAME]?.[0];
	const item = run?.data?.main?.[0]?.[0];
	return { item, error: run?.error ?? execution.data?.resultData?.error };
}

async function runCase(stack, title, { publicUrl, redirectTo, expect }) {
	const { sandbox, api } = stack;
	const failures = [];
	const details = [];
	const t0 = Date.now();
	try {
		sandbox.reset();
		sandbox.clearFaults();
		sandbox.configure({ publicUrl });
		if (redirectTo) {
			sandbox.injectFault({
				provider: 'files',
				path: '/videos/',
				type: 'redirect',
				location: `${redirectTo}/files/videos/redirected.mp4?bytes=${VIDEO_BYTES}`,
			});
		}
		const created = await api.createWorkflow(workflow);
		const executionId = await api.runWorkflow(created.id, 'Start');
		const execution = await api.waitForExecution(executionId, { timeoutMs: 120_000 });
		const { item } = nodeResult(execution);
		const media = sandbox.requests({ provider: 'files' });
		details.push(
			`requests to /files: ${media.length}, credential headers on them: ${media.filter((entry) => entry.auth !== 'missing').length}`,
		);
		if (item?.json?.error) details.push(`the item says: ${String(item.json.error).slice(0, 200)}`);

		if (media.some((entry) => entry.auth !== 'missing'))
			failures.push('a credential header reached a result URL');
		if (expect === 'downloaded') {
			const binary = item?.binary?.data;
			if (!binary)
				failures.push(`no video downloaded: ${JSON.stringify(item?.json).slice(0, 300)}`);
			else {
				const bytes = await api.binaryDataBytes(binary.id);
				if (bytes !== VIDEO_BYTES)
					failures.push(`stored ${bytes} bytes, the result URL announced ${VIDEO_BYTES}`);
			}
		} else {
			const message = String(item?.json?.error ?? '');
			if (item?.binary?.data)
				failures.push('the video was downloaded although SSRF protection is on');
			if (!/n8n refused to download/.test(message) || !/restricted IP address/.test(message))
				failures.push(`the item does not say n8n refused the address: ${message.slice(0, 300)}`);
			if (!item?.json?.task_id && !/task|job/i.test(message))
				failures.push('the failed item does not name its TikTok task');
			const expectedFetches = redirectTo ? 1 : 0;
			if (media.length !== expectedFetches)
				failures.push(
					`${media.length} request(s) reached /files, expected ${expectedFetches} (${redirectTo ? 'the redirect only' : 'none: the address is refused before connecting'})`,
				);
		}
	} catch (error) {
		failures.push(error.message);
	}
	report.check('ssrf', title, failures, details, Date.now() - t0);
}

async function main() {
	await runner.prepare(
		`n8n ${versions.n8n} (Node ${versions.node}) with N8N_SSRF_PROTECTION_ENABLED=true`,
	);
	section('Start the sandbox and n8n');
	const sandboxPort = await freePort();
	const allowed = `http://localhost:${sandboxPort}`;
	const privateAddress = `http://127.0.0.1:${sandboxPort}`;
	const stack = await runner.start({
		sandboxPort,
		// Credentials are imported with this origin: the API is reached through the allowed hostname.
		sandboxOptions: {
			publicUrl: allowed,
			videoBytes: VIDEO_BYTES,
			durations: { minMs: 300, maxMs: 800 },
		},
		extraEnv: { N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost' },
	});

	section('Downloads');
	await runCase(stack, 'result URL on an allowed host: downloaded in full, without a credential', {
		publicUrl: allowed,
		expect: 'downloaded',
	});
	await runCase(stack, 'result URL on a private address: refused by n8n, nothing fetched', {
		publicUrl: privateAddress,
		expect: 'refused',
	});
	await runCase(stack, 'redirect to a private address: refused by n8n after the redirect', {
		publicUrl: allowed,
		redirectTo: privateAddress,
		expect: 'refused',
	});
}

await runner.execute(main, { report, what: 'SSRF run', title: 'SSRF download tests' });

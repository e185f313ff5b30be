#!/usr/bin/env node
// The recovery matrix, in a real n8n: what a user's recovery from trouble pays, for the nodes that pay per item.
//
// Production workflows as unattended automations run them (Webhook → Code with 3 items → TikTok Digital Avatar,
// Creatify or SixtySeconds create, Wait for Completion and Download Video on, Continue On Fail off): every failure
// below is followed by each way users recover from it:
//
//   failure                      recovery
//   a job ends FAILED            Retry (original workflow) · Retry (saved workflow) · run again
//   the first download is 403    Retry (original workflow) · Retry (saved workflow) · run again
//   Timeout before the renders   raise Timeout in the saved workflow, then Retry (saved workflow) · run again
//   n8n killed (SIGKILL) while   restart n8n, then Retry the crashed execution · run again
//     the node waits
//   the user presses Stop        run again
//     while the node waits
//   n8n killed while a 300-item  restart n8n, then Retry the crashed execution (TikTok: the Retry reads 300 records
//     run waits                    back from n8n's database)
//   queue mode: the worker       restart the worker, then Retry · run again
//     running it is killed
//
// Counted per item from the sandbox (the provider's own record): paid creates (at most 1, except an item whose job
// the provider failed: paid again once, documented) and paid jobs missing from the last execution (its output, or
// the error that stopped it, must name every paid job the provider did not fail: "lost"). Prints a table and a
// last JSON line
// {"scenarios":…,"double_paid":0,"lost":0}; exits 1 on any violation.
//
// Usage: npm run test:recovery [-- --no-build] [--only <provider or failure>] [--no-queue] [--keep]
// (queue mode installs Debian's postgresql and redis-server when missing, like test:e2e:queue)

import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { versions } from '../../scripts/n8n-runtime.mjs';
import { sandboxCredentialRef } from './lib/credentials.mjs';
import {
	freePort,
	N8nApi,
	n8nEnv,
	startN8n,
	startN8nWorker,
	workerExecutions,
} from './lib/n8n.mjs';
import { bold, dim, green, red, section, seconds } from './lib/report.mjs';
import { N8nRun } from './lib/runner.mjs';
import { OWNER } from './lib/stack.mjs';
import { readPackageJson } from './lib/workflows.mjs';

let failed = false;
const runner = new N8nRun({ name: 'recovery', failed: () => failed });
const { option, only } = runner.cli;
const PACKAGE = readPackageJson().name;

/** The paying node of each provider, how to count its paid creates, and which field makes a job fail. */
const PROVIDERS = {
	avatar: {
		label: 'TikTok Digital Avatar',
		node: (text) => ({
			type: `${PACKAGE}.tikTokDigitalAvatar`,
			parameters: {
				resource: 'avatarVideo',
				operation: 'create',
				avatar: { __rl: true, mode: 'id', value: '7301881390801371138' },
				script: '={{ $json.text }}',
			},
			credentials: { tiktokBusinessApi: sandboxCredentialRef('tiktokBusinessApi') },
		}),
		/** Accepted creates, one per item text, in the order the provider made the jobs. */
		paid(sandbox) {
			const texts = sandbox
				.requests({
					provider: 'tiktok',
					endpoint: 'POST /open_api/v1.3/creative/digital_avatar/video/task/create/',
				})
				.filter((request) => request.status === 200 && request.code === 0)
				.flatMap((request) => request.body.material_packages.map((pack) => pack.script));
			const tasks = sandbox.state.tiktok.avatarTasks;
			return texts.map((text, index) => ({
				text,
				id: tasks[index]?.task_id,
				failed: tasks[index]?.status === 'FAILED',
			}));
		},
	},
	creatify: {
		label: 'Creatify',
		node: () => ({
			type: `${PACKAGE}.creatify`,
			parameters: {
				resource: 'video',
				operation: 'create',
				source: 'productUrl',
				productUrl: 'https://shop.example.com/products/steel-kettle',
				aspectRatio: '9x16',
				videoLength: '15',
				language: 'en',
				scriptStyle: 'DiscoveryWriter',
				modelVersion: 'standard',
				additionalFields: { name: '={{ $json.text }}' },
			},
			credentials: { creatifyApi: sandboxCredentialRef('creatifyApi') },
		}),
		paid(sandbox) {
			return sandbox.state.creatify.videos.map((video) => ({
				text: video.name,
				id: video.id,
				failed: video.status === 'failed',
			}));
		},
	},
	sixtyseconds: {
		label: 'SixtySeconds',
		node: () => ({
			type: `${PACKAGE}.sixtySeconds`,
			parameters: {
				resource: 'video',
				operation: 'create',
				title: '={{ $json.text }}',
				template: { __rl: true, mode: 'id', value: 'tmpl_welcome_message' },
				customerData: 'inputItem',
				inputFields: 'first_name',
				aspectRatio: '9:16',
			},
			credentials: { sixtySecondsApi: sandboxCredentialRef('sixtySecondsApi') },
		}),
		paid(sandbox) {
			return sandbox.state.sixtyseconds.videos.map((video) => ({
				text: video.title,
				id: video.id,
				failed: video.status === 'failed',
			}));
		},
	},
};

const ITEMS = 3;
const FAST = { minMs: 600, maxMs: 1_500 };
const SLOW = { minMs: 14_000, maxMs: 16_000 };

/**
 * Failures: how the first execution goes wrong. `fail` marks item 2's job to end FAILED; `durations` set render
 * times; `timeout` is the node's Timeout; `interrupt` acts on the running execution once every create is accepted.
 */
const FAILURES = {
	jobFailed: { label: 'item 2 job FAILED', durations: FAST, timeout: 120, failItem: 2 },
	download403: {
		label: 'first download 403',
		durations: FAST,
		timeout: 120,
		// Each provider's first result download (the sandbox's file names tell the providers apart).
		fault: (providerKey) => ({
			provider: 'files',
			path: {
				avatar: '/videos/avatar-',
				creatify: '/videos/creatify-',
				sixtyseconds: '/videos/vid_',
			}[providerKey],
			type: 'http',
			status: 403,
			times: 1,
		}),
	},
	timeout: { label: 'Timeout (10 s) too short', durations: SLOW, timeout: 10 },
	killed: { label: 'n8n killed mid-wait', durations: SLOW, timeout: 120, interrupt: 'kill' },
	stopped: { label: 'Stop mid-wait', durations: SLOW, timeout: 120, interrupt: 'stop' },
	// A big run: the Retry reads 300 items back from the ledger in n8n's database (TikTok, the provider with limits).
	killedMany: {
		label: 'n8n killed mid-wait, 300 items',
		items: 300,
		providers: ['avatar'],
		durations: SLOW,
		timeout: 120,
		interrupt: 'kill',
	},
	workerKilled: {
		label: 'queue worker killed mid-wait',
		durations: SLOW,
		timeout: 120,
		interrupt: 'killWorker',
	},
};

/** Recoveries: what the user does next. */
const RECOVERIES = {
	jobFailed: ['retryOriginal', 'retrySaved', 'runAgain'],
	download403: ['retryOriginal', 'retrySaved', 'runAgain'],
	timeout: ['raiseTimeoutRetrySaved', 'raiseTimeoutRunAgain'],
	killed: ['restartRetry', 'restartRunAgain'],
	stopped: ['runAgain'],
	killedMany: ['restartRetry'],
};

/** In queue mode (PostgreSQL, Redis, n8n main and 2 workers). */
const QUEUE_RECOVERIES = { workerKilled: ['restartWorkerRetry', 'restartWorkerRunAgain'] };

let stack;
let sequence = 0;

function workflowFor(providerKey, failure, scenarioId) {
	const provider = PROVIDERS[providerKey];
	const node = provider.node();
	const texts = Array.from(
		{ length: failure.items ?? ITEMS },
		(_, index) =>
			`Recovery ${scenarioId} item ${index}${failure.failItem === index ? ' sandbox-fail' : ''}`,
	);
	// UUID-shaped ids, distinct per scenario (a node's ledger is keyed by its id).
	const id = (suffix) => {
		const hex = Buffer.from(`${scenarioId}-${suffix}`).toString('hex').padEnd(32, '0').slice(0, 32);
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	};
	return {
		texts,
		workflow: {
			name: `Recovery ${scenarioId}`,
			nodes: [
				{
					id: id('trigger'),
					name: 'Start',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: id('hook'),
					parameters: { path: `recovery-${scenarioId}`, responseMode: 'onReceived' },
				},
				{
					id: id('items'),
					name: 'Items',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [220, 0],
					parameters: {
						jsCode: `return ${JSON.stringify(texts.map((text) => ({ json: { text, first_name: 'Ada' } })))};`,
					},
				},
				{
					id: id('video'),
					name: 'Video',
					typeVersion: 1,
					position: [440, 0],
					...node,
					parameters: {
						...node.parameters,
						waitForCompletion: true,
						pollInterval: 1,
						timeout: failure.timeout,
						downloadVideo: true,
						binaryPropertyName: 'data',
					},
				},
			],
			connections: {
				Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: { main: [[{ node: 'Video', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		},
	};
}

async function newestExecutionId(api, workflowId, after) {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const ids = (await api.listExecutions(workflowId))
			.map((execution) => Number(execution.id))
			.filter((id) => id > after);
		if (ids.length) return String(Math.max(...ids));
		if (Date.now() > deadline) throw new Error(`no new execution of workflow ${workflowId}`);
		await sleep(250);
	}
}

async function retry(api, workflowId, executionId, loadWorkflow) {
	const before = Math.max(
		0,
		...(await api.listExecutions(workflowId)).map((execution) => Number(execution.id)),
	);
	await api.request('POST', `/executions/${executionId}/retry`, { body: { loadWorkflow } });
	return await newestExecutionId(api, workflowId, before);
}

/** A production run: the workflow's webhook is called, as the system feeding it would. */
async function run(api, flow) {
	const before = Math.max(
		0,
		...(await api.listExecutions(flow.workflowId)).map((execution) => Number(execution.id)),
	);
	// Publishing registers the webhook a moment after it answers.
	const deadline = Date.now() + 20_000;
	for (;;) {
		const response = await fetch(new URL(`/webhook/recovery-${flow.scenarioId}`, api.url));
		if (response.ok) break;
		if (response.status !== 404 || Date.now() > deadline)
			throw new Error(`webhook of ${flow.scenarioId}: HTTP ${response.status}`);
		await sleep(250);
	}
	return await newestExecutionId(api, flow.workflowId, before);
}

/** Waits until the sandbox has accepted a create for every item of these texts. */
async function createsAccepted(sandbox, providerKey, texts) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const paid = PROVIDERS[providerKey].paid(sandbox).map((job) => job.text);
		if (texts.every((text) => paid.includes(text))) return;
		if (Date.now() > deadline) throw new Error('the creates were not all accepted within 60 s');
		await sleep(200);
	}
}

async function restartN8n() {
	const old = stack.server;
	try {
		process.kill(-old.pid, 'SIGKILL');
	} catch {}
	await old.exited;
	stack.server = await startN8n({ env: stack.env, logFile: stack.logFile });
	stack.api = new N8nApi(stack.server.url);
	await stack.api.login(OWNER.email, OWNER.password);
}

/**
 * Kills (SIGKILL) every queue-mode worker running one of these executions, and starts it again, as a process
 * manager would.
 */
async function restartWorkersOf(executionIds) {
	for (const [index, worker] of stack.workers.entries()) {
		const ran = workerExecutions(worker.logFile);
		if (!executionIds.some((id) => ran.includes(String(id)))) continue;
		try {
			process.kill(-worker.pid, 'SIGKILL');
		} catch {}
		await worker.exited;
		const env = n8nEnv({
			userFolder: path.join(runner.userFolder, worker.name),
			port: await freePort(),
			brokerPort: await freePort(),
			extra: stack.queueEnv,
		});
		const restarted = await startN8nWorker({
			env,
			logFile: path.join(runner.userFolder, `${worker.name}-restarted.log`),
		});
		stack.workers[index] = { name: worker.name, ...restarted };
	}
}

/**
 * The status a user finds. An execution whose worker died may stay "running" until something ends it: after a
 * minute the user stops it (waitForExecution does), so that it can be retried.
 */
async function settledStatus(executionId, mayHang) {
	try {
		const execution = await stack.api.waitForExecution(executionId, {
			timeoutMs: mayHang ? 60_000 : 180_000,
		});
		return execution.status;
	} catch (error) {
		if (!mayHang) throw error;
		const { data } = await stack.api.request('GET', `/executions/${executionId}`, {
			allowError: true,
		});
		return `${data?.status ?? 'unknown'} (stopped after 60 s)`;
	}
}

function outcomeOf(execution) {
	const runs = execution.data?.resultData?.runData?.Video ?? [];
	const last = runs[runs.length - 1];
	const items = last?.data?.main?.[0] ?? [];
	return {
		status: execution.status,
		items: items.length,
		binaries: items.filter((item) => item.binary?.data).length,
		reused: items.filter((item) => item.json?.reused_job === true).length,
		timeout: execution.workflowData?.nodes?.find((node) => node.name === 'Video')?.parameters
			?.timeout,
		text: JSON.stringify(execution.data ?? {}),
		durationMs: new Date(execution.stoppedAt) - new Date(execution.startedAt),
	};
}

/** What the user does after the failure, on one workflow; its last execution goes to `flow.last`. */
async function recover(flow, recovery) {
	const { api } = stack;
	if (recovery.startsWith('raiseTimeout')) {
		const saved = flow.workflow.nodes.map((node) =>
			node.name === 'Video' ? { ...node, parameters: { ...node.parameters, timeout: 120 } } : node,
		);
		const current = (await api.request('GET', `/workflows/${flow.workflowId}`)).data;
		const updated = (
			await api.request('PATCH', `/workflows/${flow.workflowId}`, {
				body: { ...current, nodes: saved },
			})
		).data;
		// Saved and published, as a user does so that production runs use the new Timeout. n8n answers before the new
		// version takes over its webhook (a call at once still runs the old one), and a user is never that quick.
		await api.activateWorkflow(updated);
		await sleep(3_000);
	}
	let next;
	if (['retryOriginal', 'restartRetry', 'restartWorkerRetry'].includes(recovery))
		next = await retry(api, flow.workflowId, flow.first, false);
	else if (recovery === 'retrySaved' || recovery === 'raiseTimeoutRetrySaved')
		next = await retry(api, flow.workflowId, flow.first, true);
	else next = await run(api, flow);
	const last = await api.waitForExecution(next, { timeoutMs: 180_000 });
	flow.last = outcomeOf(last);
}

/** One scenario: a failure, the user's recovery, and the count. */
async function scenario(providerKeys, failureKey, recovery) {
	const failure = FAILURES[failureKey];
	const { sandbox } = stack;
	sandbox.reset();
	sandbox.configure({ durations: failure.durations });
	for (const providerKey of providerKeys)
		if (failure.fault) sandbox.injectFault(failure.fault(providerKey));

	const flows = [];
	for (const providerKey of providerKeys) {
		const scenarioId = `r${++sequence}`;
		const { workflow, texts } = workflowFor(providerKey, failure, scenarioId);
		const created = await stack.api.createWorkflow(workflow);
		const published = await stack.api.activateWorkflow(created);
		if (!published?.active && !published?.activeVersionId)
			throw new Error(
				`workflow ${created.id} was not published: ${JSON.stringify(published).slice(0, 300)}`,
			);
		flows.push({ providerKey, texts, workflow, scenarioId, workflowId: created.id });
	}
	// The first execution, and what goes wrong in it.
	for (const flow of flows) flow.first = await run(stack.api, flow);
	if (failure.interrupt) {
		for (const flow of flows) await createsAccepted(sandbox, flow.providerKey, flow.texts);
		await sleep(1_000);
		if (failure.interrupt === 'kill') await restartN8n();
		else if (failure.interrupt === 'killWorker')
			await restartWorkersOf(flows.map((flow) => flow.first));
		else
			for (const flow of flows)
				await stack.api.request('POST', `/executions/${flow.first}/stop`, { allowError: true });
	}
	for (const flow of flows) {
		flow.firstStatus = await settledStatus(flow.first, failure.interrupt === 'killWorker');
	}

	// The recovery, for every provider at once.
	await Promise.all(flows.map(async (flow) => await recover(flow, recovery)));

	return flows.map((flow) => {
		const paid = PROVIDERS[flow.providerKey]
			.paid(sandbox)
			.filter((job) => flow.texts.includes(job.text));
		const perItem = flow.texts.map((text) => paid.filter((job) => job.text === text).length);
		const allowed = flow.texts.map((_, index) => (failure.failItem === index ? 2 : 1));
		const doublePaid = perItem.filter((count, index) => count > allowed[index]).length;
		const lost = paid
			.filter((job) => !job.failed && !flow.last.text.includes(job.id))
			.map((job) => job.id);
		const unpaid = perItem.filter((count) => count === 0).length;
		// The recovery must really have run with the raised Timeout.
		if (recovery.startsWith('raiseTimeout') && flow.last.timeout !== 120)
			throw new Error(
				`${recovery}: the last execution ran with Timeout ${flow.last.timeout} s, not 120 s`,
			);
		return {
			provider: PROVIDERS[flow.providerKey].label,
			failure: failure.label,
			recovery,
			firstStatus: flow.firstStatus,
			lastStatus: flow.last.status,
			perItem,
			doublePaid,
			lost,
			unpaid,
			items: flow.last.items,
			timeout: flow.last.timeout,
			binaries: flow.last.binaries,
			reused: flow.last.reused,
			lastDurationMs: flow.last.durationMs,
		};
	});
}

/** Paid creates per item: each count, or for many items how many items were paid how many times ("300 × 1"). */
function perItemText(perItem, separator = '/') {
	if (perItem.length <= ITEMS) return perItem.join(separator);
	const counts = new Map();
	for (const count of perItem) counts.set(count, (counts.get(count) ?? 0) + 1);
	return [...counts]
		.sort(([a], [b]) => a - b)
		.map(([count, items]) => `${items} × ${count}`)
		.join(', ');
}

/** Runs each failure × recovery of `matrix` for the selected providers; returns one row per provider and scenario. */
async function runMatrix(matrix) {
	const providerKeys = Object.keys(PROVIDERS);
	const rows = [];
	for (const [failureKey, recoveries] of Object.entries(matrix)) {
		for (const recovery of recoveries) {
			const selected = providerKeys.filter(
				(key) =>
					(FAILURES[failureKey].providers ?? providerKeys).includes(key) &&
					(!only || key.includes(only) || failureKey.includes(only) || recovery.includes(only)),
			);
			if (selected.length === 0) continue;
			const t0 = Date.now();
			// Every provider's workflow at once: one sandbox, one n8n (and one kill or restart).
			for (const row of await scenario(selected, failureKey, recovery)) {
				rows.push(row);
				const ok = row.doublePaid === 0 && row.lost.length === 0 && row.unpaid === 0;
				console.log(
					`${ok ? green(' ✔') : red(' ✘')} ${row.provider}: ${row.failure} → ${row.recovery}: paid per item ${perItemText(row.perItem)}, ` +
						`first ${row.firstStatus}, last ${row.lastStatus} (Timeout ${row.timeout} s) with ${row.items} item(s), ${row.binaries} video(s), ${row.reused} reused` +
						(row.lost.length ? red(`; LOST ${row.lost.join(', ')}`) : '') +
						dim(
							` (last execution ${seconds(row.lastDurationMs)}; scenario ${seconds(Date.now() - t0)})`,
						),
				);
			}
		}
	}
	return rows;
}

async function main() {
	await runner.prepare(`Recovery matrix in n8n ${versions.n8n}`);
	stack = await runner.start({ sandboxOptions: { sampleData: true, durations: FAST } });

	const rows = await runMatrix(RECOVERIES);

	if (!option('--no-queue') && (!only || PROVIDERS[only] || 'workerKilled'.includes(only))) {
		// A stack of its own: the same package in queue mode (start() stops the first one).
		section('Queue mode: PostgreSQL, Redis, n8n main and 2 workers');
		const { env: queueEnv } = await runner.startQueueServices();
		stack = await runner.start(
			{ extraEnv: queueEnv, workers: 2, sandboxOptions: { sampleData: true, durations: FAST } },
			{ name: 'recovery-queue' },
		);
		stack.queueEnv = queueEnv;
		rows.push(...(await runMatrix(QUEUE_RECOVERIES)));
	}

	section('Paid creates per item (sandbox count) and jobs lost');
	console.log(
		'| provider | failure | recovery | paid per item | last execution | items out (reused) | lost |',
	);
	console.log('| --- | --- | --- | --- | --- | --- | --- |');
	for (const row of rows) {
		console.log(
			`| ${row.provider} | ${row.failure} | ${row.recovery} | ${perItemText(row.perItem, ' / ')} | ${row.lastStatus} | ${row.items} (${row.reused}) | ${row.lost.length} |`,
		);
	}
	const summary = {
		scenarios: rows.length,
		double_paid: rows.reduce((sum, row) => sum + row.doublePaid, 0),
		lost: rows.reduce((sum, row) => sum + row.lost.length, 0),
		unpaid: rows.reduce((sum, row) => sum + row.unpaid, 0),
	};
	console.log(JSON.stringify(summary));
	return summary;
}

let summary;
runner.exitOnSignals();
try {
	summary = await main();
	failed =
		summary.double_paid > 0 || summary.lost > 0 || summary.unpaid > 0 || summary.scenarios === 0;
} catch (error) {
	console.log(red(error.stack ?? String(error)));
	failed = true;
} finally {
	await runner.stop();
}
console.log(failed ? red(bold('\nRecovery matrix FAILED')) : bold('\nRecovery matrix passed'));
process.exit(failed ? 1 : 0);

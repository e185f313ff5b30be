/**
 * The Creatify Trigger behind a real loopback HTTP endpoint (n8n-core's WebhookContext), with the sandbox posting
 * callbacks as Creatify does and answering the trigger's verification reads. A callback that Creatify did not send
 * must start nothing; a real one must start the workflow with Creatify's answer.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { request } from 'undici';

import { CreatifyApi } from '../../../credentials/CreatifyApi.credentials';
import { Creatify } from '../../../nodes/Creatify/Creatify.node';
import { CreatifyTrigger } from '../../../nodes/Creatify/CreatifyTrigger.node';
import { nodeRunner } from '../../helpers/nodeRunner';
import { serveWebhook } from '../../helpers/n8nWebhook';
import type { ServedWebhook } from '../../helpers/n8nWebhook';
import { useSandbox } from '../../helpers/sandboxSuite';

const credentialType = new CreatifyApi();
const VERIFY = 'GET /api/link_to_videos/{id}/';
const UNKNOWN_ID = '7a1f0c1e-0000-4000-8000-000000000000';

const RENDER_MS = { minMs: 100, maxMs: 300 };
const sandbox = useSandbox(
	{ durations: { creatify: RENDER_MS } },
	{ each: { durations: { creatify: RENDER_MS } } },
);
const creatify = nodeRunner(sandbox, new Creatify(), credentialType);
let trigger: ServedWebhook | undefined;

afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});

async function serve(parameters: IDataObject = {}) {
	trigger = await serveWebhook({
		nodeType: new CreatifyTrigger(),
		credentialTypes: [credentialType],
		credentials: creatify.credentials(),
		parameters: { statusFilter: 'any', ...parameters },
	});
	return trigger;
}

/** Starts videos without waiting, with the trigger's URL as their Webhook URL; returns their ids. */
async function createVideos(webhookUrl: string, names: string[]): Promise<string[]> {
	const { items, error } = await creatify.run(
		{
			resource: 'video',
			operation: 'create',
			productUrl: 'https://shop.example.com/products/kettle',
			additionalFields: { name: '={{ $json.name }}', webhookUrl },
			waitForCompletion: false,
		},
		{ items: names.map((name) => ({ name })) },
	);
	expect(error).toBeUndefined();
	return items.map((item) => String(item.json.id));
}

/** Waits (on the real clock) until the sandbox has posted `count` callbacks and each got an answer. */
async function callbacksAnswered(count: number) {
	for (let waited = 0; waited < 10_000; waited += 50) {
		const posted = sandbox.state.creatify.webhooks;
		if (posted.length >= count && posted.every((hook) => hook.status !== null || hook.error))
			return posted;
		await sleep(50);
	}
	throw new Error(`the sandbox did not post ${count} callback(s)`);
}

async function post(url: string, body: unknown, headers: IDataObject = {}) {
	const answer = await request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: answer.statusCode, body: (await answer.body.json()) as IDataObject };
}

describe('Creatify Trigger', () => {
	it("starts the workflow for Creatify's callback, with Creatify's answer read back", async () => {
		const served = await serve();
		const [id] = await createVideos(served.url, ['Kettle ad']);
		const [hook] = await callbacksAnswered(1);
		expect(hook).toMatchObject({ videoId: id, status: 200 });
		expect(hook.payload).toMatchObject({ id, status: 'done' });

		expect(served.started).toHaveLength(1);
		const [[item]] = served.started[0];
		expect(item.json).toMatchObject({
			id,
			name: 'Kettle ad',
			status: 'done',
			failed_reason: null,
			credits_used: 5,
			video_output: hook.payload.video_output,
			video_thumbnail: hook.payload.video_thumbnail,
		});
		const reads = sandbox.requests({ provider: 'creatify', endpoint: VERIFY });
		expect(reads.map((entry) => entry.path)).toEqual([`/api/link_to_videos/${id}/`]);
		expect(reads[0].auth).toBe('valid');
	});

	it("answers a callback that starts the workflow with the trigger's JSON, not n8n's default response data", async () => {
		const served = await serve();
		const [id] = await createVideos(served.url, ['Kettle ad']);
		await callbacksAnswered(1);
		const again = await request(served.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ id, status: 'done' }),
		});
		const text = await again.body.text();
		expect(again.statusCode).toBe(200);
		expect(text).toBe(JSON.stringify({ received: true, started: true }));
		expect(again.headers['content-type']).toMatch(/application\/json/);
	});

	it('starts nothing for a forged callback naming a video this account does not have', async () => {
		const served = await serve();
		const answer = await post(served.url, {
			id: UNKNOWN_ID,
			status: 'done',
			failed_reason: null,
			video_output: 'https://attacker.example/evil.mp4',
			video_thumbnail: null,
		});
		expect(answer).toEqual({
			status: 404,
			body: { error: `This Creatify account has no video with ID ${UNKNOWN_ID}` },
		});
		expect(served.started).toHaveLength(0);
	});

	it("emits Creatify's answer, never the posted one, for a forged callback naming a real video", async () => {
		const served = await serve({ statusFilter: 'done' });
		sandbox.configure({ durations: { creatify: { minMs: 60_000, maxMs: 60_000 } } });
		const [id] = await createVideos('https://elsewhere.example/hook', ['Still rendering']);
		const forged = { id, status: 'done', video_output: 'https://attacker.example/evil.mp4' };

		// Creatify says the video is still rendering: with "Done" nothing starts.
		const ignored = await post(served.url, forged);
		expect(ignored).toEqual({
			status: 200,
			body: {
				received: true,
				started: false,
				status: expect.stringMatching(/pending|in_queue|running/),
			},
		});
		expect(served.started).toHaveLength(0);
		await trigger?.close();

		// With "Any Status" it starts, but with what Creatify says.
		const any = await serve({ statusFilter: 'any' });
		expect((await post(any.url, forged)).status).toBe(200);
		const [[item]] = any.started[0];
		expect(item.json.id).toBe(id);
		expect(item.json.status).not.toBe('done');
		expect(item.json.video_output).toBeNull();
	});

	it.each([
		['a body that is not an object', '[1, 2, 3]', 400, 'The body is not a JSON object'],
		[
			'a body without a status',
			{ id: UNKNOWN_ID },
			400,
			'"status" must be one of pending, in_queue, running, failed, done',
		],
		[
			'a body whose id is not a UUID',
			{ id: '42', status: 'done' },
			400,
			'"id" is not a Creatify video ID (a UUID)',
		],
		[
			'an undocumented status',
			{ id: UNKNOWN_ID, status: 'finished' },
			400,
			'"status" must be one of',
		],
		[
			'a body over 64 KB',
			{ id: UNKNOWN_ID, status: 'done', padding: 'x'.repeat(70_000) },
			413,
			'larger than 65536 bytes',
		],
	])(
		'refuses %s without asking Creatify or starting anything',
		async (_label, body, status, message) => {
			const served = await serve();
			const answer = await post(served.url, body);
			expect(answer.status).toBe(status);
			expect(String(answer.body.error)).toContain(message);
			expect(served.started).toHaveLength(0);
			expect(sandbox.requests({ provider: 'creatify' })).toHaveLength(0);
		},
	);

	it('starts nothing, and asks to try again, when Creatify cannot be reached to check', async () => {
		const served = await serve();
		const [id] = await createVideos('https://elsewhere.example/hook', ['Kettle ad']);
		sandbox.injectFault({
			provider: 'creatify',
			method: 'GET',
			path: '/link_to_videos/',
			type: 'http',
			status: 503,
		});
		const answer = await post(served.url, { id, status: 'done' });
		expect(answer).toEqual({
			status: 503,
			body: { error: 'The callback could not be checked with Creatify; try again later' },
		});
		expect(served.started).toHaveLength(0);
	});

	it('filters by the status Creatify reports: Failed starts for a failed render only', async () => {
		const served = await serve({ statusFilter: 'failed' });
		const ids = await createVideos(served.url, ['fine', 'sandbox-fail render']);
		const hooks = await callbacksAnswered(2);
		expect(hooks.map((hook) => hook.status)).toEqual([200, 200]);
		expect(served.started).toHaveLength(1);
		const [[item]] = served.started[0];
		expect(item.json).toMatchObject({
			id: ids[1],
			status: 'failed',
			failed_reason: expect.stringMatching(/sandbox-fail/),
		});
	});

	it('emits the posted fields as they are when checking with Creatify is turned off', async () => {
		const served = await serve({ options: { verify: false } });
		const answer = await post(served.url, {
			id: UNKNOWN_ID,
			status: 'done',
			video_output: 'https://cdn.example.com/v.mp4',
			extra: 'dropped',
		});
		expect(answer.status).toBe(200);
		const [[item]] = served.started[0];
		expect(item.json).toMatchObject({
			id: UNKNOWN_ID,
			status: 'done',
			video_output: 'https://cdn.example.com/v.mp4',
		});
		expect(item.json).not.toHaveProperty('extra');
		expect(sandbox.requests({ provider: 'creatify' })).toHaveLength(0);
	});

	it('has nothing to register with Creatify when the workflow is published', async () => {
		const methods = new CreatifyTrigger().webhookMethods.default;
		const hooks = {} as never;
		expect(await methods.checkExists.call(hooks)).toBe(true);
		expect(await methods.create.call(hooks)).toBe(true);
		expect(await methods.delete.call(hooks)).toBe(true);
	});
});

import type { IDataObject } from 'n8n-workflow';
import { binarySize } from '../../helpers/n8nContext';
import {
	AVATAR_ID,
	CREATE,
	TASK_GET,
	sandbox,
	run,
	createParameters,
	scripts,
	queryIds,
} from './setup';

describe('Avatar Video → Create', () => {
	it('sends 12 items as 3 create requests of up to 5 packages and polls 5 task IDs per request', async () => {
		const { items, error } = await run(createParameters(), { items: scripts(12) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(12);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({ status: 'SUCCESS', video_name: `video ${index + 1}` });
			expect(item.json.task_id).toBeTruthy();
			expect(item.json.avatar_video_id).toBeTruthy();
			expect(String(item.json.preview_url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
		});

		const creates = sandbox.requests({ endpoint: CREATE });
		expect(
			creates.map(
				(entry) =>
					(entry.body as IDataObject[] & { material_packages: unknown[] }).material_packages.length,
			),
		).toEqual([5, 5, 2]);
		const reads = sandbox.requests({ endpoint: TASK_GET });
		expect(reads.length).toBeGreaterThan(0);
		for (const read of reads) expect(queryIds(read).length).toBeLessThanOrEqual(5);
		expect(sandbox.stats().rateViolations).toBe(0);
	});

	it('returns the task IDs at once when Wait for Completion is off', async () => {
		const { items } = await run(createParameters({ waitForCompletion: false }), {
			items: scripts(2),
		});
		expect(items.map((item) => item.json.status)).toEqual(['SUBMITTED', 'SUBMITTED']);
		expect(sandbox.requests({ endpoint: TASK_GET })).toHaveLength(0);
	});

	it('downloads each finished video into binary data', async () => {
		const { items, error } = await run(
			createParameters({ downloadVideo: true, binaryPropertyName: 'video' }),
			{ items: scripts(2) },
		);
		expect(error).toBeUndefined();
		for (const item of items) {
			const binary = item.binary?.video;
			expect(binary?.mimeType).toBe('video/mp4');
			expect(binary?.fileName).toMatch(/\.mp4$/);
			expect(await binarySize(binary!)).toBe(300_000);
		}
	});

	it.each([
		['an emoji', 'Buy now 🚀', /Script contains "🚀"/],
		['a pictograph symbol', 'Best deal ★ today', /Script contains "★"/],
		[
			'more than 2,000 characters',
			'a'.repeat(2345),
			/Script must be at most 2,000 characters \(TikTok limit\); this one has 2,345/,
		],
		['nothing', '', /Script/],
	])('rejects a script with %s before any request', async (_label, script, message) => {
		const { error } = await run(createParameters({ script, additionalFields: {} }));
		expect(error?.message).toMatch(message);
		expect(sandbox.stats().total).toBe(0);
	});

	it('accepts scripts in any language with ordinary punctuation', async () => {
		const { error } = await run(
			createParameters({
				script: '¿Qué tal? 你好，世界！ Prix : 9,99 € — «offre» (50 %)',
				waitForCompletion: false,
			}),
		);
		expect(error).toBeUndefined();
	});

	it('rejects a video name over 50 characters and an avatar ID that is not a number', async () => {
		const longName = await run(
			createParameters({ script: 'Hi', additionalFields: { videoName: 'n'.repeat(51) } }),
		);
		expect(longName.error?.message).toMatch(/Video Name must be at most 50 characters/);
		const badAvatar = await run(
			createParameters({ script: 'Hi', avatar: { __rl: true, mode: 'id', value: 'emma' } }),
		);
		// n8n's own check of the By ID pattern stops the run before the node runs.
		expect(badAvatar.error?.message).toMatch(/avatar ID is a number/);
		expect(sandbox.stats().total).toBe(0);
	});

	it("turns a package's error_msg into that item's error and keeps the other videos", async () => {
		const { items } = await run(
			createParameters({ avatar: { __rl: true, mode: 'id', value: '={{ $json.avatar }}' } }),
			{
				items: [
					{ script: 'One', name: 'ok', avatar: AVATAR_ID },
					{ script: 'Two', name: 'bad', avatar: '1234567890' },
				],
				continueOnFail: true,
			},
		);
		expect(items[0].json.status).toBe('SUCCESS');
		expect(items[1].json).toMatchObject({ script: 'Two', avatar: '1234567890' });
		expect(String(items[1].json.error)).toMatch(/avatar_id 1234567890 does not exist/);
	});

	it('reports a FAILED task with its task ID and keeps the input (Continue On Fail)', async () => {
		const { items } = await run(createParameters(), {
			items: [
				{ script: 'Fine', name: 'fine' },
				{ script: 'Broken', name: 'sandbox-fail' },
			],
			continueOnFail: true,
		});
		expect(items[0].json.status).toBe('SUCCESS');
		expect(items[1].json.script).toBe('Broken');
		expect(items[1].json.task_ids).toHaveLength(1);
		expect(String(items[1].json.error)).toContain(String((items[1].json.task_ids as string[])[0]));
	});

	it('fails the run on a FAILED task without Continue On Fail, naming the task', async () => {
		const { error } = await run(createParameters(), {
			items: [{ script: 'x', name: 'sandbox-fail' }],
		});
		const taskId =
			sandbox.requests({ endpoint: TASK_GET })[0] &&
			queryIds(sandbox.requests({ endpoint: TASK_GET })[0])[0];
		expect(error?.message).toContain(taskId);
	});

	it('stops waiting at the timeout and tells how to resume, with every task ID', async () => {
		sandbox.configure({ durations: { tiktokAvatar: { minMs: 60_000, maxMs: 60_000 } } });
		const { error } = await run(createParameters({ timeout: 10, pollInterval: 3 }), {
			items: scripts(2),
		});
		const created = sandbox.state.tiktok.avatarTasks.map((task: IDataObject) =>
			String(task.task_id),
		);
		expect(created).toHaveLength(2);
		const text = `${error?.message} ${error?.description}`;
		for (const id of created) expect(text).toContain(id);
		expect(text).toMatch(/Avatar Video → Get" with Wait for Completion/);
	}, 30_000);

	it('rides out a rate-limit answer and a 5xx while polling', async () => {
		sandbox.injectFault({
			provider: 'tiktok',
			path: '/video/task/get/',
			type: 'tiktokCode',
			code: 40100,
		});
		sandbox.injectFault({
			provider: 'tiktok',
			path: '/video/task/get/',
			type: 'http',
			status: 503,
		});
		const { items, error } = await run(createParameters(), { items: scripts(3) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
	}, 30_000);

	it('never sends a create twice when the connection drops after TikTok accepted it', async () => {
		sandbox.injectFault({
			provider: 'tiktok',
			path: '/video/task/create/',
			type: 'dropAfterProcessing',
		});
		const { error } = await run(createParameters(), { items: scripts(1) });
		expect(sandbox.requests({ endpoint: CREATE })).toHaveLength(1);
		expect(`${error?.message} ${error?.description}`).toMatch(/may have been accepted/);
	});
});

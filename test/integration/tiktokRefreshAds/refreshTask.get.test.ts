import {
	TASK_LIST,
	sandbox,
	run,
	createParameters,
	videoUrl,
	queryIds,
	expectTaskReadsWellFormed,
} from './setup';

describe('Refresh Task → Get', () => {
	async function createTasks(hookTypes: string[]): Promise<string[][]> {
		const { items, error } = await run(
			createParameters({ hookType: '={{ $json.hook }}', waitForCompletion: false }),
			{ items: hookTypes.map((hook, index) => ({ url: videoUrl(`v${index}`), hook })) },
		);
		expect(error).toBeUndefined();
		return items.map((item) => item.json.task_ids as string[]);
	}

	it("reads every item's IDs together, 5 per request, waiting until they finish", async () => {
		const [first, second, third] = await createTasks(['RECOMMENDED', 'RECOMMENDED', 'EMOTIONAL']);
		const reads0 = sandbox.requests({ endpoint: TASK_LIST }).length;
		const { items, error } = await run(
			{
				resource: 'refreshTask',
				operation: 'get',
				taskIds: '={{ $json.ids }}',
				waitForCompletion: true,
				pollInterval: 1,
			},
			{
				items: [
					{ ids: first.join(', ') },
					// The JSON form TikTok itself uses is accepted too.
					{ ids: JSON.stringify([...second, ...third]) },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.task_id)).toEqual([...first, ...second, ...third]);
		expect(items.map((item) => item.pairedItem)).toEqual(
			[0, 0, 0, 0, 1, 1, 1, 1, 1].map((item) => ({ item })),
		);
		for (const item of items)
			expect(item.json).toMatchObject({ status: 'SUCCESS', aigc_video_type: 'REFRESH_VIDEO' });

		const reads = expectTaskReadsWellFormed().slice(reads0);
		expect(
			reads
				.slice(0, 2)
				.map((entry) => queryIds(entry).length)
				.sort(),
		).toEqual([4, 5]);
	});

	it('reads the current state once when not waiting, whatever the status', async () => {
		const [ids] = await createTasks(['RECOMMENDED']);
		const { items, error } = await run({
			resource: 'refreshTask',
			operation: 'get',
			taskIds: ids.join(','),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		for (const item of items)
			expect(['SUBMITTED', 'PROCESSING', 'SUCCESS']).toContain(item.json.status);
		const reads = expectTaskReadsWellFormed();
		expect(reads).toHaveLength(1);
	});

	it('returns a FAILED task as data when not waiting', async () => {
		const { items: created } = await run(
			createParameters({
				hookType: 'EMOTIONAL',
				productDescription: 'sandbox-fail',
				waitForCompletion: false,
			}),
			{ items: [{ url: videoUrl() }] },
		);
		const [taskId] = created[0].json.task_ids as string[];
		sandbox.advanceTime(5_000);
		const { items, error } = await run({
			resource: 'refreshTask',
			operation: 'get',
			taskIds: taskId,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			task_id: taskId,
			status: 'FAILED',
			video_id: '',
			preview_url: '',
		});
	});

	it('reports an unknown task ID on its own item and still returns the others (Continue On Fail)', async () => {
		const [ids] = await createTasks(['EMOTIONAL']);
		const { items } = await run(
			{ resource: 'refreshTask', operation: 'get', taskIds: '={{ $json.ids }}' },
			{ items: [{ ids: ids[0] }, { ids: '7000000000000000009' }], continueOnFail: true },
		);
		expect(items[0].json.task_id).toBe(ids[0]);
		expect(items[1]).toMatchObject({
			json: { ids: '7000000000000000009', task_ids: ['7000000000000000009'] },
			pairedItem: { item: 1 },
		});
		expect(String(items[1].json.error)).toMatch(/no refresh task with ID 7000000000000000009/);
	});

	it('fails on an unknown task ID without Continue On Fail', async () => {
		const { error } = await run({
			resource: 'refreshTask',
			operation: 'get',
			taskIds: '7000000000000000009',
		});
		expect(error?.message).toMatch(/no refresh task with ID 7000000000000000009/);
		// One read, not a retry loop: an ID TikTok leaves out of its answer does not exist.
		expect(
			sandbox.requests({ endpoint: 'GET /open_api/v1.3/creative/aigc/video/task/list/' }),
		).toHaveLength(1);
	});

	it.each([
		['nothing', ' , ', /Task IDs needs at least one task ID/],
		[
			'a video ID',
			'v10033g50000abcdefgh',
			/Task IDs must hold task IDs.*"v10033g50000abcdefgh" is not one.*video IDs/,
		],
	])('rejects %s before any request', async (_label, taskIds, message) => {
		const { error } = await run({ resource: 'refreshTask', operation: 'get', taskIds });
		expect(error?.message).toMatch(message);
		expect(sandbox.stats().total).toBe(0);
	});
});

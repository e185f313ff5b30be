import { TASK_GET, sandbox, run, createParameters, scripts, queryIds } from './setup';

describe('Avatar Video → Get', () => {
	it("reads every item's task IDs together, 5 per request, waiting until they finish", async () => {
		const created = await run(createParameters({ waitForCompletion: false }), {
			items: scripts(7),
		});
		const ids = created.items.map((item) => String(item.json.task_id));
		expect(sandbox.requests({ endpoint: TASK_GET })).toHaveLength(0);

		const { items, error } = await run(
			{
				resource: 'avatarVideo',
				operation: 'get',
				taskIds: '={{ $json.ids }}',
				waitForCompletion: true,
				pollInterval: 1,
			},
			{ items: [{ ids: ids.slice(0, 3).join(', ') }, { ids: ids.slice(3).join(',') }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.task_id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual(
			[0, 0, 0, 1, 1, 1, 1].map((item) => ({ item })),
		);
		for (const item of items) expect(item.json.status).toBe('SUCCESS');
		const firstRound = sandbox.requests({ endpoint: TASK_GET }).slice(0, 2);
		expect(firstRound.map((entry) => queryIds(entry).length).sort()).toEqual([2, 5]);
	});

	it('reads the current status once when not waiting', async () => {
		const created = await run(createParameters({ waitForCompletion: false }), {
			items: scripts(1),
		});
		const { items } = await run({
			resource: 'avatarVideo',
			operation: 'get',
			taskIds: String(created.items[0].json.task_id),
		});
		expect(['SUBMITTED', 'PROCESSING', 'SUCCESS']).toContain(items[0].json.status);
		expect(sandbox.requests({ endpoint: TASK_GET })).toHaveLength(1);
	});

	it('requires at least one task ID', async () => {
		const { error } = await run({
			resource: 'avatarVideo',
			operation: 'get',
			taskIds: ' , ',
		});
		expect(error?.message).toMatch(/Task IDs needs at least one task ID/);
		expect(sandbox.stats().total).toBe(0);
	});

	it('reports an unknown task ID after one read, with what to check', async () => {
		const { error } = await run({
			resource: 'avatarVideo',
			operation: 'get',
			taskIds: '7000000000000000001',
		});
		expect(error?.message).toBe('TikTok has no digital avatar task with ID 7000000000000000001');
		expect(error?.description).toMatch(/task_ids returned by Avatar Video → Create/);
		expect(sandbox.requests({ endpoint: TASK_GET })).toHaveLength(1);
	});
});

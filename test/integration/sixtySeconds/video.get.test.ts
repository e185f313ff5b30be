import { sandbox, run, createParameters, customers, reads } from './setup';

describe('Video → Get', () => {
	async function createWithoutWaiting(count: number): Promise<string[]> {
		const { items } = await run(createParameters({ waitForCompletion: false }), {
			items: customers(count),
		});
		return items.map((item) => String(item.json.id));
	}

	it('reads the current status once when not waiting', async () => {
		const [id] = await createWithoutWaiting(1);
		const { items } = await run({ resource: 'video', operation: 'get', videoIds: id });
		expect(items[0].json).toMatchObject({ id, status: 'processing', url: null });
		expect(items[0].json.analytics).toEqual(expect.any(Object));
		expect(reads()).toHaveLength(1);
	});

	it("waits for every item's videos, one output item per video paired with its input", async () => {
		const ids = await createWithoutWaiting(5);
		const { items, error } = await run(
			{
				resource: 'video',
				operation: 'get',
				videoIds: '={{ $json.ids }}',
				waitForCompletion: true,
				pollInterval: 1,
			},
			{ items: [{ ids: ids.slice(0, 2).join(', ') }, { ids: ids.slice(2) }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 0, 1, 1, 1].map((item) => ({ item })));
		for (const item of items) expect(item.json.status).toBe('published');
	});

	it('reports an unknown video after one read, with what to check', async () => {
		const { error } = await run({
			resource: 'video',
			operation: 'get',
			videoIds: 'vid_unknown000',
		});
		expect(error?.message).toBe('SixtySeconds has no video with ID vid_unknown000');
		expect(error?.description).toMatch(/returned by Video → Create/);
		expect(reads()).toHaveLength(1);
	});

	it('rejects a template ID in Video IDs before reading', async () => {
		const { error } = await run({
			resource: 'video',
			operation: 'get',
			videoIds: 'tmpl_welcome_message',
		});
		expect(error?.message).toMatch(/Video IDs must hold video IDs .* is a template ID/);
		expect(sandbox.stats().total).toBe(0);
	});
});

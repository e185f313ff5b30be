import { sandbox, run, createParameters, customers } from './setup';

describe('Video → Get Many', () => {
	it('follows next_page with Return All, 100 per page, and stops at Limit', async () => {
		const { error } = await run(createParameters({ waitForCompletion: false }), {
			items: customers(105),
		});
		expect(error).toBeUndefined();

		const all = await run({ resource: 'video', operation: 'getMany', returnAll: true });
		expect(all.items).toHaveLength(105);
		expect(new Set(all.items.map((item) => item.json.id)).size).toBe(105);
		const pages = sandbox.requests({ endpoint: 'GET /videos' });
		expect(pages.map((entry) => entry.query)).toEqual([
			{ page: '1', limit: '100' },
			{ page: '2', limit: '100' },
		]);

		sandbox.clearFaults();
		const limited = await run({ resource: 'video', operation: 'getMany', limit: 30 });
		expect(limited.items).toHaveLength(30);
		expect(sandbox.requests({ endpoint: 'GET /videos' }).slice(2)).toHaveLength(1);
	}, 60_000);

	it('filters by status', async () => {
		await run(createParameters({ title: '={{ $json.title }}' }), {
			items: [{ title: 'ok' }, { title: 'sandbox-fail' }],
			continueOnFail: true,
		});
		const { items } = await run({
			resource: 'video',
			operation: 'getMany',
			returnAll: true,
			filters: { status: 'failed' },
		});
		expect(items.map((item) => item.json.title)).toEqual(['sandbox-fail']);
		expect(sandbox.requests({ endpoint: 'GET /videos' })[0].query).toMatchObject({
			status: 'failed',
		});
	});
});

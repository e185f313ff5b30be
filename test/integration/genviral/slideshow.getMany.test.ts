import { photoUrl, sandbox, run, copyOne } from './setup';

describe('Slideshow → Get Many', () => {
	it('lists slideshows with filters, Limit and Return All (limit/offset pages)', async () => {
		for (let n = 1; n <= 3; n++) await copyOne(photoUrl(n), `Hook variant ${n}`);
		sandbox.clearFaults();
		const start = sandbox.requests({ provider: 'genviral' }).length;
		const limited = await run({ resource: 'slideshow', operation: 'getMany', limit: 2 });
		expect(limited.items).toHaveLength(2);
		const all = await run({
			resource: 'slideshow',
			operation: 'getMany',
			returnAll: true,
			filters: { status: 'draft', search: 'hook variant' },
		});
		expect(all.items.map((item) => item.json.title).sort()).toEqual([
			'Hook variant 1',
			'Hook variant 2',
			'Hook variant 3',
		]);
		const lists = sandbox.requests({ provider: 'genviral', endpoint: 'GET /slideshows' }).slice(0);
		expect(lists.length).toBeGreaterThanOrEqual(2);
		expect(lists[0].query).toMatchObject({ limit: '2', offset: '0' });
		expect(lists[lists.length - 1].query).toMatchObject({
			status: 'draft',
			search: 'hook variant',
			limit: '100',
			offset: '0',
		});
		expect(sandbox.requests({ provider: 'genviral' }).length).toBeGreaterThan(start);
	});
});

import { sandbox, run } from './setup';

describe('Template → Get Many', () => {
	it('lists templates of a category and all of them with Return All', async () => {
		const sales = await run({
			resource: 'template',
			operation: 'getMany',
			returnAll: true,
			filters: { category: 'sales' },
		});
		expect(sales.items.length).toBeGreaterThan(0);
		for (const item of sales.items) expect(item.json.category).toBe('sales');
		expect(sandbox.requests({ endpoint: 'GET /templates' })[0].query).toEqual({
			category: 'sales',
			page: '1',
			limit: '100',
		});
		const all = await run({ resource: 'template', operation: 'getMany', returnAll: true });
		expect(all.items.map((item) => item.json.id)).toContain('tmpl_story_teaser');
	});
});

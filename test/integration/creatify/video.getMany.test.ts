import { run, createParameters, products, requests } from './setup';

describe('Video → Get Many', () => {
	async function createVideos(count: number): Promise<string[]> {
		const { items } = await run(createParameters({ waitForCompletion: false }), {
			items: products(count),
		});
		return items.map((item) => String(item.json.id));
	}

	it('lists videos up to Limit, or all of them (100 per page)', async () => {
		const ids = await createVideos(3);
		const limited = await run({ resource: 'video', operation: 'getMany', limit: 2 });
		// Videos created in the same millisecond have no order between them: check membership only.
		expect(limited.items).toHaveLength(2);
		for (const item of limited.items) expect(ids).toContain(item.json.id);
		const page = requests('GET /api/link_to_videos/paginated/');
		expect(page[0].query).toMatchObject({ page: '1', limit: '2' });

		const all = await run({ resource: 'video', operation: 'getMany', returnAll: true });
		expect(all.items).toHaveLength(3);
		expect(requests('GET /api/link_to_videos/paginated/').slice(-1)[0].query).toMatchObject({
			limit: '100',
		});
	});
});

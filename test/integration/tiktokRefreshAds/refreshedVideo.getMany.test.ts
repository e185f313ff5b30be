import { VIDEO_LIST, sandbox, run, createParameters, videoUrl } from './setup';

describe('Refreshed Video → Get Many', () => {
	it('treats the empty data {} TikTok sends before any success as no videos', async () => {
		const { items, error } = await run({
			resource: 'refreshedVideo',
			operation: 'getMany',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		const [list] = sandbox.requests({ endpoint: VIDEO_LIST });
		expect(list.query.aigc_video_types).toBe('["REFRESH_VIDEO"]');
		expect(list.code).toBe(0);
	});

	it('lists the refreshed videos, all of them or up to Limit', async () => {
		const created = await run(createParameters(), { items: [{ url: videoUrl() }] });
		expect(created.items).toHaveLength(4);

		const all = await run({ resource: 'refreshedVideo', operation: 'getMany', returnAll: true });
		expect(all.items.map((item) => item.json.video_id).sort()).toEqual(
			created.items.map((item) => item.json.video_id).sort(),
		);
		for (const item of all.items) {
			expect(item.json).toMatchObject({ aigc_video_type: 'REFRESH_VIDEO' });
			expect(String(item.json.create_time)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect(String(item.json.preview_url)).toMatch(/^http/);
		}

		const limited = await run({ resource: 'refreshedVideo', operation: 'getMany', limit: 2 });
		expect(limited.items).toHaveLength(2);
		const lists = sandbox.requests({ endpoint: VIDEO_LIST });
		expect(lists[lists.length - 1].query).toMatchObject({ page: '1', page_size: '2' });
	});
});

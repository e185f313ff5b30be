import { run, requests, createLink } from './setup';

describe('Video → Create Preview, then Render', () => {
	it('Create Preview returns the preview page at once; Render renders it and waits', async () => {
		const link = await createLink();
		const preview = await run({
			resource: 'video',
			operation: 'createPreview',
			source: 'linkId',
			link: { __rl: true, mode: 'id', value: link },
			videoLength: '30',
		});
		expect(preview.error).toBeUndefined();
		expect(preview.items[0].json).toMatchObject({
			status: 'pending',
			preview: expect.stringContaining('/files/previews/'),
			credits_used: 1,
		});
		expect(requests('POST /api/link_to_videos/preview/')[0].body).toEqual({
			link,
			aspect_ratio: '9x16',
			video_length: 30,
		});

		const rendered = await run({
			resource: 'video',
			operation: 'render',
			videoId: String(preview.items[0].json.id),
			pollInterval: 1,
			checkCreditsFirst: true,
		});
		expect(rendered.error).toBeUndefined();
		expect(rendered.items[0].json).toMatchObject({
			id: preview.items[0].json.id,
			status: 'done',
			credits_used: 1 + 5,
		});
		const render = requests('POST /api/link_to_videos/{id}/render/');
		expect(render).toHaveLength(1);
		expect(render[0].body).toBeNull();
	});
});

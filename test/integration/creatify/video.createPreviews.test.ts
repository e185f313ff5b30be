import { UUID_RE, sandbox, run, productUrl, requests } from './setup';

describe('Video → Create Previews, then Render Single Preview', () => {
	it('Create Previews outputs one item per style × ratio once ready; Render Single Preview renders the one picked', async () => {
		const created = await run({
			resource: 'video',
			operation: 'createPreviews',
			source: 'productUrl',
			productUrl: productUrl(4),
			visualStyles: ['AvatarBubbleTemplate', 'FullScreenTemplate', 'QuickTransitionTemplate'],
			aspectRatios: ['9x16', '1x1'],
			pollInterval: 1,
		});
		expect(created.error).toBeUndefined();
		expect(created.items).toHaveLength(6);
		const videoId = sandbox.state.creatify.videos[0].id;
		for (const item of created.items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({
				video_id: videoId,
				media_job: expect.stringMatching(UUID_RE),
				url: expect.stringContaining('/files/previews/'),
				editor_url: null,
				credits_used: 1,
			});
		}
		// Ready while Creatify still says "pending".
		expect(new Set(created.items.map((item) => item.json.status))).toEqual(new Set(['pending']));
		expect(
			created.items.map((item) => `${item.json.visual_style} ${item.json.aspect_ratio}`).sort(),
		).toEqual([
			'AvatarBubbleTemplate 1x1',
			'AvatarBubbleTemplate 9x16',
			'FullScreenTemplate 1x1',
			'FullScreenTemplate 9x16',
			'QuickTransitionTemplate 1x1',
			'QuickTransitionTemplate 9x16',
		]);
		expect(requests('POST /api/link_to_videos/preview_list_async/')[0].body).toMatchObject({
			visual_styles: ['AvatarBubbleTemplate', 'FullScreenTemplate', 'QuickTransitionTemplate'],
			aspect_ratios: ['9x16', '1x1'],
		});

		const chosen = created.items.find(
			(item) => item.json.visual_style === 'FullScreenTemplate' && item.json.aspect_ratio === '1x1',
		)!;
		const rendered = await run(
			{
				resource: 'video',
				operation: 'renderSinglePreview',
				videoId: '={{ $json.video_id }}',
				mediaJob: '={{ $json.media_job }}',
				pollInterval: 1,
				downloadVideo: true,
			},
			{ items: [chosen.json] },
		);
		expect(rendered.error).toBeUndefined();
		expect(rendered.items[0].json).toMatchObject({
			id: videoId,
			status: 'done',
			media_job: chosen.json.media_job,
		});
		expect(rendered.items[0].binary?.data?.mimeType).toBe('video/mp4');
		expect(requests('POST /api/link_to_videos/{id}/render_single_preview/')[0].body).toEqual({
			media_job: chosen.json.media_job,
		});
	});
});

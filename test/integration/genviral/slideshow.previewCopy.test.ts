import type { IDataObject } from 'n8n-workflow';
import { PREVIEW, photoUrl, videoUrl, run, requests, creditsUsed } from './setup';

describe('Slideshow → Preview Copy', () => {
	it('previews every item for free and outputs the preview', async () => {
		const { items, error } = await run(
			{ resource: 'slideshow', operation: 'previewCopy', tiktokUrl: '={{ $json.url }}' },
			{ items: [{ url: photoUrl(1) }, { url: 'vm.tiktok.com/ZMabcdef/' }] },
		);
		expect(error).toBeUndefined();
		for (const item of items) {
			expect(item.json).toMatchObject({
				preview_id: expect.any(String),
				source_url: expect.stringMatching(/^https:\/\/www\.tiktok\.com\//),
				images: expect.any(Array),
				estimated_credits: expect.any(Number),
			});
		}
		expect(requests(PREVIEW).map((entry) => (entry.body as IDataObject).url)).toEqual([
			photoUrl(1),
			'https://vm.tiktok.com/ZMabcdef/',
		]);
		expect(creditsUsed()).toBe(0);
	});

	it('passes on preview errors with what to do', async () => {
		const { items } = await run(
			{ resource: 'slideshow', operation: 'previewCopy', tiktokUrl: '={{ $json.url }}' },
			{
				items: [{ url: videoUrl(1) }, { url: `${photoUrl(2)}?sandbox-preview-fail` }],
				continueOnFail: true,
			},
		);
		expect(items[0].json.error).toMatch(/\(code not_slideshow\)/);
		expect(items[1].json.error).toMatch(/\(code preview_failed\)/);
		expect(items[1].json.errorDescription).toMatch(/never costs credits/);
		// A free preview that failed on Genviral's side is tried again (3 attempts).
		expect(
			requests(PREVIEW).filter((entry) =>
				String((entry.body as IDataObject).url).includes('preview-fail'),
			),
		).toHaveLength(3);
	});
});

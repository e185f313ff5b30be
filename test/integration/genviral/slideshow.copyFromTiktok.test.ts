import type { IDataObject } from 'n8n-workflow';
import { GENVIRAL_IDS } from '../../sandbox';
import {
	PREVIEW,
	IMPORT,
	photoUrl,
	videoUrl,
	OTHER_UUID,
	sandbox,
	run,
	packById,
	copyParameters,
	requests,
	creditsUsed,
	slideshowCount,
} from './setup';

describe('Slideshow → Copy from TikTok', () => {
	it('copies 10 URLs of which 2 are not slideshows and 1 is not TikTok: 7 imports, 3 failures, no credit spent on them', async () => {
		const urls = [
			photoUrl(1),
			videoUrl(2),
			photoUrl(3),
			'https://www.instagram.com/p/Cabc123/',
			photoUrl(5),
			photoUrl(6),
			videoUrl(7),
			photoUrl(8),
			photoUrl(9),
			photoUrl(10),
		];
		const slideshowsBefore = slideshowCount();
		const started = Date.now();
		const { items, error } = await run(copyParameters(), {
			items: urls.map((url) => ({ url })),
			continueOnFail: true,
		});
		const wallMs = Date.now() - started;
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10);
		items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));

		const failed = items.filter((item) => item.json.error !== undefined);
		const copied = items.filter((item) => item.json.error === undefined);
		expect(failed.map((item) => item.json.url)).toEqual([urls[1], urls[3], urls[6]]);
		// Each failure says its own reason: not a TikTok link (nothing sent), not a photo post (free preview).
		expect(items[3].json.error).toMatch(/TikTok URL must be a TikTok link/);
		expect(items[3].json.errorDescription).toMatch(/Nothing was sent/);
		for (const index of [1, 6]) {
			expect(items[index].json.error).toMatch(/not a slideshow.*\(code not_slideshow\)/);
			expect(items[index].json.errorDescription).toMatch(/only photo posts/);
		}

		// 9 previews (the Instagram link never left n8n), 7 imports, each with its preview.
		expect(requests(PREVIEW)).toHaveLength(9);
		const imports = requests(IMPORT);
		expect(imports).toHaveLength(7);
		expect(imports.map((entry) => (entry.body as IDataObject).url).sort()).toEqual(
			copied.map((item) => item.json.source_url).sort(),
		);
		for (const entry of imports) {
			expect(entry.body).toEqual({
				url: expect.any(String),
				preview_id: expect.any(String),
				pack_id: GENVIRAL_IDS.packWithImages,
			});
		}
		expect(JSON.stringify(sandbox.requests({ provider: 'genviral' }))).not.toContain('instagram');

		for (const item of copied) {
			expect(item.json).toMatchObject({
				slideshow_id: expect.any(String),
				slideshow: { status: 'draft' },
				used_cached_preview: true,
				preview_id: expect.any(String),
			});
			expect(item.json.slide_count).toBeLessThanOrEqual(8);
			expect(item.json.capped).toBe(Number(item.json.total_slides) > 8);
		}
		// Credits: exactly what the 7 copies report, nothing for the 3 failures.
		const reported = copied.reduce((sum, item) => sum + Number(item.json.credits_used), 0);
		expect(creditsUsed()).toBe(reported);
		expect(slideshowCount()).toBe(slideshowsBefore + 7);
		expect(sandbox.stats().rateViolations).toBe(0);

		// Figures, not assertions: printed for the record.
		// eslint-disable-next-line no-console
		console.log(
			`10 URLs (2 not slideshows, 1 not TikTok): ${copied.length} copied, ${failed.length} failed; ` +
				`${requests(PREVIEW).length} previews, ${imports.length} imports, ${reported} credits spent ` +
				`(0 on the failed items); ${sandbox.stats().total} Genviral requests in ${wallMs} ms`,
		);
	});

	it('without Continue On Fail, a post that is not a slideshow stops the run before any import', async () => {
		const { error } = await run(copyParameters(), {
			items: [
				{ url: photoUrl(1) },
				{ url: photoUrl(2) },
				{ url: videoUrl(3) },
				{ url: photoUrl(4) },
			],
		});
		expect(error?.message).toMatch(/not a slideshow/);
		expect(error?.description).toMatch(/only photo posts/);
		expect(requests(IMPORT)).toHaveLength(0);
		expect(creditsUsed()).toBe(0);
	});

	it('validates every item before the first request', async () => {
		const cases: Array<[IDataObject, IDataObject, RegExp]> = [
			[{}, { url: 'https://www.youtube.com/watch?v=abc' }, /TikTok URL must be a TikTok link/],
			[{}, { url: '' }, /TikTok URL is required/],
			[
				{ additionalFields: { title: 't'.repeat(201) } },
				{ url: photoUrl(1) },
				/Title must be at most 200 characters \(Genviral limit\)/,
			],
			[
				{ additionalFields: { productId: 'shoe-1' } },
				{ url: photoUrl(1) },
				/Product ID must be a product ID, a UUID/,
			],
			[
				{ backgroundImages: 'urls', imageUrls: '={{ $json.none ?? "" }}' },
				{ url: photoUrl(1) },
				/Image URLs needs at least one image URL/,
			],
			[
				{ backgroundImages: 'urls', imageUrls: 'ftp://cdn.example.com/a.jpg' },
				{ url: photoUrl(1) },
				/Image URLs must hold http\(s\) image URLs/,
			],
			[
				{
					backgroundImages: 'urls',
					imageUrls: Array.from({ length: 101 }, (_, i) => `https://cdn.example.com/${i}.jpg`).join(
						'\n',
					),
				},
				{ url: photoUrl(1) },
				/Image URLs must hold at most 100 image URLs \(Genviral limit\); got 101/,
			],
			[
				{ imagePack: packById('={{ $json.none ?? "" }}') },
				{ url: photoUrl(1) },
				/Image Pack is required/,
			],
		];
		for (const [overrides, input, message] of cases) {
			// The bad item is the second one: the first, valid one must not be sent either.
			const { error } = await run(copyParameters(overrides), {
				items: [{ url: photoUrl(9) }, input],
			});
			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(/Nothing was sent to the provider/);
		}
		expect(sandbox.stats().total).toBe(0);
	});

	it('sends image URLs as pack_images, never together with a pack', async () => {
		const { items, error } = await run(
			copyParameters({
				backgroundImages: 'urls',
				imageUrls: '={{ $json.images }}',
				additionalFields: { title: 'Brand copy', productId: GENVIRAL_IDS.productOwn },
			}),
			{
				items: [
					{
						url: photoUrl(1),
						images: 'https://cdn.example.com/a.jpg\nhttps://cdn.example.com/b.jpg',
					},
					{
						url: photoUrl(2),
						images: ['https://cdn.example.com/c.jpg', { url: 'https://cdn.example.com/d.jpg' }],
					},
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		const bodies = requests(IMPORT).map((entry) => entry.body as IDataObject);
		expect(bodies).toEqual([
			{
				url: photoUrl(1),
				preview_id: expect.any(String),
				pack_images: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'],
				title: 'Brand copy',
				product_id: GENVIRAL_IDS.productOwn,
			},
			{
				url: photoUrl(2),
				preview_id: expect.any(String),
				pack_images: ['https://cdn.example.com/c.jpg', 'https://cdn.example.com/d.jpg'],
				title: 'Brand copy',
				product_id: GENVIRAL_IDS.productOwn,
			},
		]);
		// No pack is read when the images are URLs.
		expect(sandbox.requests({ provider: 'genviral', endpoint: 'GET /packs/{id}' })).toHaveLength(0);
	});

	it('with Preview First off imports directly; with a Preview ID it reuses that preview', async () => {
		const direct = await run(copyParameters({ previewFirst: false }), {
			items: [{ url: photoUrl(1) }],
		});
		expect(direct.items[0].json).toMatchObject({ used_cached_preview: false, preview_id: null });
		expect(requests(PREVIEW)).toHaveLength(0);
		expect(requests(IMPORT)[0].body).toEqual({
			url: photoUrl(1),
			pack_id: GENVIRAL_IDS.packWithImages,
		});

		sandbox.reset();
		const preview = await run(
			{ resource: 'slideshow', operation: 'previewCopy', tiktokUrl: photoUrl(2) },
			{ items: [{}] },
		);
		const previewId = preview.items[0].json.preview_id as string;
		const reused = await run(copyParameters({ additionalFields: { previewId } }), {
			items: [{ url: photoUrl(2) }],
		});
		expect(reused.items[0].json).toMatchObject({
			used_cached_preview: true,
			preview_id: previewId,
		});
		expect(requests(PREVIEW)).toHaveLength(1);
		expect((requests(IMPORT)[0].body as IDataObject).preview_id).toBe(previewId);
	});

	it('reads each image pack once before importing; an empty or unknown pack fails its items for free', async () => {
		const { items } = await run(copyParameters({ imagePack: packById('={{ $json.pack }}') }), {
			items: [
				{ url: photoUrl(1), pack: GENVIRAL_IDS.packEmpty },
				{ url: photoUrl(2), pack: GENVIRAL_IDS.packWithImages },
				{ url: photoUrl(3), pack: GENVIRAL_IDS.packEmpty },
				{ url: photoUrl(4), pack: OTHER_UUID },
			],
			continueOnFail: true,
		});
		expect(items[0].json.error).toMatch(/image pack "Sandbox empty pack" has no images/);
		expect(items[0].json.errorDescription).toMatch(/Add images to the pack/);
		expect(items[2].json.error).toMatch(/has no images/);
		expect(items[3].json.error).toBe(`Genviral has no image pack with ID ${OTHER_UUID}`);
		expect(items[1].json.slideshow_id).toEqual(expect.any(String));
		expect(
			sandbox
				.requests({ provider: 'genviral', endpoint: 'GET /packs/{id}' })
				.map((entry) => entry.path)
				.sort(),
		).toEqual(
			[GENVIRAL_IDS.packEmpty, GENVIRAL_IDS.packWithImages, OTHER_UUID]
				.map((id) => `/packs/${id}`)
				.sort(),
		);
		// Only the item with a usable pack was previewed and imported.
		expect(requests(PREVIEW)).toHaveLength(1);
		expect(requests(IMPORT)).toHaveLength(1);
	});

	it('rides out a 429 on the preview and on the import, paced by the transport', async () => {
		sandbox.injectFault({ provider: 'genviral', path: '/copy-tiktok/preview', type: 'rateLimit' });
		sandbox.injectFault({ provider: 'genviral', path: '/copy-tiktok/import', type: 'rateLimit' });
		const started = Date.now();
		const { items, error } = await run(copyParameters(), { items: [{ url: photoUrl(1) }] });
		expect(error).toBeUndefined();
		expect(items[0].json.slideshow_id).toEqual(expect.any(String));
		const imports = requests(IMPORT);
		expect(imports.map((entry) => entry.status)).toEqual([429, 201]);
		expect(requests(PREVIEW).map((entry) => entry.status)).toEqual([429, 200]);
		expect(slideshowCount()).toBe(3);
		// Figures, not assertions: printed for the record.
		// eslint-disable-next-line no-console
		console.log(`429 on preview and import ridden out in ${Date.now() - started} ms`);
	});

	it('rides out Genviral rate limiting of a batch (4 requests per second)', async () => {
		sandbox.configure({ rateLimits: { genviral: [{ limit: 4, windowMs: 1000 }] } });
		const started = Date.now();
		const { items, error } = await run(copyParameters(), {
			items: Array.from({ length: 4 }, (_, index) => ({ url: photoUrl(index + 1) })),
		});
		expect(error).toBeUndefined();
		expect(items.every((item) => typeof item.json.slideshow_id === 'string')).toBe(true);
		const accepted = requests(IMPORT).filter((entry) => entry.status === 201);
		expect(accepted).toHaveLength(4);
		expect(slideshowCount()).toBe(2 + 4);
		// Figures, not assertions: printed for the record.
		// eslint-disable-next-line no-console
		console.log(
			`4 copies under a 4 requests/s limit: ${sandbox.stats().rateViolations} requests refused with 429 and re-sent, ` +
				`${sandbox.stats().total} requests in ${Date.now() - started} ms`,
		);
	}, 120_000);

	it('never sends an import twice when the connection drops after Genviral accepted it', async () => {
		sandbox.injectFault({
			provider: 'genviral',
			path: '/copy-tiktok/import',
			type: 'dropAfterProcessing',
		});
		const { items, error } = await run(copyParameters(), {
			items: [{ url: photoUrl(1) }, { url: photoUrl(2) }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		// One import per URL, the dropped one included: it is never sent again.
		expect(
			requests(IMPORT)
				.map((entry) => (entry.body as IDataObject).url)
				.sort(),
		).toEqual([photoUrl(1), photoUrl(2)].sort());
		const dropped = items.find((item) => item.json.error !== undefined);
		const fine = items.find((item) => item.json.error === undefined);
		expect(dropped?.json.error).toMatch(/may have been created anyway/);
		expect(dropped?.json.errorDescription).toMatch(
			/check your drafts in Genviral or "Slideshow → Get Many".*pay twice/,
		);
		expect(dropped?.json.preview_id).toEqual(expect.any(String));
		expect(fine?.json.slideshow_id).toEqual(expect.any(String));
		// Both imports happened at Genviral, each exactly once.
		expect(slideshowCount()).toBe(4);
	});

	it('fails an import Genviral refused plainly, without "may have been created"', async () => {
		const { items } = await run(copyParameters(), {
			items: [{ url: `${photoUrl(1)}?sandbox-import-fail` }],
			continueOnFail: true,
		});
		expect(items[0].json.error).toMatch(/Import failed.*\(code import_failed\)/);
		expect(items[0].json.error).not.toMatch(/may have been created/);
		expect(items[0].json.errorDescription).toMatch(/Credits are refunded/);
		expect(requests(IMPORT)).toHaveLength(1);
		expect(creditsUsed()).toBe(0);
	});

	it('without Continue On Fail, names the drafts already made when a later import fails', async () => {
		sandbox.configure({ genviralCredits: 5 });
		const { error } = await run(copyParameters({ previewFirst: false }), {
			items: Array.from({ length: 4 }, (_, index) => ({ url: photoUrl(index + 1) })),
		});
		expect(error?.message).toMatch(/insufficient_credits/);
		expect(error?.description).toMatch(/Top up credits/);
		const created = sandbox.state.genviral.slideshows.length - 2;
		expect(created).toBeGreaterThan(0);
		expect(error?.description).toMatch(
			/Drafts this run already created \(and paid for\): item 0: /,
		);
	});
});

/**
 * The Genviral node inside n8n-core's real engine, against the provider sandbox over real HTTP: every operation,
 * what the sandbox received (its request log), credits spent, the free checks before any paid import, pacing,
 * rate limits ridden out and an import that is never sent twice.
 */
import type { IDataObject } from 'n8n-workflow';

import { GenviralApi } from '../../credentials/GenviralApi.credentials';
import { Genviral } from '../../nodes/Genviral/Genviral.node';
import { resetRateLimits } from '../../nodes/shared/rateLimiter';
import { binarySize, listSearch, runNode } from '../helpers/n8nContext';
import type { RunOptions } from '../helpers/n8nContext';
import { GENVIRAL_IDS, SANDBOX_KEYS, startSandbox } from '../sandbox';
import type { RequestLogEntry, Sandbox } from '../sandbox';

const nodeType = new Genviral();
const credentialType = new GenviralApi();
const PREVIEW = 'POST /slideshows/copy-tiktok/preview';
const IMPORT = 'POST /slideshows/copy-tiktok/import';
const RENDER = 'POST /slideshows/{id}/render';
const GET_SLIDESHOW = 'GET /slideshows/{id}';
const photoUrl = (n: number | string) => `https://www.tiktok.com/@creator/photo/74991234567890${n}`;
const videoUrl = (n: number | string) => `https://www.tiktok.com/@creator/video/74991234567890${n}`;
const OTHER_UUID = '9b2e4c1a-0d3f-4a5b-8c7d-6e5f4a3b2c1d';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ genviralCredits: 1000, rateLimits: { genviral: null } });
	resetRateLimits();
});

function credentials(apiKey: string = SANDBOX_KEYS.genviral.apiKey) {
	return { genviralApi: { ...sandbox.credentials.genviralApi, apiKey } };
}

async function run(parameters: IDataObject, options: Partial<RunOptions> = {}) {
	return await runNode({
		nodeType,
		credentialTypes: [credentialType],
		credentials: credentials(),
		parameters,
		...options,
	});
}

const packById = (value: string) => ({ __rl: true, mode: 'id', value });

const copyParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'slideshow',
	operation: 'copyFromTiktok',
	tiktokUrl: '={{ $json.url }}',
	backgroundImages: 'pack',
	imagePack: packById(GENVIRAL_IDS.packWithImages),
	...overrides,
});

const requests = (endpoint: string): RequestLogEntry[] =>
	sandbox.requests({ provider: 'genviral', endpoint });
const creditsUsed = () => sandbox.state.genviral.credits.used_this_period;
const slideshowCount = () => sandbox.state.genviral.slideshows.length;

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

async function copyOne(url = photoUrl(1), title?: string): Promise<string> {
	const { items } = await run(copyParameters(title ? { additionalFields: { title } } : {}), {
		items: [{ url }],
	});
	return items[0].json.slideshow_id as string;
}

describe('Slideshow → Render', () => {
	const renderParameters = (overrides: IDataObject = {}): IDataObject => ({
		resource: 'slideshow',
		operation: 'render',
		slideshow: { __rl: true, mode: 'id', value: '={{ $json.slideshow_id }}' },
		pollInterval: 1,
		...overrides,
	});

	it('renders, waits until rendered and downloads the images', async () => {
		const again = [await copyOne(photoUrl(1)), await copyOne(photoUrl(2))];
		const { items, error } = await run(renderParameters({ downloadImages: true }), {
			items: again.map((slideshow_id) => ({ slideshow_id })),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		for (const [index, item] of items.entries()) {
			expect(item.json).toMatchObject({
				id: again[index],
				status: 'rendered',
				preview_image_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\//),
				last_rendered_at: expect.any(String),
			});
			const slideUrls = item.json.rendered_image_urls as string[];
			expect(slideUrls.length).toBe(item.json.slide_count);
			expect(item.binary?.data?.mimeType).toBe('image/jpeg');
			expect(await binarySize(item.binary!.data)).toBeGreaterThan(0);
			expect(Object.keys(item.binary ?? {})).toHaveLength(slideUrls.length + 1);
			expect(item.binary?.data_1).toBeDefined();
		}
		expect(requests(RENDER)).toHaveLength(2);
		expect(requests(GET_SLIDESHOW).length).toBeGreaterThanOrEqual(2);
	});

	it('without waiting outputs the render answer', async () => {
		const id = await copyOne();
		const { items } = await run(renderParameters({ waitForCompletion: false }), {
			items: [{ slideshow_id: id }],
		});
		expect(items[0].json).toMatchObject({
			id,
			status: 'rendered',
			preview_image_url: expect.any(String),
		});
		expect(requests(GET_SLIDESHOW)).toHaveLength(0);
	});

	it('fails only the items Genviral refused: unknown, empty, failed render', async () => {
		const good = await copyOne(photoUrl(1));
		const broken = await copyOne(photoUrl(2), 'sandbox-fail render');
		const { items } = await run(renderParameters(), {
			items: [
				{ slideshow_id: good },
				{ slideshow_id: OTHER_UUID },
				{ slideshow_id: GENVIRAL_IDS.slideshowWithoutSlides },
				{ slideshow_id: broken },
			],
			continueOnFail: true,
		});
		expect(items[0].json.status).toBe('rendered');
		expect(items[1].json.error).toMatch(/\(code not_found\)/);
		expect(items[2].json.error).toMatch(/\(code no_slides\)/);
		expect(items[2].json.errorDescription).toMatch(/Add slides/);
		expect(items[3].json.error).toMatch(/\(code render_failed\)/);
		expect(items[3].json.error).not.toMatch(/may have been/);
		expect(items[3].json.slideshow_ids).toEqual([]);
	});

	it('reads the status when the render answer is lost', async () => {
		const id = await copyOne();
		sandbox.injectFault({ provider: 'genviral', path: '/render', type: 'dropAfterProcessing' });
		const { items, error } = await run(renderParameters(), { items: [{ slideshow_id: id }] });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id, status: 'rendered' });
		expect(requests(RENDER)).toHaveLength(1);
		expect(requests(GET_SLIDESHOW)).toHaveLength(1);
	});

	it('rejects an ID that is not a UUID before any request', async () => {
		const { error } = await run(renderParameters(), { items: [{ slideshow_id: 'my-show' }] });
		expect(error?.message).toMatch(/Slideshow must be a slideshow ID|slideshow ID is a UUID/);
		expect(sandbox.stats().total).toBe(0);
	});
});

describe('Slideshow → Get and Get Many', () => {
	it('gets slideshows by ID once, with an unknown ID reported as such', async () => {
		const id = await copyOne();
		const { items } = await run(
			{ resource: 'slideshow', operation: 'get', slideshowIds: '={{ $json.ids }}' },
			{ items: [{ ids: id }, { ids: OTHER_UUID }, { ids: `${id}, ${id}` }], continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({ id, status: 'draft', slides: expect.any(Array) });
		expect(items[1].json.error).toBe(`Genviral has no slideshow with ID ${OTHER_UUID}`);
		expect(items[2].json).toMatchObject({ id });
		expect(items).toHaveLength(3);
		// An ID named by several items is read once.
		expect(requests(GET_SLIDESHOW)).toHaveLength(2);
	});

	it('waits with Get until a slideshow is rendered', async () => {
		const id = await copyOne();
		const { items, error } = await run({
			resource: 'slideshow',
			operation: 'render',
			slideshow: { __rl: true, mode: 'id', value: id },
			waitForCompletion: false,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('rendered');
		const got = await run({
			resource: 'slideshow',
			operation: 'get',
			slideshowIds: id,
			waitForCompletion: true,
			pollInterval: 1,
		});
		expect(got.items[0].json).toMatchObject({ id, status: 'rendered' });
	});

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

describe('Image Pack and Account', () => {
	it('gets a pack with its images and lists packs, public ones on request', async () => {
		const pack = await run({
			resource: 'imagePack',
			operation: 'get',
			imagePack: packById(GENVIRAL_IDS.packWithImages),
		});
		expect(pack.items[0].json).toMatchObject({ id: GENVIRAL_IDS.packWithImages, image_count: 12 });
		expect(pack.items[0].json.images).toHaveLength(12);

		const own = await run({ resource: 'imagePack', operation: 'getMany', returnAll: true });
		const withPublic = await run({
			resource: 'imagePack',
			operation: 'getMany',
			returnAll: true,
			filters: { includePublic: true },
		});
		expect(withPublic.items.length).toBe(own.items.length + 1);
		const searched = await run({
			resource: 'imagePack',
			operation: 'getMany',
			limit: 5,
			filters: { includePublic: true, search: 'lifestyle' },
		});
		expect(searched.items.map((item) => item.json.id)).toEqual([GENVIRAL_IDS.packPublic]);
		const lists = sandbox.requests({ provider: 'genviral', endpoint: 'GET /packs' });
		expect(lists[lists.length - 1].query).toEqual({
			include_public: 'true',
			search: 'lifestyle',
			limit: '5',
			offset: '0',
		});

		const missing = await run(
			{ resource: 'imagePack', operation: 'get', imagePack: packById(OTHER_UUID) },
			{ continueOnFail: true },
		);
		expect(missing.items[0].json.error).toBe(`Genviral has no image pack with ID ${OTHER_UUID}`);
	});

	it('feeds the pack and slideshow dropdowns, with image counts, and an empty list on a bad key', async () => {
		const options = {
			nodeType,
			credentialTypes: [credentialType],
			credentials: credentials(),
			parameters: {},
		};
		const packs = await listSearch(options, 'searchPacks');
		expect(packs.results.map((result) => result.name)).toEqual(
			expect.arrayContaining([
				'Sandbox product shots (12 images)',
				'Sandbox empty pack (0 images)',
				'Public lifestyle pack (6 images, public)',
			]),
		);
		const searched = await listSearch(options, 'searchPacks', 'lifestyle');
		expect(searched.results.map((result) => result.value)).toEqual([GENVIRAL_IDS.packPublic]);

		const slideshows = await listSearch(options, 'searchSlideshows', 'morning');
		expect(slideshows.results).toEqual([
			{ name: 'Morning routine hooks (draft, 5 slides)', value: expect.any(String) },
		]);

		const bad = await listSearch(
			{ ...options, credentials: credentials('wrongpub.wrongsecret') },
			'searchPacks',
		);
		expect(bad.results).toEqual([]);
	});

	it('gets the subscription with its credits', async () => {
		const { items } = await run({ resource: 'account', operation: 'getSubscription' });
		expect(items[0].json).toMatchObject({
			tier: 'professional',
			status: 'active',
			credits_remaining: 1000,
			credits_limit: 1000,
			credits_used_this_period: 0,
			credits_reset_at: expect.any(String),
		});
	});

	it('explains a key without a plan on every operation', async () => {
		const { error } = await run(
			{ resource: 'imagePack', operation: 'getMany' },
			{ credentials: credentials(SANDBOX_KEYS.genviral.noPlanKey) },
		);
		expect(error?.message).toMatch(/subscription_required/);
		expect(error?.description).toMatch(/Activate or upgrade the plan/);
	});
});

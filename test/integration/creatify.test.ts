/**
 * The Creatify node inside n8n-core's real engine, against the provider sandbox over real HTTP. Each test checks
 * what the sandbox received (its request log) as well as what the node output.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CreatifyApi } from '../../credentials/CreatifyApi.credentials';
import { Creatify } from '../../nodes/Creatify/Creatify.node';
import { resetRateLimits } from '../../nodes/shared/rateLimiter';
import { printFigures } from '../helpers/figures';
import { binarySize, listSearch, runNode } from '../helpers/n8nContext';
import type { RunOptions } from '../helpers/n8nContext';
import { SANDBOX_KEYS, startSandbox } from '../sandbox';
import type { RequestLogEntry, Sandbox } from '../sandbox';

const nodeType = new Creatify();
const credentialType = new CreatifyApi();

const LINK_CREATE = 'POST /api/links/';
const VIDEO_CREATE = 'POST /api/link_to_videos/';
const VIDEO_LIST = 'GET /api/link_to_videos/';
const VIDEO_GET = 'GET /api/link_to_videos/{id}/';
const CREDITS = 'GET /api/remaining_credits/';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '7a1f0c1e-0000-4000-8000-000000000000';
const RENDER_MS = { minMs: 100, maxMs: 400 };

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ durations: { creatify: RENDER_MS }, videoBytes: 200_000 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ creatifyCredits: 1000, durations: { creatify: RENDER_MS } });
	resetRateLimits();
});

function credentials(apiKey = SANDBOX_KEYS.creatify.apiKey) {
	return { creatifyApi: { ...sandbox.credentials.creatifyApi, apiKey } };
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

const createParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'video',
	operation: 'create',
	source: 'productUrl',
	productUrl: '={{ $json.url }}',
	additionalFields: { name: '={{ $json.name }}' },
	pollInterval: 1,
	timeout: 60,
	...overrides,
});

const productUrl = (index: number) => `https://shop.example.com/products/p${index}`;

/** `count` items over `distinct` product URLs (item i uses URL i mod distinct). */
const products = (count: number, distinct = count) =>
	Array.from({ length: count }, (_, index) => ({
		url: productUrl(index % distinct),
		name: `ad ${index}`,
	}));

const requests = (endpoint: string) => sandbox.requests({ provider: 'creatify', endpoint });

function idsOf(entry: RequestLogEntry): string[] {
	return String(entry.query.ids ?? '')
		.split(',')
		.filter(Boolean);
}

const errorText = (error: { message?: string; description?: string | null } | undefined) =>
	`${error?.message ?? ''} ${error?.description ?? ''}`;

async function createLink(url = productUrl(0)): Promise<string> {
	const { items, error } = await run({ resource: 'link', operation: 'createFromUrl', url });
	expect(error).toBeUndefined();
	return String(items[0].json.id);
}

describe('Video → Create', () => {
	it('12 items from 8 URLs: 8 links, then 12 creates, then status reads of many ids per call', async () => {
		const started = Date.now();
		const { items, error } = await run(createParameters(), { items: products(12, 8) });
		const wallMs = Date.now() - started;
		expect(error).toBeUndefined();
		expect(items).toHaveLength(12);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				status: 'done',
				name: `ad ${index}`,
				product_url: productUrl(index % 8),
				credits_used: 5,
				failed_reason: null,
			});
			expect(item.json.id).toMatch(UUID_RE);
			expect(String(item.json.video_output)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/videos\//);
			expect(item.json.video_thumbnail).toBeTruthy();
		});
		// Items that share a URL share a link.
		expect(items[0].json.link).toBe(items[8].json.link);
		expect(items[0].json.link).not.toBe(items[1].json.link);

		const links = requests(LINK_CREATE);
		const creates = requests(VIDEO_CREATE);
		expect(links).toHaveLength(8);
		expect(new Set(links.map((entry) => (entry.body as IDataObject).url)).size).toBe(8);
		expect(creates).toHaveLength(12);
		// Every link exists before the first paid create.
		expect(Math.max(...links.map((entry) => entry.seq))).toBeLessThan(
			Math.min(...creates.map((entry) => entry.seq)),
		);
		// Nothing the user left alone is sent: Creatify's own defaults apply.
		for (const create of creates) {
			expect(Object.keys(create.body as IDataObject).sort()).toEqual([
				'aspect_ratio',
				'link',
				'name',
			]);
		}
		const reads = requests(VIDEO_LIST);
		expect(reads.length).toBeGreaterThan(0);
		expect(idsOf(reads[0]).sort()).toEqual(items.map((item) => String(item.json.id)).sort());
		expect(requests(VIDEO_GET)).toHaveLength(0);

		printFigures('Creatify Video → Create, 12 items from 8 product URLs', {
			'wall time': `${wallMs} ms (sandbox renders ${RENDER_MS.minMs}–${RENDER_MS.maxMs} ms, Poll Interval 1 s)`,
			'requests per endpoint': sandbox.stats().byEndpoint,
		});
	});

	it('sends every field under its Creatify name, and only what differs from the defaults', async () => {
		const link = await createLink();
		const { error } = await run(
			createParameters({
				source: 'linkId',
				link: { __rl: true, mode: 'id', value: link },
				aspectRatio: '1x1',
				videoLength: '30',
				language: 'de',
				scriptStyle: '2025Hook',
				modelVersion: 'aurora_v1_fast',
				visualStyle: { __rl: true, mode: 'list', value: 'FullScreenTemplate' },
				additionalFields: {
					name: 'Kettle',
					targetPlatform: 'instagram',
					targetAudience: 'parents',
					overrideAvatar: {
						__rl: true,
						mode: 'id',
						value: '0b7d7e39-3f1c-4d7e-9a59-6d2f1a000002',
					},
					overrideVoice: {
						__rl: true,
						mode: 'list',
						value: '5e3c1a2b-0000-4000-8000-00000000b002',
					},
					overrideScript: 'Boil water in 90 seconds.',
					backgroundMusicUrl: 'https://cdn.example.com/music/upbeat.mp3',
					backgroundMusicVolume: 0.3,
					voiceoverVolume: '0.9',
					noBackgroundMusic: true,
					noCaption: false,
					noEmotion: true,
					noCta: true,
					noStockBroll: true,
					webhookUrl: 'https://n8n.example.com/webhook/creatify',
				},
				captionSettings: {
					style: 'neo',
					offsetY: 0.4,
					fontFamily: 'Montserrat',
					fontSize: 48,
					fontStyle: 'font-bold',
					backgroundColor: '#000000',
					textColor: '#FFFFFF',
					highlightTextColor: '#FFD700',
					maxWidth: 800,
					lineHeight: 1.2,
					textShadow: '2px 2px 4px #000000',
					hidden: false,
				},
				waitForCompletion: false,
			}),
		);
		expect(error).toBeUndefined();
		// The link is used as given: the one link request is the test's own.
		expect(requests(LINK_CREATE)).toHaveLength(1);
		const [create] = requests(VIDEO_CREATE);
		expect(create.body).toEqual({
			link,
			aspect_ratio: '1x1',
			video_length: 30,
			language: 'de',
			script_style: '2025Hook',
			model_version: 'aurora_v1_fast',
			visual_style: 'FullScreenTemplate',
			name: 'Kettle',
			target_platform: 'instagram',
			target_audience: 'parents',
			override_avatar: '0b7d7e39-3f1c-4d7e-9a59-6d2f1a000002',
			override_voice: '5e3c1a2b-0000-4000-8000-00000000b002',
			override_script: 'Boil water in 90 seconds.',
			background_music_url: 'https://cdn.example.com/music/upbeat.mp3',
			background_music_volume: 0.3,
			voiceover_volume: 0.9,
			no_background_music: true,
			no_emotion: true,
			no_cta: true,
			no_stock_broll: true,
			webhook_url: 'https://n8n.example.com/webhook/creatify',
			caption_setting: {
				style: 'neo',
				offset: { x: 0, y: 0.4 },
				font_family: 'Montserrat',
				font_size: 48,
				font_style: 'font-bold',
				background_color: '#000000',
				text_color: '#FFFFFF',
				highlight_text_color: '#FFD700',
				max_width: 800,
				line_height: 1.2,
				text_shadow: '2px 2px 4px #000000',
			},
		});
		expect(create.status).toBe(200);
	});

	it('returns the create answer at once when Wait for Completion is off', async () => {
		const { items, error } = await run(createParameters({ waitForCompletion: false }), {
			items: products(2),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['pending', 'pending']);
		for (const item of items) {
			expect(item.json.id).toMatch(UUID_RE);
			expect(item.json.credits_used).toBe(5);
		}
		expect(requests(VIDEO_LIST)).toHaveLength(0);
	});

	it('downloads each finished video into binary data, named after the video', async () => {
		const { items, error } = await run(
			createParameters({ downloadVideo: true, binaryPropertyName: 'video' }),
			{ items: [{ url: productUrl(1), name: 'Spring / kettle' }] },
		);
		expect(error).toBeUndefined();
		const binary = items[0].binary?.video;
		expect(binary?.mimeType).toBe('video/mp4');
		expect(binary?.fileName).toBe('Spring _ kettle.mp4');
		expect(await binarySize(binary!)).toBe(200_000);
	});

	it('fails only the item whose URL Creatify cannot scrape, before any paid create', async () => {
		const unscrapable = 'https://shop.example.com/sandbox-unscrapable';
		const inputs = [
			{ url: productUrl(0), name: 'one' },
			{ url: unscrapable, name: 'two' },
			{ url: productUrl(2), name: 'three' },
		];
		const { items, error } = await run(createParameters(), {
			items: inputs,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status ?? 'failed item')).toEqual([
			'done',
			'failed item',
			'done',
		]);
		expect(items[1].json).toMatchObject({
			url: unscrapable,
			name: 'two',
			product_url: unscrapable,
			credits_used: 0,
		});
		expect(String(items[1].json.error)).toMatch(/Failed to scrape url/);
		expect(String(items[1].json.errorDescription)).toMatch(/nothing was charged/);
		expect(requests(VIDEO_CREATE)).toHaveLength(2);

		sandbox.reset();
		const stopped = await run(createParameters(), { items: inputs });
		expect(stopped.error?.message).toMatch(/Failed to scrape url/);
		expect(requests(LINK_CREATE)).toHaveLength(3);
		expect(requests(VIDEO_CREATE)).toHaveLength(0);
		expect(sandbox.state.creatify.remainingCredits).toBe(1000);
	});

	it('refuses a TikTok video page as a product URL, saying what link to use, and charges nothing', async () => {
		const videoPage = 'https://www.tiktok.com/@shop/video/7312345678901234567';
		const { items, error } = await run(createParameters(), {
			items: [{ url: videoPage, name: 'from TikTok' }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(String(items[0].json.error)).toBe(`Creatify: Failed to scrape url: ${videoPage}`);
		expect(String(items[0].json.errorDescription)).toMatch(
			/could not read that link as a product page.*not a social-media post/,
		);
		expect(requests(VIDEO_CREATE)).toHaveLength(0);
		expect(sandbox.state.creatify.remainingCredits).toBe(1000);
	});

	it('never sends a create twice when the connection drops after Creatify accepted it', async () => {
		sandbox.injectFault({
			provider: 'creatify',
			method: 'POST',
			path: '/link_to_videos/',
			type: 'dropAfterProcessing',
		});
		const { error } = await run(createParameters(), { items: products(1) });
		expect(requests(VIDEO_CREATE)).toHaveLength(1);
		expect(sandbox.state.creatify.videos).toHaveLength(1);
		expect(errorText(error)).toMatch(/may have been accepted/);
		expect(errorText(error)).toMatch(/Video → Get Many/);
	});

	it('keeps the id and failed_reason of a failed render', async () => {
		const inputs = [
			{ url: productUrl(0), name: 'fine' },
			{ url: productUrl(1), name: 'sandbox-fail render' },
		];
		const { items } = await run(createParameters(), { items: inputs, continueOnFail: true });
		expect(items[0].json.status).toBe('done');
		const failedId = sandbox.state.creatify.videos.find(
			(video) => video.name === inputs[1].name,
		)!.id;
		expect(items[1].json).toMatchObject({
			name: 'sandbox-fail render',
			video_ids: [failedId],
			status: 'failed',
			failed_reason: expect.stringMatching(/sandbox-fail/),
			credits_used: 5,
		});
		expect(String(items[1].json.error)).toContain(failedId);

		sandbox.reset();
		const stopped = await run(createParameters(), { items: [inputs[1]] });
		const id = sandbox.state.creatify.videos[0].id;
		expect(stopped.error?.message).toMatch(
			new RegExp(`Creatify video ${id} failed: .*sandbox-fail`),
		);
	});

	it('stops waiting at the timeout, naming every video id and how to resume', async () => {
		sandbox.configure({ durations: { creatify: { minMs: 60_000, maxMs: 60_000 } } });
		const { error } = await run(createParameters({ timeout: 10, pollInterval: 3 }), {
			items: products(2),
		});
		const ids = sandbox.state.creatify.videos.map((video) => video.id);
		expect(ids).toHaveLength(2);
		const text = errorText(error);
		expect(text).toMatch(/Timed out after 10 s/);
		for (const id of ids) expect(text).toContain(id);
		expect(text).toMatch(/Video → Get" with Wait for Completion/);
		expect(requests(VIDEO_CREATE)).toHaveLength(2);
	}, 30_000);

	it('rides out a rate-limit answer and a 5xx while polling', async () => {
		sandbox.injectFault({
			provider: 'creatify',
			method: 'GET',
			path: '/link_to_videos/',
			type: 'rateLimit',
		});
		sandbox.injectFault({
			provider: 'creatify',
			method: 'GET',
			path: '/link_to_videos/',
			type: 'http',
			status: 503,
		});
		const { items, error } = await run(createParameters(), { items: products(3) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['done', 'done', 'done']);
		expect(requests(VIDEO_CREATE)).toHaveLength(3);
		const statuses = requests(VIDEO_LIST).map((entry) => entry.status);
		expect(statuses.slice(0, 2)).toEqual([429, 503]);
	}, 30_000);

	it('with Check Credits First, stops before anything is charged when credits cannot cover the run', async () => {
		sandbox.configure({ creatifyCredits: 20 });
		const { error } = await run(createParameters({ checkCreditsFirst: true }), {
			items: products(12, 8),
		});
		expect(error?.message).toBe(
			'Not enough Creatify credits for this run: it needs about 60 and the account has 20',
		);
		expect(error?.description).toMatch(/12 × video \(Standard, 15 s\) at 5 credits/);
		expect(error?.description).toMatch(/Nothing was sent or charged/);
		expect(sandbox.stats().byEndpoint).toEqual({ [CREDITS]: 1 });
		expect(sandbox.state.creatify.remainingCredits).toBe(20);
	});

	it('with Check Credits First, goes ahead when credits cover the run (per model and length)', async () => {
		sandbox.configure({ creatifyCredits: 80 });
		const { error } = await run(
			createParameters({
				checkCreditsFirst: true,
				modelVersion: 'aurora_v1',
				videoLength: '60',
				waitForCompletion: false,
			}),
			{ items: products(1) },
		);
		expect(error).toBeUndefined();
		expect(requests(CREDITS)).toHaveLength(1);
		expect(requests(VIDEO_CREATE)).toHaveLength(1);
		expect(sandbox.state.creatify.remainingCredits).toBe(0);
	});

	it.each([
		[
			'a product URL that is not a URL',
			{ productUrl: 'kettle' },
			/Product URL must be an http\(s\) URL/,
		],
		[
			'a name over 255 characters',
			{ additionalFields: { name: 'n'.repeat(256) } },
			/Name must be at most 255 characters/,
		],
		[
			'a music volume over 1',
			{ additionalFields: { backgroundMusicVolume: 1.5 } },
			/Background Music Volume must be from 0 to 1/,
		],
		[
			'a caption offset beyond 0.5',
			{ captionSettings: { offsetX: -0.7 } },
			/Offset X must be from -0.5 to 0.5/,
		],
		[
			'a webhook URL over 200 characters',
			{ additionalFields: { webhookUrl: `https://n8n.example.com/${'w'.repeat(200)}` } },
			/Webhook URL must be at most 200 characters/,
		],
		[
			'a script style Creatify does not have',
			{ scriptStyle: 'Shouty' },
			/Script Style must be one of Creatify's script styles/,
		],
		[
			'an avatar ID that is not a UUID',
			{ additionalFields: { overrideAvatar: { __rl: true, mode: 'list', value: 'anna' } } },
			/Override Avatar must be a Creatify avatar/,
		],
	])('rejects %s before any request', async (_label, overrides, message) => {
		const { error } = await run(createParameters({ productUrl: productUrl(0), ...overrides }));
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/Nothing was sent/);
		expect(sandbox.stats().total).toBe(0);
	});

	it('checks every item before the first request, so item 3 failing costs items 1–2 nothing', async () => {
		const { error } = await run(
			createParameters({ additionalFields: { name: '={{ $json.name }}' } }),
			{ items: [...products(2), { url: productUrl(3), name: 'x'.repeat(300) }] },
		);
		expect(error?.message).toMatch(/Name must be at most 255 characters/);
		expect(sandbox.stats().total).toBe(0);
	});
});

describe('previews and renders', () => {
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

	it('Get with Output "Previews" reads the previews of a job made without waiting', async () => {
		const created = await run({
			resource: 'video',
			operation: 'createPreviews',
			source: 'productUrl',
			productUrl: productUrl(5),
			aspectRatios: ['16x9'],
			waitForCompletion: false,
		});
		expect(created.items).toHaveLength(1);
		const id = String(created.items[0].json.id);
		const { items, error } = await run({
			resource: 'video',
			operation: 'get',
			videoIds: id,
			output: 'previews',
			waitForCompletion: true,
			pollInterval: 1,
		});
		expect(error).toBeUndefined();
		// Creatify's default three visual styles × one ratio.
		expect(items).toHaveLength(3);
		for (const item of items)
			expect(item.json).toMatchObject({ video_id: id, aspect_ratio: '16x9' });
	});
});

describe('Video → Get and Get Many', () => {
	async function createVideos(count: number): Promise<string[]> {
		const { items } = await run(createParameters({ waitForCompletion: false }), {
			items: products(count),
		});
		return items.map((item) => String(item.json.id));
	}

	it("reads every item's ids together and waits until they finish, one item per video", async () => {
		const ids = await createVideos(5);
		const before = requests(VIDEO_LIST).length;
		const { items, error } = await run(
			{
				resource: 'video',
				operation: 'get',
				videoIds: '={{ $json.ids }}',
				waitForCompletion: true,
				pollInterval: 1,
			},
			{ items: [{ ids: ids.slice(0, 2).join(', ') }, { ids: ids.slice(2) }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 0, 1, 1, 1].map((item) => ({ item })));
		for (const item of items) expect(item.json.status).toBe('done');
		const firstRead = requests(VIDEO_LIST)[before];
		expect(idsOf(firstRead).sort()).toEqual([...ids].sort());
	});

	it('reads the ids of all items in one call when not waiting', async () => {
		const ids = await createVideos(5);
		const before = requests(VIDEO_LIST).length;
		const { items, error } = await run(
			{ resource: 'video', operation: 'get', videoIds: '={{ $json.ids }}' },
			{ items: [{ ids: ids.slice(0, 2).join(', ') }, { ids: ids.slice(2) }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 0, 1, 1, 1].map((item) => ({ item })));
		const reads = requests(VIDEO_LIST).slice(before);
		expect(reads).toHaveLength(1);
		expect(idsOf(reads[0]).sort()).toEqual([...ids].sort());
	});

	it('resumes waiting on ids after a create that did not wait', async () => {
		const ids = await createVideos(3);
		const { items, error } = await run({
			resource: 'video',
			operation: 'get',
			videoIds: ids.join(','),
			waitForCompletion: true,
			pollInterval: 1,
			simplify: false,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['done', 'done', 'done']);
		// Simplify off: everything Creatify answered.
		expect(items[0].json).toHaveProperty('outputs');
		expect(items[0].json).toHaveProperty('caption_setting');
	});

	it('reads Simplify as a switch: "false" from an expression is off, a word that is not a switch is refused', async () => {
		const [id] = await createVideos(1);
		const off = await run({
			resource: 'video',
			operation: 'get',
			videoIds: id,
			simplify: '={{ "false" }}',
		});
		expect(off.error).toBeUndefined();
		expect(off.items[0].json).toHaveProperty('caption_setting');
		const before = sandbox.stats().total;
		const { error } = await run({
			resource: 'video',
			operation: 'get',
			videoIds: id,
			simplify: '={{ "yes" }}',
		});
		expect(error?.message).toBe('Simplify must be true or false, not "yes"');
		expect(sandbox.stats().total).toBe(before);
	});

	it('reads an id the list leaves out on its own, and names an unknown id after one try', async () => {
		const [id] = await createVideos(1);
		const before = sandbox.requests({ provider: 'creatify' }).length;
		const { error } = await run({
			resource: 'video',
			operation: 'get',
			videoIds: `${id}, ${UNKNOWN_ID}`,
		});
		expect(error?.message).toBe(`Creatify has no video with ID ${UNKNOWN_ID}`);
		expect(error?.description).toMatch(/returned by Video → Create/);
		const after = sandbox.requests({ provider: 'creatify' }).slice(before);
		expect(after.map((entry) => entry.endpoint)).toEqual([VIDEO_LIST, VIDEO_GET]);
		expect(after[1].path).toBe(`/api/link_to_videos/${UNKNOWN_ID}/`);
	});

	it('rejects ids that are not Creatify video ids before any request', async () => {
		const { error } = await run({ resource: 'video', operation: 'get', videoIds: '123, abc' });
		expect(error?.message).toMatch(/Video IDs must hold Creatify video IDs/);
		expect(sandbox.stats().total).toBe(0);
	});

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

describe('Link', () => {
	it('creates from a URL, reads, updates and lists links', async () => {
		const created = await run({ resource: 'link', operation: 'createFromUrl', url: productUrl(0) });
		const link = created.items[0].json;
		expect(link).toMatchObject({ id: expect.stringMatching(UUID_RE), url: productUrl(0) });
		// Creatify's answer repeats the fields under "link": the output has them once.
		expect(link).not.toHaveProperty('link');

		const read = await run({
			resource: 'link',
			operation: 'get',
			link: { __rl: true, mode: 'id', value: link.id },
		});
		expect(read.items[0].json).toMatchObject({ id: link.id, title: link.title });

		const updated = await run({
			resource: 'link',
			operation: 'update',
			link: { __rl: true, mode: 'list', value: link.id },
			updateFields: {
				title: 'Steel kettle',
				imageUrls: 'https://cdn.example.com/a.jpg\nhttps://cdn.example.com/b.jpg',
			},
		});
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({
			title: 'Steel kettle',
			image_urls: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'],
		});
		expect(requests('PUT /api/links/{id}/')[0].body).toEqual({
			title: 'Steel kettle',
			image_urls: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'],
		});

		await createLink(productUrl(1));
		const list = await run({ resource: 'link', operation: 'getMany', returnAll: true });
		expect(list.items).toHaveLength(2);
	});

	it('creates a link from parameters for 1 credit, and checks the 3-image rule first', async () => {
		const images = [1, 2, 3].map((n) => `https://cdn.example.com/kettle-${n}.jpg`);
		const { items, error } = await run({
			resource: 'link',
			operation: 'createWithParams',
			title: 'Steel kettle',
			imageUrls: images.join(', '),
			additionalFields: {
				description: 'Boils in 90 s',
				logoUrl: 'https://cdn.example.com/logo.png',
				reviews: '4.8 stars',
			},
			checkCreditsFirst: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ title: 'Steel kettle', image_urls: images });
		expect(requests('POST /api/links/link_with_params/')[0].body).toEqual({
			title: 'Steel kettle',
			image_urls: images,
			description: 'Boils in 90 s',
			logo_url: 'https://cdn.example.com/logo.png',
			reviews: '4.8 stars',
		});
		expect(sandbox.state.creatify.remainingCredits).toBe(999);

		sandbox.reset();
		const tooFew = await run({
			resource: 'link',
			operation: 'createWithParams',
			title: 'Kettle',
			imageUrls: images.slice(0, 2),
		});
		expect(tooFew.error?.message).toMatch(
			/Image URLs must hold at least 3 URLs when there are no video URLs/,
		);
		const longLogo = await run({
			resource: 'link',
			operation: 'createWithParams',
			title: 'Kettle',
			videoUrls: 'https://cdn.example.com/demo.mp4',
			additionalFields: { logoUrl: `https://cdn.example.com/${'l'.repeat(200)}.png` },
		});
		expect(longLogo.error?.message).toMatch(/Logo URL must be at most 200 characters/);
		expect(sandbox.stats().total).toBe(0);
	});

	it('needs at least one field to update', async () => {
		const { error } = await run({
			resource: 'link',
			operation: 'update',
			link: { __rl: true, mode: 'id', value: UNKNOWN_ID },
			updateFields: {},
		});
		expect(error?.message).toMatch(/Update Fields needs at least one field to change/);
		expect(sandbox.stats().total).toBe(0);
	});
});

describe('Account → Get Remaining Credits', () => {
	it('reads the balance', async () => {
		sandbox.configure({ creatifyCredits: 321 });
		const { items } = await run({ resource: 'account', operation: 'getRemainingCredits' });
		expect(items.map((item: INodeExecutionData) => item.json)).toEqual([
			{ remaining_credits: 321 },
		]);
	});
});

describe('searchable lists', () => {
	const options = (apiKey?: string) => ({
		nodeType,
		credentialTypes: [credentialType],
		credentials: credentials(apiKey),
		parameters: {},
	});

	it('lists links, avatars, voice accents and visual styles, filtered by the search', async () => {
		const link = await createLink(productUrl(7));
		const links = await listSearch(options(), 'searchLinks', 'shop.example');
		expect(links.results.map((result) => result.value)).toEqual([link]);

		const avatars = await listSearch(options(), 'searchAvatars', 'anna');
		expect(avatars.results).toEqual([
			expect.objectContaining({
				value: '0b7d7e39-3f1c-4d7e-9a59-6d2f1a000001',
				name: expect.stringContaining('Anna'),
			}),
		]);

		const voices = await listSearch(options(), 'searchVoices', 'james');
		expect(voices.results.map((result) => result.value)).toEqual([
			'5e3c1a2b-0000-4000-8000-00000000b001',
			'5e3c1a2b-0000-4000-8000-00000000b002',
		]);

		const styles = await listSearch(options(), 'searchVisualStyles', 'green');
		expect(styles.results.map((result) => result.value)).toEqual([
			'DynamicGreenScreenEffect',
			'GreenScreenEffectTemplate',
		]);
	});

	it('shows empty lists instead of failing with a wrong key', async () => {
		for (const method of ['searchLinks', 'searchAvatars', 'searchVoices']) {
			const result = await listSearch(options('wrong-key'), method);
			expect(result.results).toEqual([]);
		}
	});
});

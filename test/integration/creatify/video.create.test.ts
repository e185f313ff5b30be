import type { IDataObject } from 'n8n-workflow';
import { printFigures } from '../../helpers/figures';
import { binarySize } from '../../helpers/n8nContext';
import {
	LINK_CREATE,
	VIDEO_CREATE,
	VIDEO_LIST,
	VIDEO_GET,
	CREDITS,
	UUID_RE,
	RENDER_MS,
	sandbox,
	run,
	createParameters,
	productUrl,
	products,
	requests,
	idsOf,
	errorText,
	createLink,
} from './setup';

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

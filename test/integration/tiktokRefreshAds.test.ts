import type { IDataObject } from 'n8n-workflow';

import { TiktokBusinessApi } from '../../credentials/TiktokBusinessApi.credentials';
import { resetRateLimits } from '../../nodes/shared/rateLimiter';
import { TIKTOK_DOWNLOAD_NOTICE, TIKTOK_UPLOAD_NOTICE } from '../../nodes/TikTok/fields';
import { TikTokRefreshAds } from '../../nodes/TikTokRefreshAds/TikTokRefreshAds.node';
import { binarySize, runNode } from '../helpers/n8nContext';
import type { RunOptions } from '../helpers/n8nContext';
import { SANDBOX_KEYS, startSandbox } from '../sandbox';
import type { RequestLogEntry, Sandbox } from '../sandbox';

/**
 * TikTok Refresh Ads through n8n's real execution engine against the sandbox over HTTP. Each test starts from an
 * empty sandbox and an empty rate limiter, so the 5-creates-per-minute pacing of one test never slows the next.
 */

const nodeType = new TikTokRefreshAds();
const credentialType = new TiktokBusinessApi();
const API = '/open_api/v1.3';
const UPLOAD = `POST ${API}/file/video/ad/upload/`;
const CREATE = `POST ${API}/creative/aigc/refresh_video/task/create/`;
const TASK_LIST = `GET ${API}/creative/aigc/video/task/list/`;
const VIDEO_LIST = `GET ${API}/creative/aigc/video/list/`;
const VIDEO_BYTES = 200_000;

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({
		durations: { tiktokRefresh: { minMs: 100, maxMs: 400 } },
		videoBytes: VIDEO_BYTES,
	});
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	resetRateLimits();
});

function credentials(accessToken = SANDBOX_KEYS.tiktok.accessToken) {
	return { tiktokBusinessApi: { ...sandbox.credentials.tiktokBusinessApi, accessToken } };
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
	resource: 'refreshTask',
	operation: 'create',
	source: 'videoUrl',
	videoUrl: '={{ $json.url }}',
	strategy: 'ADD_HOOK',
	hookType: 'RECOMMENDED',
	productCategory: 'GAMES',
	productDescription: 'A puzzle game for commuters, free to play.',
	pollInterval: 1,
	timeout: 60,
	...overrides,
});

const videoUrl = (name = 'summer-ad') => sandbox.videoUrl(undefined, `${name}.mp4`);

function bodyOf(entry: RequestLogEntry): IDataObject {
	return entry.body as IDataObject;
}

function queryIds(entry: RequestLogEntry): string[] {
	return JSON.parse(String(entry.query.task_ids)) as string[];
}

/** Uploads one video through the node and returns its video_id. */
async function uploadedVideoId(): Promise<string> {
	const { items, error } = await run({
		resource: 'video',
		operation: 'uploadByUrl',
		videoUrl: videoUrl('stock'),
	});
	expect(error).toBeUndefined();
	return String(items[0].json.video_id);
}

function expectTaskReadsWellFormed() {
	const reads = sandbox.requests({ endpoint: TASK_LIST });
	expect(reads.length).toBeGreaterThan(0);
	for (const read of reads) {
		expect(read.query.aigc_video_type).toBe('REFRESH_VIDEO');
		expect(String(read.query.task_ids)).toMatch(/^\[".*"\]$/);
		expect(queryIds(read).length).toBeLessThanOrEqual(5);
	}
	return reads;
}

describe('Video → Upload by URL', () => {
	it('uploads by URL for AIGC and returns the video_id', async () => {
		const url = videoUrl();
		const { items, error } = await run({
			resource: 'video',
			operation: 'uploadByUrl',
			videoUrl: url,
		});
		expect(error).toBeUndefined();
		const [upload] = sandbox.requests({ endpoint: UPLOAD });
		expect(bodyOf(upload)).toEqual({
			upload_type: 'UPLOAD_BY_URL',
			use_scenario: 'AIGC',
			video_url: url,
		});
		expect(items).toEqual([
			{
				json: { video_id: sandbox.state.tiktok.uploads[0].video_id, video_url: url },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends an upload again when TikTok refuses it for rate (free, and nothing was accepted)', async () => {
		sandbox.injectFault({
			provider: 'tiktok',
			path: '/file/video/ad/upload/',
			type: 'tiktokCode',
			code: 40100,
		});
		const { items, error } = await run({
			resource: 'video',
			operation: 'uploadByUrl',
			videoUrl: videoUrl(),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.video_id).toBe(sandbox.state.tiktok.uploads[0].video_id);
		expect(sandbox.requests({ endpoint: UPLOAD }).map((entry) => entry.code)).toEqual([40100, 0]);
		expect(sandbox.state.tiktok.uploads).toHaveLength(1);
	});

	it('sends a URL with spaces percent-encoded, as TikTok asks', async () => {
		await run({
			resource: 'video',
			operation: 'uploadByUrl',
			videoUrl: `${sandbox.url}/files/videos/spring sale ad.mp4`,
		});
		const [upload] = sandbox.requests({ endpoint: UPLOAD });
		expect(bodyOf(upload).video_url).toBe(`${sandbox.url}/files/videos/spring%20sale%20ad.mp4`);
	});

	it.each([
		// An expression that resolves to nothing (a literal empty field is already refused by n8n itself).
		['an empty URL', '={{ "" }}', /Video URL is required/],
		['an ftp URL', 'ftp://example.com/ad.mp4', /Video URL must be an http\(s\) URL/],
		['a file name', 'ad.mp4', /Video URL must be an http\(s\) URL/],
	])('rejects %s before sending anything', async (_label, url, message) => {
		const { error } = await run({ resource: 'video', operation: 'uploadByUrl', videoUrl: url });
		expect(error?.message).toMatch(message);
		expect(sandbox.stats().total).toBe(0);
	});

	it("explains TikTok's video URL errors", async () => {
		const { error } = await run({
			resource: 'video',
			operation: 'uploadByUrl',
			videoUrl: `${sandbox.url}/files/text/sandbox-text.html`,
		});
		expect(error?.message).toContain('(code 40908)');
		expect(error?.description).toMatch(/serve the video file itself/);
	});
});

describe('Refresh Task → Create', () => {
	it('uploads the URL, creates one RECOMMENDED task and outputs 4 videos paired to the one input', async () => {
		const { items, error } = await run(createParameters(), { items: [{ url: videoUrl() }] });
		expect(error).toBeUndefined();

		const uploads = sandbox.requests({ endpoint: UPLOAD });
		const creates = sandbox.requests({ endpoint: CREATE });
		expect(uploads).toHaveLength(1);
		expect(creates).toHaveLength(1);
		const sourceVideoId = sandbox.state.tiktok.uploads[0].video_id;
		expect(bodyOf(creates[0])).toEqual({
			video_id: sourceVideoId,
			video_refresh_strategy_list: ['ADD_HOOK'],
			add_hook: {
				hook_type: 'RECOMMENDED',
				product_category: 'GAMES',
				product_description: 'A puzzle game for commuters, free to play.',
			},
		});

		expect(items).toHaveLength(4);
		const tasks = sandbox.state.tiktok.refreshTasks;
		expect(items.map((item) => item.json.task_id).sort()).toEqual(
			tasks.map((task) => task.task_id).sort(),
		);
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			const task = tasks.find((t) => t.task_id === item.json.task_id);
			expect(item.json).toEqual({
				task_id: task?.task_id,
				status: 'SUCCESS',
				video_id: task?.video_id,
				video_name: task?.video_name,
				preview_url: task?.preview_url,
				aigc_video_type: 'REFRESH_VIDEO',
				source_video_id: sourceVideoId,
				strategy: ['ADD_HOOK'],
				requested_hook_type: 'RECOMMENDED',
			});
			expect(String(item.json.preview_url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/videos\//);
		}
		expect(tasks.map((task) => task.hook_type).sort()).toEqual([
			'BILLO',
			'COMMENT',
			'EMOTIONAL',
			'TEXT_TO_VIDEO',
		]);

		// All four tasks are read in one request, always with aigc_video_type and JSON-encoded task_ids.
		const reads = expectTaskReadsWellFormed();
		expect(queryIds(reads[0]).sort()).toEqual(tasks.map((task) => task.task_id).sort());
	});

	it.each([
		['Swap Music', { strategy: 'SWAP_MUSIC' }, { video_refresh_strategy_list: ['SWAP_MUSIC'] }],
		[
			'Add Hook and Swap Music with an Emotional hook',
			{ strategy: 'ADD_HOOK,SWAP_MUSIC', hookType: 'EMOTIONAL', productDescription: '' },
			{
				video_refresh_strategy_list: ['ADD_HOOK', 'SWAP_MUSIC'],
				add_hook: { hook_type: 'EMOTIONAL', product_category: 'GAMES' },
			},
		],
		[
			'a Holiday hook',
			{
				hookType: 'HOLIDAY',
				holidayTheme: 'BLACK_FRIDAY',
				productCategory: 'RETAIL_AND_ECOMMERCE',
			},
			{
				video_refresh_strategy_list: ['ADD_HOOK'],
				add_hook: {
					hook_type: 'HOLIDAY',
					product_category: 'RETAIL_AND_ECOMMERCE',
					product_description: 'A puzzle game for commuters, free to play.',
					holiday_theme: 'BLACK_FRIDAY',
				},
			},
		],
		[
			'a Comment hook (a holiday theme left set is not sent)',
			{ hookType: 'COMMENT', holidayTheme: 'HALLOWEEN', productDescription: '' },
			{
				video_refresh_strategy_list: ['ADD_HOOK'],
				add_hook: { hook_type: 'COMMENT', product_category: 'GAMES' },
			},
		],
	])('sends %s from a video ID as TikTok documents it', async (_label, overrides, expected) => {
		const videoId = await uploadedVideoId();
		const { items, error } = await run(
			createParameters({ source: 'videoId', videoId, ...overrides }),
		);
		expect(error).toBeUndefined();
		expect(sandbox.requests({ endpoint: UPLOAD })).toHaveLength(1);
		const [create] = sandbox.requests({ endpoint: CREATE });
		expect(bodyOf(create)).toEqual({ video_id: videoId, ...expected });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ status: 'SUCCESS', source_video_id: videoId });
	});

	it('returns one item per input with all its task IDs when not waiting', async () => {
		const { items, error } = await run(createParameters({ waitForCompletion: false }), {
			items: [{ url: videoUrl('a') }, { url: videoUrl('b') }],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		const tasks = sandbox.state.tiktok.refreshTasks;
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({ status: 'SUBMITTED', aigc_video_type: 'REFRESH_VIDEO' });
			const ids = item.json.task_ids as string[];
			expect(ids).toHaveLength(4);
			for (const id of ids) {
				expect(tasks.find((task) => task.task_id === id)?.source_video_id).toBe(
					item.json.source_video_id,
				);
			}
		});
		expect(sandbox.requests({ endpoint: TASK_LIST })).toHaveLength(0);
	});

	it('uploads a URL shared by several items once', async () => {
		const url = videoUrl();
		const { items } = await run(
			createParameters({ hookType: 'EMOTIONAL', waitForCompletion: false }),
			{
				items: [{ url }, { url }, { url }],
			},
		);
		expect(items).toHaveLength(3);
		expect(sandbox.requests({ endpoint: UPLOAD })).toHaveLength(1);
		expect(sandbox.requests({ endpoint: CREATE })).toHaveLength(3);
	});

	it('downloads every refreshed video into binary data', async () => {
		const { items, error } = await run(
			createParameters({ downloadVideo: true, binaryPropertyName: 'video' }),
			{ items: [{ url: videoUrl() }] },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		for (const item of items) {
			const binary = item.binary?.video;
			expect(binary?.mimeType).toBe('video/mp4');
			expect(binary?.fileName).toBe(`${String(item.json.video_name)}.mp4`);
			expect(await binarySize(binary!)).toBe(VIDEO_BYTES);
		}
	});

	describe('validation, before any request', () => {
		it.each([
			['no video URL', { videoUrl: '={{ $json.missing }}' }, /Video URL is required/],
			[
				'a video URL that is not http(s)',
				{ videoUrl: 'mailto:ads@example.com' },
				/Video URL must be an http\(s\) URL/,
			],
			['no video ID', { source: 'videoId', videoId: '  ' }, /Video ID is required/],
			[
				'an unknown strategy',
				{ strategy: 'ADD_MUSIC' },
				/Strategy must be one of ADD_HOOK, SWAP_MUSIC/,
			],
			[
				'no product category with Add Hook',
				{ productCategory: '' },
				/Product Category is required when the strategy adds a hook/,
			],
			[
				'no product category with Add Hook and Swap Music',
				{ strategy: 'ADD_HOOK,SWAP_MUSIC', productCategory: '' },
				/Product Category is required/,
			],
			[
				'an unknown product category',
				{ productCategory: 'TOYS' },
				/Product Category must be one of TikTok's values.*"TOYS" is not one/,
			],
			[
				'an unknown hook type',
				{ hookType: 'FUNNY' },
				/Hook Type must be one of TikTok's values.*"FUNNY" is not one/,
			],
			[
				'a Holiday hook without a theme',
				{ hookType: 'HOLIDAY', holidayTheme: '' },
				/Holiday Theme is required when the hook type is Holiday/,
			],
			[
				'an unknown holiday theme',
				{ hookType: 'HOLIDAY', holidayTheme: 'EID' },
				/Holiday Theme must be one of TikTok's values.*"EID" is not one/,
			],
			[
				'a product description over 3,000 characters',
				{ productDescription: 'x'.repeat(3001) },
				/Product Description must be at most 3,000 characters/,
			],
		])('rejects %s', async (_label, overrides, message) => {
			const { error } = await run(createParameters(overrides), { items: [{ url: videoUrl() }] });
			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(/Nothing was sent to the provider/);
			expect(sandbox.stats().total).toBe(0);
		});

		it('accepts exactly 3,000 characters of product description', async () => {
			const { error } = await run(
				createParameters({ productDescription: 'x'.repeat(3000), waitForCompletion: false }),
				{ items: [{ url: videoUrl() }] },
			);
			expect(error).toBeUndefined();
			const [create] = sandbox.requests({ endpoint: CREATE });
			expect(String((bodyOf(create).add_hook as IDataObject).product_description)).toHaveLength(
				3000,
			);
		});

		it('needs no hook fields for Swap Music', async () => {
			const { error } = await run(
				createParameters({
					strategy: 'SWAP_MUSIC',
					productCategory: '',
					hookType: 'FUNNY',
					waitForCompletion: false,
				}),
				{ items: [{ url: videoUrl() }] },
			);
			expect(error).toBeUndefined();
		});

		it('checks every item before the first upload or create', async () => {
			const { error } = await run(createParameters({ hookType: '={{ $json.hook }}' }), {
				items: [
					{ url: videoUrl('a'), hook: 'EMOTIONAL' },
					{ url: videoUrl('b'), hook: 'COMMENT' },
					{ url: videoUrl('c'), hook: 'HOLIDAY' },
				],
			});
			expect(error?.message).toMatch(/Holiday Theme is required/);
			// n8n's own numbering: the third item is "[item 2]".
			expect(error?.context?.itemIndex).toBe(2);
			expect(sandbox.stats().total).toBe(0);
		});

		it('with Continue On Fail, keeps the invalid item with its error and refreshes the others', async () => {
			const { items } = await run(
				createParameters({ hookType: 'EMOTIONAL', productCategory: '={{ $json.category }}' }),
				{
					items: [
						{ url: videoUrl('a'), category: 'GAMES' },
						{ url: videoUrl('b'), category: 'TOYS' },
					],
					continueOnFail: true,
				},
			);
			expect(items).toHaveLength(2);
			expect(items[0].json.status).toBe('SUCCESS');
			expect(items[1]).toMatchObject({
				json: {
					url: videoUrl('b'),
					category: 'TOYS',
					error: expect.stringMatching(/Product Category/),
				},
				pairedItem: { item: 1 },
			});
			expect(sandbox.requests({ endpoint: CREATE })).toHaveLength(1);
		});
	});

	it('paces 7 creates to 1 per second and 5 per minute across items', async () => {
		const videoId = await uploadedVideoId();
		const { items, error, hints, uiMessages } = await run(
			createParameters({
				source: 'videoId',
				videoId,
				hookType: 'EMOTIONAL',
				waitForCompletion: false,
			}),
			{ items: Array.from({ length: 7 }, (_, index) => ({ index })) },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(7);
		// The minute-long wait for the 6th create is not silent: said while waiting, and on the node afterwards.
		expect(
			uiMessages.some((message) =>
				/waiting for TikTok's rate limit \(\d+ s so far\)/.test(message),
			),
		).toBe(true);
		// About a minute (the 6th create waits for the first one to leave the minute window), counted once although
		// the other creates waited alongside it.
		expect(hints).toContainEqual(
			expect.stringMatching(/^Waited (5\d s|1 min( \d s)?) for TikTok's rate limit$/),
		);
		expect(items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4, 5, 6].map((item) => ({ item })),
		);

		const creates = sandbox.requests({ endpoint: CREATE });
		expect(creates).toHaveLength(7);
		expect(creates.filter((entry) => entry.rateLimited)).toHaveLength(0);
		expect(sandbox.stats().rateViolations).toBe(0);
		const times = creates.map((entry) => Date.parse(entry.time)).sort((a, b) => a - b);
		for (let index = 1; index < times.length; index++) {
			expect(times[index] - times[index - 1]).toBeGreaterThanOrEqual(1000);
		}
		for (const start of times) {
			expect(
				times.filter((time) => time >= start && time < start + 60_000).length,
			).toBeLessThanOrEqual(5);
		}
	}, 180_000);

	describe('failures', () => {
		it('keeps the input, the error and every task ID of a FAILED refresh (Continue On Fail)', async () => {
			const url = videoUrl();
			const { items } = await run(
				createParameters({ productDescription: '={{ $json.description }}' }),
				{
					items: [
						{ url, description: 'Cosy socks' },
						{ url, description: 'sandbox-fail: this one fails' },
					],
					continueOnFail: true,
				},
			);
			expect(items).toHaveLength(5);
			for (const item of items.slice(0, 4)) {
				expect(item).toMatchObject({ json: { status: 'SUCCESS' }, pairedItem: { item: 0 } });
			}
			const failed = items[4];
			expect(failed.pairedItem).toEqual({ item: 1 });
			expect(failed.json).toMatchObject({ url, description: 'sandbox-fail: this one fails' });
			const taskIds = failed.json.task_ids as string[];
			expect(taskIds).toHaveLength(4);
			for (const id of taskIds) expect(String(failed.json.error)).toContain(id);
		});

		it('fails the run on a FAILED refresh without Continue On Fail, naming the task', async () => {
			const { error } = await run(
				createParameters({ hookType: 'EMOTIONAL', productDescription: 'sandbox-fail' }),
				{ items: [{ url: videoUrl() }] },
			);
			const [task] = sandbox.state.tiktok.refreshTasks;
			expect(error?.message).toContain(task.task_id);
			expect(error?.message).toMatch(/failed/);
		});

		it.each([
			['sandbox-unreachable', 40902],
			['sandbox-too-large', 40907],
			['sandbox-text', 40908],
		])(
			'explains a video URL TikTok cannot use (%s → %s) and creates nothing',
			async (marker, code) => {
				const { error } = await run(createParameters(), { items: [{ url: videoUrl(marker) }] });
				expect(error?.message).toContain(`(code ${code})`);
				expect(error?.description).toMatch(/publicly reachable.*\.mp4 or \.mov, 2–180 seconds/);
				expect(sandbox.requests({ endpoint: CREATE })).toHaveLength(0);
			},
		);

		it('uploads every URL before the first paid create, so a bad URL in a later item costs nothing', async () => {
			const { error } = await run(createParameters({ hookType: 'EMOTIONAL' }), {
				items: [{ url: videoUrl('good') }, { url: videoUrl('sandbox-unreachable') }],
			});
			expect(error?.message).toContain('(code 40902)');
			expect(sandbox.requests({ endpoint: UPLOAD })).toHaveLength(2);
			expect(sandbox.requests({ endpoint: CREATE })).toHaveLength(0);
		});

		it('with Continue On Fail, keeps an item whose upload failed and refreshes the others', async () => {
			const bad = videoUrl('sandbox-unreachable');
			const { items } = await run(createParameters({ hookType: 'EMOTIONAL' }), {
				items: [{ url: videoUrl('good') }, { url: bad }],
				continueOnFail: true,
			});
			expect(items[0].json.status).toBe('SUCCESS');
			expect(items[1].json).toMatchObject({ url: bad, video_url: bad });
			expect(String(items[1].json.error)).toContain('(code 40902)');
		});

		it('points to the allowlist when TikTok answers 40118 on create', async () => {
			const { error } = await run(createParameters(), {
				items: [{ url: videoUrl() }],
				credentials: credentials(SANDBOX_KEYS.tiktok.notAllowlistedToken),
			});
			expect(error?.message).toContain('(code 40118)');
			expect(error?.description).toMatch(/allowlist/);
			expect(error?.description).toMatch(/Request ID: /);
			// The upload (file/*) worked; the refused create was sent once and not retried.
			expect(sandbox.requests({ endpoint: UPLOAD })).toHaveLength(1);
			expect(sandbox.requests({ endpoint: CREATE })).toHaveLength(1);
		});

		it('points to the missing permission when TikTok answers 40001, and keeps the input with Continue On Fail', async () => {
			const { items } = await run(createParameters(), {
				items: [{ url: videoUrl(), campaign: 'spring' }],
				credentials: credentials(SANDBOX_KEYS.tiktok.noPermissionToken),
				continueOnFail: true,
			});
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ campaign: 'spring' });
			expect(String(items[0].json.error)).toContain('(code 40001)');
			expect(String(items[0].json.errorDescription)).toMatch(
				/Generative AI Tool > Video Generation/,
			);
		});

		it('never sends a create twice when the connection drops after TikTok accepted it', async () => {
			sandbox.injectFault({
				provider: 'tiktok',
				path: '/refresh_video/task/create/',
				type: 'dropAfterProcessing',
			});
			const { error } = await run(createParameters(), { items: [{ url: videoUrl() }] });
			expect(sandbox.requests({ endpoint: CREATE })).toHaveLength(1);
			expect(`${error?.message} ${error?.description}`).toMatch(/may have been accepted/);
			expect(error?.description).toMatch(/Refreshed Video → Get Many/);
		});

		it('stops waiting at the timeout and names every task ID with the way to resume', async () => {
			sandbox.configure({ durations: { tiktokRefresh: { minMs: 60_000, maxMs: 60_000 } } });
			const { error } = await run(createParameters({ timeout: 10, pollInterval: 3 }), {
				items: [{ url: videoUrl() }],
			});
			sandbox.configure({ durations: { tiktokRefresh: { minMs: 100, maxMs: 400 } } });
			const text = `${error?.message} ${error?.description}`;
			const ids = sandbox.state.tiktok.refreshTasks.map((task) => task.task_id);
			expect(ids).toHaveLength(4);
			for (const id of ids) expect(text).toContain(id);
			expect(text).toMatch(/Refresh Task → Get/);
		}, 40_000);
	});
});

describe('Refresh Task → Get', () => {
	async function createTasks(hookTypes: string[]): Promise<string[][]> {
		const { items, error } = await run(
			createParameters({ hookType: '={{ $json.hook }}', waitForCompletion: false }),
			{ items: hookTypes.map((hook, index) => ({ url: videoUrl(`v${index}`), hook })) },
		);
		expect(error).toBeUndefined();
		return items.map((item) => item.json.task_ids as string[]);
	}

	it("reads every item's IDs together, 5 per request, waiting until they finish", async () => {
		const [first, second, third] = await createTasks(['RECOMMENDED', 'RECOMMENDED', 'EMOTIONAL']);
		const reads0 = sandbox.requests({ endpoint: TASK_LIST }).length;
		const { items, error } = await run(
			{
				resource: 'refreshTask',
				operation: 'get',
				taskIds: '={{ $json.ids }}',
				waitForCompletion: true,
				pollInterval: 1,
			},
			{
				items: [
					{ ids: first.join(', ') },
					// The JSON form TikTok itself uses is accepted too.
					{ ids: JSON.stringify([...second, ...third]) },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.task_id)).toEqual([...first, ...second, ...third]);
		expect(items.map((item) => item.pairedItem)).toEqual(
			[0, 0, 0, 0, 1, 1, 1, 1, 1].map((item) => ({ item })),
		);
		for (const item of items)
			expect(item.json).toMatchObject({ status: 'SUCCESS', aigc_video_type: 'REFRESH_VIDEO' });

		const reads = expectTaskReadsWellFormed().slice(reads0);
		expect(
			reads
				.slice(0, 2)
				.map((entry) => queryIds(entry).length)
				.sort(),
		).toEqual([4, 5]);
	});

	it('reads the current state once when not waiting, whatever the status', async () => {
		const [ids] = await createTasks(['RECOMMENDED']);
		const { items, error } = await run({
			resource: 'refreshTask',
			operation: 'get',
			taskIds: ids.join(','),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		for (const item of items)
			expect(['SUBMITTED', 'PROCESSING', 'SUCCESS']).toContain(item.json.status);
		const reads = expectTaskReadsWellFormed();
		expect(reads).toHaveLength(1);
	});

	it('returns a FAILED task as data when not waiting', async () => {
		const { items: created } = await run(
			createParameters({
				hookType: 'EMOTIONAL',
				productDescription: 'sandbox-fail',
				waitForCompletion: false,
			}),
			{ items: [{ url: videoUrl() }] },
		);
		const [taskId] = created[0].json.task_ids as string[];
		sandbox.advanceTime(5_000);
		const { items, error } = await run({
			resource: 'refreshTask',
			operation: 'get',
			taskIds: taskId,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			task_id: taskId,
			status: 'FAILED',
			video_id: '',
			preview_url: '',
		});
	});

	it('reports an unknown task ID on its own item and still returns the others (Continue On Fail)', async () => {
		const [ids] = await createTasks(['EMOTIONAL']);
		const { items } = await run(
			{ resource: 'refreshTask', operation: 'get', taskIds: '={{ $json.ids }}' },
			{ items: [{ ids: ids[0] }, { ids: '7000000000000000009' }], continueOnFail: true },
		);
		expect(items[0].json.task_id).toBe(ids[0]);
		expect(items[1]).toMatchObject({
			json: { ids: '7000000000000000009', task_ids: ['7000000000000000009'] },
			pairedItem: { item: 1 },
		});
		expect(String(items[1].json.error)).toMatch(/no refresh task with ID 7000000000000000009/);
	});

	it('fails on an unknown task ID without Continue On Fail', async () => {
		const { error } = await run({
			resource: 'refreshTask',
			operation: 'get',
			taskIds: '7000000000000000009',
		});
		expect(error?.message).toMatch(/no refresh task with ID 7000000000000000009/);
		// One read, not a retry loop: an ID TikTok leaves out of its answer does not exist.
		expect(
			sandbox.requests({ endpoint: 'GET /open_api/v1.3/creative/aigc/video/task/list/' }),
		).toHaveLength(1);
	});

	it.each([
		['nothing', ' , ', /Task IDs needs at least one task ID/],
		[
			'a video ID',
			'v10033g50000abcdefgh',
			/Task IDs must hold task IDs.*"v10033g50000abcdefgh" is not one.*video IDs/,
		],
	])('rejects %s before any request', async (_label, taskIds, message) => {
		const { error } = await run({ resource: 'refreshTask', operation: 'get', taskIds });
		expect(error?.message).toMatch(message);
		expect(sandbox.stats().total).toBe(0);
	});
});

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

describe('the node description', () => {
	const properties = nodeType.description.properties;
	const noticesWith = (text: string) =>
		properties.filter((property) => property.type === 'notice' && property.displayName === text);
	const operationsOf = (list: typeof properties) =>
		list.flatMap((property) => (property.displayOptions?.show?.operation ?? []) as string[]).sort();

	it("shows TikTok's upload notice on every operation that uploads", () => {
		expect(operationsOf(noticesWith(TIKTOK_UPLOAD_NOTICE))).toEqual(['create', 'uploadByUrl']);
	});

	it("shows TikTok's download notice wherever a video can be downloaded", () => {
		const downloads = properties.filter((property) => property.name === 'downloadVideo');
		expect(operationsOf(noticesWith(TIKTOK_DOWNLOAD_NOTICE))).toEqual(operationsOf(downloads));
		expect(operationsOf(downloads)).toEqual(['create', 'get']);
	});

	it('says that preview URLs expire after six hours where they are returned', () => {
		const notices = properties.filter(
			(property) => property.type === 'notice' && /six hours/.test(property.displayName),
		);
		expect(operationsOf(notices)).toEqual(['create', 'get', 'getMany']);
	});

	it('can be used as a tool by an AI agent', () => {
		expect(nodeType.description.usableAsTool).toBe(true);
	});
});

/**
 * The provider sandbox itself: does it behave as its README says? The nodes' own integration tests rely on it,
 * so a sandbox that quietly accepted a wrong encoding or never finished a job would make them worthless.
 *
 * Jobs are driven with the sandbox's manual clock (advanceTime), so nothing here depends on real timing.
 */
import { request } from 'undici';

import { useSandbox } from '../helpers/sandboxSuite';
import { GENVIRAL_IDS, SANDBOX_KEYS, startSandbox } from '../sandbox';

interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	// Provider bodies are checked field by field below.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

const sandbox = useSandbox(
	{ manualClock: true, durations: { minMs: 1000, maxMs: 1000 } },
	{ each: { enforceRateLimits: true, creatifyCredits: 1000, genviralCredits: 100 } },
);

const TT = '/tiktok/open_api/v1.3';
const GV = '/genviral/api/partner/v1';
const SS = '/sixtyseconds/v1';

const creatifyAuth = {
	'X-API-ID': SANDBOX_KEYS.creatify.apiId,
	'X-API-KEY': SANDBOX_KEYS.creatify.apiKey,
};
const sixtyAuth = { Authorization: `Bearer ${SANDBOX_KEYS.sixtyseconds.apiKey}` };
const tiktokAuth = { 'Access-Token': SANDBOX_KEYS.tiktok.accessToken };
const genviralAuth = { Authorization: `Bearer ${SANDBOX_KEYS.genviral.apiKey}` };

async function call(
	method: 'GET' | 'POST' | 'PUT' | 'DELETE',
	path: string,
	options: {
		headers?: Record<string, string>;
		body?: unknown;
		rawBody?: string;
		query?: Record<string, string>;
	} = {},
): Promise<Reply> {
	const url = new URL(sandbox.url + path);
	for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	let body: string | undefined;
	if (options.rawBody !== undefined) body = options.rawBody;
	else if (options.body !== undefined) body = JSON.stringify(options.body);
	if (body !== undefined) headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
	const res = await request(url, { method, headers, body });
	const text = await res.body.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, headers: res.headers, text, json };
}

/** JSON-encodes a TikTok array/object query parameter, as TikTok requires. */
const j = (value: unknown) => JSON.stringify(value);

/** Reads the job status at successive clock steps and returns the distinct statuses seen, in order. */
async function statusesOverTime(
	read: () => Promise<string>,
	stepMs: number,
	steps: number,
): Promise<string[]> {
	const seen: string[] = [];
	for (let i = 0; i <= steps; i++) {
		const status = await read();
		if (seen[seen.length - 1] !== status) seen.push(status);
		sandbox.advanceTime(stepMs);
	}
	return seen;
}

async function uploadTiktokVideo(videoUrl = sandbox.videoUrl(1024, 'source')): Promise<string> {
	const res = await call('POST', `${TT}/file/video/ad/upload/`, {
		headers: tiktokAuth,
		body: { upload_type: 'UPLOAD_BY_URL', use_scenario: 'AIGC', video_url: videoUrl },
	});
	expect(res.json.code).toBe(0);
	return res.json.data.video_id as string;
}

async function createCreatifyLink(): Promise<string> {
	const res = await call('POST', '/creatify/api/links/', {
		headers: creatifyAuth,
		body: { url: 'https://shop.example.com/product/1' },
	});
	expect(res.status).toBe(200);
	return res.json.id as string;
}

afterEach(() => {
	// A handler that threw would have been answered as a provider 500 and could pass unnoticed.
	expect(sandbox.state.handlerErrors).toEqual([]);
});

describe('credentials', () => {
	it('exposes the credential data the nodes use, pointing at the sandbox', () => {
		const c = sandbox.credentials;
		expect(c.creatifyApi).toEqual({ ...SANDBOX_KEYS.creatify, baseUrl: `${sandbox.url}/creatify` });
		expect(c.sixtySecondsApi.baseUrl).toBe(`${sandbox.url}/sixtyseconds/v1`);
		expect(c.tiktokBusinessApi).toEqual({
			accessToken: SANDBOX_KEYS.tiktok.accessToken,
			environment: 'custom',
			baseUrl: `${sandbox.url}/tiktok`,
		});
		expect(c.genviralApi.baseUrl).toBe(`${sandbox.url}/genviral/api/partner/v1`);
	});

	it('rejects Creatify calls DRF-style and accepts the sandbox keys', async () => {
		const missing = await call('GET', '/creatify/api/remaining_credits/');
		expect(missing.status).toBe(401);
		expect(missing.json).toEqual({ detail: expect.any(String) });
		const wrong = await call('GET', '/creatify/api/remaining_credits/', {
			headers: { 'X-API-ID': SANDBOX_KEYS.creatify.apiId, 'X-API-KEY': 'nope' },
		});
		expect(wrong.status).toBe(401);
		const ok = await call('GET', '/creatify/api/remaining_credits/', { headers: creatifyAuth });
		expect(ok.json).toEqual({ remaining_credits: 1000 });
		expect(sandbox.requests({ provider: 'creatify' }).map((r) => r.auth)).toEqual([
			'missing',
			'invalid',
			'valid',
		]);
	});

	it('rejects SixtySeconds calls with 401 and an error object', async () => {
		const res = await call('GET', `${SS}/templates`, {
			headers: { Authorization: 'Bearer wrong' },
		});
		expect(res.status).toBe(401);
		expect(res.json.error.code).toBe('unauthorized');
		expect((await call('GET', `${SS}/templates`, { headers: sixtyAuth })).status).toBe(200);
	});

	it('answers TikTok auth problems with HTTP 200 and the documented codes', async () => {
		const code = async (path: string, token?: string) => {
			const res = await call('GET', `${TT}${path}`, {
				headers: token === undefined ? {} : { 'Access-Token': token },
				query: { page: '1' },
			});
			expect(res.status).toBe(200);
			expect(res.json).toEqual({
				code: expect.any(Number),
				message: expect.any(String),
				request_id: expect.any(String),
				data: expect.anything(),
			});
			return res.json.code as number;
		};
		expect(await code('/user/info/')).toBe(40104);
		expect(await code('/user/info/', 'Bearer sandbox-access-token')).toBe(40105);
		expect(await code('/user/info/', SANDBOX_KEYS.tiktok.expiredToken)).toBe(40102);
		expect(await code('/user/info/', SANDBOX_KEYS.tiktok.noPermissionToken)).toBe(0);
		expect(await code('/creative/digital_avatar/get/', SANDBOX_KEYS.tiktok.noPermissionToken)).toBe(
			40001,
		);
		expect(await code('/user/info/', SANDBOX_KEYS.tiktok.notAllowlistedToken)).toBe(0);
		expect(
			await code('/creative/digital_avatar/get/', SANDBOX_KEYS.tiktok.notAllowlistedToken),
		).toBe(40118);
		expect(await code('/creative/digital_avatar/get/', SANDBOX_KEYS.tiktok.accessToken)).toBe(0);
	});

	it('rejects Genviral keys with the documented envelope, plan and tier errors', async () => {
		const wrong = await call('GET', `${GV}/accounts`, {
			headers: { Authorization: 'Bearer abc.def' },
		});
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({
			ok: false,
			code: 401,
			message: expect.any(String),
			error_code: 'invalid_token',
		});
		const noPlan = await call('GET', `${GV}/accounts`, {
			headers: { Authorization: `Bearer ${SANDBOX_KEYS.genviral.noPlanKey}` },
		});
		expect([noPlan.status, noPlan.json.error_code]).toEqual([402, 'subscription_required']);
		const scheduler = { Authorization: `Bearer ${SANDBOX_KEYS.genviral.schedulerKey}` };
		const tier = await call('GET', `${GV}/slideshows`, { headers: scheduler });
		expect([tier.status, tier.json.error_code]).toEqual([403, 'tier_not_allowed']);
		expect((await call('GET', `${GV}/accounts`, { headers: scheduler })).status).toBe(200);
		const ok = await call('GET', `${GV}/accounts`, { headers: genviralAuth });
		expect(ok.json).toMatchObject({ ok: true, code: 200, data: { accounts: expect.any(Array) } });
	});

	it('never writes credential values into the request log', async () => {
		await call('GET', `${TT}/user/info/`, { headers: tiktokAuth });
		await call('GET', `${GV}/accounts`, { headers: genviralAuth });
		await call('GET', '/creatify/api/voices/', { headers: creatifyAuth });
		const log = JSON.stringify(sandbox.requests());
		for (const secret of [
			SANDBOX_KEYS.tiktok.accessToken,
			SANDBOX_KEYS.genviral.apiKey,
			SANDBOX_KEYS.creatify.apiKey,
		]) {
			expect(log).not.toContain(secret);
		}
	});
});

describe('TikTok conventions', () => {
	it('answers a path without its trailing slash with a plain HTTP 404', async () => {
		const res = await call('GET', `${TT}/user/info`, { headers: tiktokAuth });
		expect(res.status).toBe(404);
		expect(res.json).toBeUndefined();
		expect((await call('GET', `${TT}/user/info/`, { headers: tiktokAuth })).json.code).toBe(0);
	});

	it('requires JSON-encoded array query parameters (40002 otherwise)', async () => {
		const get = (taskIds: string) =>
			call('GET', `${TT}/creative/digital_avatar/video/task/get/`, {
				headers: tiktokAuth,
				query: { task_ids: taskIds },
			});
		expect((await get('123,456')).json.code).toBe(40002);
		expect((await get('"123"')).json.code).toBe(40002);
		expect((await get(j(['1', '2', '3', '4', '5', '6']))).json.code).toBe(40002);
		const ok = await get(j(['123']));
		expect(ok.json.code).toBe(0);
		expect(ok.json.data.list).toEqual([]);
		const filtering = await call('GET', `${TT}/creative/digital_avatar/video/list/`, {
			headers: tiktokAuth,
			query: { filtering: 'avatar_id=1' },
		});
		expect(filtering.json.code).toBe(40002);
	});

	it('validates refresh task parameters against the documented enums and limits', async () => {
		const videoId = await uploadTiktokVideo();
		const create = (body: Record<string, unknown>) =>
			call('POST', `${TT}/creative/aigc/refresh_video/task/create/`, {
				headers: tiktokAuth,
				body: { video_id: videoId, ...body },
			});
		const hook = { hook_type: 'EMOTIONAL', product_category: 'GAMES' };
		const bad = [
			{ video_refresh_strategy_list: ['SWAP_MUSIC', 'SWAP_MUSIC'] },
			{ video_refresh_strategy_list: ['ADD_HOOK'] },
			{ video_refresh_strategy_list: ['ADD_HOOK'], add_hook: { hook_type: 'EMOTIONAL' } },
			{
				video_refresh_strategy_list: ['ADD_HOOK'],
				add_hook: { ...hook, product_category: 'CONSUMER_ELECTRONICS_AND_ELECTRIC_ APPLIANCES' },
			},
			{ video_refresh_strategy_list: ['ADD_HOOK'], add_hook: { ...hook, hook_type: 'HOLIDAY' } },
			{
				video_refresh_strategy_list: ['ADD_HOOK'],
				add_hook: { ...hook, product_description: 'x'.repeat(3001) },
			},
		];
		for (const body of bad) {
			// Each request stays under the 1/s create limit: the clock moves on between them.
			sandbox.advanceTime(60_000);
			const res = await create(body);
			expect([res.json.code, typeof res.json.message]).toEqual([40002, 'string']);
		}
		sandbox.advanceTime(60_000);
		const ok = await create({
			video_refresh_strategy_list: ['ADD_HOOK'],
			add_hook: {
				...hook,
				product_category: 'CONSUMER_ELECTRONICS_AND_ELECTRIC_APPLIANCES',
				hook_type: 'HOLIDAY',
				holiday_theme: 'BOXING_DAY',
			},
		});
		expect(ok.json.code).toBe(0);
		expect(ok.json.data.task_ids).toHaveLength(1);
		sandbox.advanceTime(60_000);
		const unknownVideo = await call('POST', `${TT}/creative/aigc/refresh_video/task/create/`, {
			headers: tiktokAuth,
			body: { video_id: 'v_missing', video_refresh_strategy_list: ['SWAP_MUSIC'] },
		});
		expect(unknownVideo.json.code).toBe(40002);
	});

	it('rejects uploads the way TikTok does for unreachable, too large and non-video URLs', async () => {
		const upload = (videoUrl: string) =>
			call('POST', `${TT}/file/video/ad/upload/`, {
				headers: tiktokAuth,
				body: { upload_type: 'UPLOAD_BY_URL', use_scenario: 'AIGC', video_url: videoUrl },
			});
		expect((await upload('https://cdn.example.com/sandbox-unreachable/a.mp4')).json.code).toBe(
			40902,
		);
		expect((await upload('https://cdn.example.com/sandbox-too-large.mp4')).json.code).toBe(40907);
		expect((await upload('https://cdn.example.com/notes.txt')).json.code).toBe(40908);
		// Web pages, not video files: TikTok refuses what answers with text/html.
		for (const page of [
			'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
			'https://www.tiktok.com/@shop/video/7312345678901234567',
			'https://shop.example.com/product.html',
		])
			expect((await upload(page)).json).toMatchObject({
				code: 40908,
				message: expect.stringContaining('not text/*'),
			});
		expect((await upload('https://cdn.example.com/a.mp4')).json.code).toBe(0);
		expect(sandbox.state.tiktok.uploads).toHaveLength(1);
	});
});

describe('job lifecycles', () => {
	it('moves a digital avatar task SUBMITTED → PROCESSING → SUCCESS, with results only at the end', async () => {
		const created = await call('POST', `${TT}/creative/digital_avatar/video/task/create/`, {
			headers: tiktokAuth,
			body: {
				material_packages: [
					{ avatar_id: '7301881390801371138', script: 'Hello from the sandbox.' },
				],
			},
		});
		expect(created.json.code).toBe(0);
		const [pkg] = created.json.data.list;
		expect(pkg).toEqual({
			task_id: expect.stringMatching(/^\d+$/),
			package_id: null,
			error_msg: '',
		});

		const read = async () => {
			const res = await call('GET', `${TT}/creative/digital_avatar/video/task/get/`, {
				headers: tiktokAuth,
				query: { task_ids: j([pkg.task_id]) },
			});
			const [task] = res.json.data.list;
			if (task.status !== 'SUCCESS')
				expect([task.avatar_video_id, task.preview_url]).toEqual(['', '']);
			else expect(task.preview_url).toMatch(/\/files\/videos\/.+\.mp4\?bytes=\d+$/);
			expect(task.video_name).toMatch(/^project-\d{14}-[A-Za-z]{3}$/);
			return task.status as string;
		};
		// 150 ms steps over a 1000 ms job (and under TikTok's 10 requests per second).
		expect(await statusesOverTime(read, 150, 9)).toEqual(['SUBMITTED', 'PROCESSING', 'SUCCESS']);
	});

	it('moves a Creatify video pending → in_queue → running → done and charges credits', async () => {
		const link = await createCreatifyLink();
		const created = await call('POST', '/creatify/api/link_to_videos/', {
			headers: creatifyAuth,
			body: {
				link,
				video_length: 30,
				aspect_ratio: '9x16',
				script_style: '2025Hook',
				caption_style: 'black-block',
			},
		});
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({ status: 'pending', video_output: null, credits_used: 5 });
		const read = async () => {
			const res = await call('GET', `/creatify/api/link_to_videos/${created.json.id}/`, {
				headers: creatifyAuth,
			});
			if (res.json.status === 'done') {
				expect(res.json.video_output).toMatch(/\/files\/videos\//);
				expect(res.json.duration).toBe(30);
			}
			return res.json.status as string;
		};
		expect(await statusesOverTime(read, 100, 12)).toEqual([
			'pending',
			'in_queue',
			'running',
			'done',
		]);
		expect(
			(await call('GET', '/creatify/api/remaining_credits/', { headers: creatifyAuth })).json,
		).toEqual({ remaining_credits: 995 });
	});

	it('fills Creatify previews while the status is still pending, then renders the chosen one', async () => {
		const link = await createCreatifyLink();
		const created = await call('POST', '/creatify/api/link_to_videos/preview_list_async/', {
			headers: creatifyAuth,
			body: {
				link,
				visual_styles: ['FullScreenTemplate', 'AvatarBubbleTemplate'],
				aspect_ratios: ['9x16', '1x1'],
			},
		});
		expect(created.json.previews).toEqual([]);
		sandbox.advanceTime(1000);
		const ready = await call('GET', `/creatify/api/link_to_videos/${created.json.id}/`, {
			headers: creatifyAuth,
		});
		expect(ready.json.status).toBe('pending');
		expect(ready.json.previews).toHaveLength(4);
		const chosen = ready.json.previews[3];
		const render = await call(
			'POST',
			`/creatify/api/link_to_videos/${created.json.id}/render_single_preview/`,
			{
				headers: creatifyAuth,
				body: { media_job: chosen.media_job },
			},
		);
		expect(render.json).toMatchObject({
			media_job: chosen.media_job,
			visual_style: chosen.visual_style,
		});
		sandbox.advanceTime(1000);
		const done = await call('GET', `/creatify/api/link_to_videos/?ids=${created.json.id}`, {
			headers: creatifyAuth,
		});
		expect(done.json.map((v: { status: string }) => v.status)).toEqual(['done']);
	});

	it('moves a SixtySeconds video processing → published', async () => {
		const created = await call('POST', `${SS}/videos`, {
			headers: sixtyAuth,
			body: {
				title: 'Welcome Sarah',
				template_id: 'tmpl_welcome_message',
				customer_data: { first_name: 'Sarah' },
			},
		});
		expect(created.status).toBe(201);
		expect(created.json).toMatchObject({
			id: expect.stringMatching(/^vid_/),
			status: 'processing',
			aspect_ratio: '9:16',
		});
		const read = async () =>
			(await call('GET', `${SS}/videos/${created.json.id}`, { headers: sixtyAuth })).json
				.status as string;
		expect(await statusesOverTime(read, 250, 5)).toEqual(['processing', 'published']);
		const video = (await call('GET', `${SS}/videos/${created.json.id}`, { headers: sixtyAuth }))
			.json;
		expect(video.url).toMatch(/\/files\/videos\/vid_/);
		expect(video.analytics).toEqual(expect.objectContaining({ views: expect.any(Number) }));
	});

	it('fails a job whose name carries the sandbox-fail marker, with a reason', async () => {
		const created = await call('POST', `${TT}/creative/digital_avatar/video/task/create/`, {
			headers: tiktokAuth,
			body: {
				material_packages: [
					{
						avatar_id: '7301881390801371138',
						script: 'Works.',
						video_name: 'ok',
						package_id: 'p1',
					},
					{
						avatar_id: '7301881390801371138',
						script: 'Fails.',
						video_name: 'sandbox-fail demo',
						package_id: 'p2',
					},
					{ avatar_id: '999', script: 'Unknown avatar.', package_id: 'p3' },
				],
			},
		});
		const list = created.json.data.list;
		expect(list.map((p: { package_id: string }) => p.package_id)).toEqual(['p1', 'p2', 'p3']);
		expect(list[2]).toMatchObject({ task_id: '', error_msg: expect.stringContaining('999') });
		sandbox.advanceTime(1000);
		const res = await call('GET', `${TT}/creative/digital_avatar/video/task/get/`, {
			headers: tiktokAuth,
			query: { task_ids: j([list[0].task_id, list[1].task_id]) },
		});
		expect(res.json.data.list.map((t: { status: string }) => t.status)).toEqual([
			'SUCCESS',
			'FAILED',
		]);
		expect(res.json.data.list[1].error_msg).toEqual(expect.any(String));
	});

	it('creates 4 refresh tasks for a RECOMMENDED hook and lists their videos once they succeed', async () => {
		const videoId = await uploadTiktokVideo();
		const created = await call('POST', `${TT}/creative/aigc/refresh_video/task/create/`, {
			headers: tiktokAuth,
			body: {
				video_id: videoId,
				video_refresh_strategy_list: ['ADD_HOOK', 'SWAP_MUSIC'],
				add_hook: {
					hook_type: 'RECOMMENDED',
					product_category: 'GAMES',
					product_description: 'A puzzle game.',
				},
			},
		});
		const ids: string[] = created.json.data.task_ids;
		expect(ids).toHaveLength(4);
		expect(sandbox.state.tiktok.refreshTasks.map((t) => t.hook_type).sort()).toEqual([
			'BILLO',
			'COMMENT',
			'EMOTIONAL',
			'TEXT_TO_VIDEO',
		]);

		const list = (query: Record<string, string>) =>
			call('GET', `${TT}/creative/aigc/video/list/`, { headers: tiktokAuth, query });
		expect((await list({ aigc_video_types: j(['REFRESH_VIDEO']) })).json.data).toEqual({});
		// Without aigc_video_type only dubbing tasks come back: none of ours.
		const withoutType = await call('GET', `${TT}/creative/aigc/video/task/list/`, {
			headers: tiktokAuth,
			query: { task_ids: j(ids) },
		});
		expect(withoutType.json.data.list).toEqual([]);

		sandbox.advanceTime(1000);
		const tasks = await call('GET', `${TT}/creative/aigc/video/task/list/`, {
			headers: tiktokAuth,
			query: { aigc_video_type: 'REFRESH_VIDEO', task_ids: j(ids) },
		});
		expect(tasks.json.data.list.map((t: { status: string }) => t.status)).toEqual([
			'SUCCESS',
			'SUCCESS',
			'SUCCESS',
			'SUCCESS',
		]);
		expect(tasks.json.data.list[0].video_name).toMatch(/^refresh_video-\d{14}-[A-Za-z]{3}$/);
		const videos = await list({
			aigc_video_types: j(['REFRESH_VIDEO']),
			page: '2',
			page_size: '3',
		});
		expect(videos.json.data.list).toHaveLength(1);
		expect(videos.json.data.page_info).toEqual({
			page: 2,
			page_size: 3,
			total_number: 4,
			total_page: 2,
		});
	});
});

describe('pagination', () => {
	it('pages through the sample TikTok avatars', async () => {
		const first = await call('GET', `${TT}/creative/digital_avatar/get/`, { headers: tiktokAuth });
		expect(first.json.data.list).toHaveLength(10);
		const total = first.json.data.page_info.total_number;
		expect(total).toBeGreaterThanOrEqual(80);
		expect(first.json.data.page_info).toEqual({
			page: 1,
			page_size: 10,
			total_number: total,
			total_page: Math.ceil(total / 10),
		});
		const last = await call('GET', `${TT}/creative/digital_avatar/get/`, {
			headers: tiktokAuth,
			query: { page: String(Math.ceil(total / 100)), page_size: '100' },
		});
		expect(last.json.data.list).toHaveLength(total % 100 || 100);
		expect(last.json.data.list[0].avatar_thumbnail.startsWith(sandbox.url)).toBe(true);
		const tooBig = await call('GET', `${TT}/creative/digital_avatar/get/`, {
			headers: tiktokAuth,
			query: { page_size: '101' },
		});
		expect(tooBig.json.code).toBe(40002);
	});

	it('pages SixtySeconds videos, Creatify links and Genviral slideshows in their own styles', async () => {
		for (let i = 0; i < 3; i++) {
			await call('POST', `${SS}/videos`, {
				headers: sixtyAuth,
				body: { title: `Video ${i}`, template_id: 'tmpl_product_demo', customer_data: {} },
			});
			await createCreatifyLink();
		}
		const ss = await call('GET', `${SS}/videos`, {
			headers: sixtyAuth,
			query: { page: '2', limit: '2' },
		});
		expect(ss.json.data).toHaveLength(1);
		expect(ss.json.pagination).toEqual({
			total: 3,
			page: 2,
			limit: 2,
			next_page: null,
			prev_page: 1,
		});
		expect(
			(await call('GET', `${SS}/videos`, { headers: sixtyAuth, query: { limit: '101' } })).status,
		).toBe(400);

		const cf = await call('GET', '/creatify/api/links/paginated/', {
			headers: creatifyAuth,
			query: { page: '1', limit: '2' },
		});
		expect(cf.json).toMatchObject({ count: 3, previous: null, results: expect.any(Array) });
		expect(cf.json.next).toContain('page=2');
		expect(
			(
				await call('GET', '/creatify/api/links/paginated/', {
					headers: creatifyAuth,
					query: { page: '9' },
				})
			).status,
		).toBe(404);

		const gv = await call('GET', `${GV}/slideshows`, {
			headers: genviralAuth,
			query: { limit: '1', offset: '1' },
		});
		expect(gv.json.data).toMatchObject({ limit: 1, offset: 1, total: expect.any(Number) });
		expect(gv.json.data.slideshows).toHaveLength(1);
	});
});

describe('faults', () => {
	it('replaces an answer with a provider-shaped HTTP error, once by default', async () => {
		sandbox.injectFault({ provider: 'genviral', path: '/accounts', type: 'http', status: 503 });
		const faulted = await call('GET', `${GV}/accounts`, { headers: genviralAuth });
		expect(faulted.status).toBe(503);
		expect(faulted.json).toMatchObject({ ok: false, code: 503, error_code: expect.any(String) });
		expect((await call('GET', `${GV}/accounts`, { headers: genviralAuth })).status).toBe(200);
		expect(sandbox.requests({ provider: 'genviral' }).map((r) => r.fault)).toEqual(['http', null]);
	});

	it('answers with a TikTok code, a rate-limit answer or a malformed body', async () => {
		sandbox.injectFault({ provider: 'tiktok', type: 'tiktokCode', code: 50002 });
		const coded = await call('GET', `${TT}/user/info/`, { headers: tiktokAuth });
		expect([coded.status, coded.json.code]).toEqual([200, 50002]);

		sandbox.injectFault({ provider: 'tiktok', type: 'rateLimit' });
		expect((await call('GET', `${TT}/user/info/`, { headers: tiktokAuth })).json.code).toBe(40100);
		sandbox.injectFault({ provider: 'creatify', type: 'rateLimit' });
		const throttled = await call('GET', '/creatify/api/voices/', { headers: creatifyAuth });
		expect(throttled.status).toBe(429);
		expect(throttled.headers['retry-after']).toBeDefined();

		sandbox.injectFault({ provider: 'sixtyseconds', type: 'malformed' });
		const malformed = await call('GET', `${SS}/templates`, { headers: sixtyAuth });
		expect(malformed.status).toBe(200);
		expect(malformed.json).toBeUndefined();
		expect(() => JSON.parse(malformed.text)).toThrow();
	});

	it('delays a slow answer and still answers normally', async () => {
		sandbox.injectFault({ provider: 'tiktok', type: 'slow', delayMs: 30 });
		const res = await call('GET', `${TT}/user/info/`, { headers: tiktokAuth });
		expect(res.json.code).toBe(0);
		expect(sandbox.requests({ provider: 'tiktok' })[0]).toMatchObject({
			fault: 'slow',
			status: 200,
		});
	});

	it('drops a connection before handling: nothing is created', async () => {
		sandbox.injectFault({
			provider: 'sixtyseconds',
			method: 'POST',
			path: '/videos',
			type: 'drop',
		});
		await expect(
			call('POST', `${SS}/videos`, {
				headers: sixtyAuth,
				body: { title: 'x', template_id: 'tmpl_thank_you', customer_data: {} },
			}),
		).rejects.toThrow();
		expect(sandbox.state.sixtyseconds.videos).toHaveLength(0);
	});

	it('drops a connection after handling: the paid job exists although the client saw no answer', async () => {
		sandbox.injectFault({
			provider: 'tiktok',
			path: '/digital_avatar/video/task/create/',
			type: 'dropAfterProcessing',
		});
		await expect(
			call('POST', `${TT}/creative/digital_avatar/video/task/create/`, {
				headers: tiktokAuth,
				body: {
					material_packages: [
						{ avatar_id: '7301881390801371138', script: 'Accepted but unanswered.' },
					],
				},
			}),
		).rejects.toThrow();
		expect(sandbox.state.tiktok.avatarTasks).toHaveLength(1);
		const [entry] = sandbox.requests({ provider: 'tiktok' });
		expect(entry).toMatchObject({ fault: 'dropAfterProcessing', status: 200, code: 0 });
	});

	it('leaves jobs out of a status answer with missing: an empty list, or the 404 of a single read', async () => {
		const created = await call('POST', `${TT}/creative/digital_avatar/video/task/create/`, {
			headers: tiktokAuth,
			body: {
				material_packages: [{ avatar_id: '7301881390801371138', script: 'Hidden for now.' }],
			},
		});
		const taskIds = j([created.json.data.list[0].task_id]);
		const read = () =>
			call('GET', `${TT}/creative/digital_avatar/video/task/get/`, {
				headers: tiktokAuth,
				query: { task_ids: taskIds },
			});
		sandbox.injectFault({ provider: 'tiktok', path: '/task/get/', type: 'missing' });
		expect((await read()).json).toMatchObject({ code: 0, data: { list: [] } });
		expect((await read()).json.data.list).toHaveLength(1);

		const video = await call('POST', `${SS}/videos`, {
			headers: sixtyAuth,
			body: { title: 'x', template_id: 'tmpl_thank_you', customer_data: {} },
		});
		sandbox.injectFault({ provider: 'sixtyseconds', method: 'GET', type: 'missing' });
		const missing = await call('GET', `${SS}/videos/${video.json.id}`, { headers: sixtyAuth });
		expect(missing.status).toBe(404);
		expect(sandbox.requests({ provider: 'sixtyseconds' }).map((entry) => entry.fault)).toEqual([
			null,
			'missing',
		]);
	});

	it('stalls with stall: the work is done and the headers sent, then nothing until the client gives up', async () => {
		sandbox.injectFault({ provider: 'sixtyseconds', method: 'POST', type: 'stall' });
		const answer = await request(`${sandbox.url}${SS}/videos`, {
			method: 'POST',
			headers: { ...sixtyAuth, 'Content-Type': 'application/json' },
			body: JSON.stringify({ title: 'x', template_id: 'tmpl_thank_you', customer_data: {} }),
			bodyTimeout: 300,
		});
		expect(answer.statusCode).toBe(201);
		await expect(answer.body.text()).rejects.toThrow();
		expect(sandbox.state.sixtyseconds.videos).toHaveLength(1);

		sandbox.injectFault({ provider: 'files', type: 'stall' });
		const download = await request(`${sandbox.url}/files/videos/a.mp4?bytes=100000`, {
			bodyTimeout: 300,
		});
		expect(download.headers['content-length']).toBe('100000');
		let received = 0;
		const reading = (async () => {
			for await (const chunk of download.body) received += (chunk as Buffer).length;
		})();
		await expect(reading).rejects.toThrow();
		expect(received).toBe(50_000);
		await sandbox.whenIdle();
	});

	it('is driven over HTTP by another process through /__sandbox', async () => {
		const added = await call('POST', '/__sandbox/faults', {
			body: { provider: 'creatify', type: 'http', status: 500, times: 2 },
		});
		expect(added.status).toBe(201);
		expect((await call('GET', '/creatify/api/voices/', { headers: creatifyAuth })).status).toBe(
			500,
		);
		expect((await call('DELETE', '/__sandbox/faults')).status).toBe(200);
		expect((await call('GET', '/creatify/api/voices/', { headers: creatifyAuth })).status).toBe(
			200,
		);
		const stats = (await call('GET', '/__sandbox/stats')).json;
		expect(stats.byEndpoint['GET /api/voices/']).toBe(2);
		const log = (await call('GET', '/__sandbox/requests', { query: { provider: 'creatify' } }))
			.json;
		expect(log).toHaveLength(2);
		expect((await call('POST', '/__sandbox/faults', { body: { type: 'explode' } })).status).toBe(
			400,
		);
		expect((await call('POST', '/__sandbox/reset')).status).toBe(200);
		expect((await call('GET', '/__sandbox/stats')).json.total).toBe(0);
	});
});

describe('rate limits', () => {
	it('counts requests over the TikTok global limit per token and answers 40100', async () => {
		// The manual clock stands still, so all 12 requests fall into the same second.
		const codes: number[] = [];
		for (let i = 0; i < 12; i++)
			codes.push((await call('GET', `${TT}/user/info/`, { headers: tiktokAuth })).json.code);
		expect(codes.filter((c) => c === 0)).toHaveLength(10);
		expect(codes.slice(10)).toEqual([40100, 40100]);
		const stats = sandbox.stats();
		expect(stats.rateViolations).toBe(2);
		expect(stats.violations[0]).toMatchObject({
			provider: 'tiktok',
			limit: 10,
			windowMs: 1000,
			enforced: true,
		});
		expect(sandbox.requests({ provider: 'tiktok' }).filter((r) => r.rateLimited)).toHaveLength(2);
		sandbox.advanceTime(1000);
		expect((await call('GET', `${TT}/user/info/`, { headers: tiktokAuth })).json.code).toBe(0);
	});

	it('applies the refresh create limit of 1 per second and 5 per minute', async () => {
		const videoId = await uploadTiktokVideo();
		const create = () =>
			call('POST', `${TT}/creative/aigc/refresh_video/task/create/`, {
				headers: tiktokAuth,
				body: { video_id: videoId, video_refresh_strategy_list: ['SWAP_MUSIC'] },
			});
		expect((await create()).json.code).toBe(0);
		expect((await create()).json.code).toBe(40100);
		for (let i = 0; i < 4; i++) {
			sandbox.advanceTime(1000);
			expect((await create()).json.code).toBe(0);
		}
		sandbox.advanceTime(1000);
		expect((await create()).json.code).toBe(40100);
		expect(sandbox.stats().violations.map((v) => v.limit)).toEqual([1, 5]);
		expect(sandbox.state.tiktok.refreshTasks).toHaveLength(5);
	});

	it('only records violations when enforcement is off, and applies configured limits to other providers', async () => {
		sandbox.configure({ enforceRateLimits: false });
		for (let i = 0; i < 11; i++)
			expect((await call('GET', `${TT}/user/info/`, { headers: tiktokAuth })).json.code).toBe(0);
		expect(sandbox.stats().rateViolations).toBe(1);

		sandbox.configure({
			enforceRateLimits: true,
			rateLimits: { genviral: [{ limit: 1, windowMs: 1000 }] },
		});
		expect((await call('GET', `${GV}/accounts`, { headers: genviralAuth })).status).toBe(200);
		const limited = await call('GET', `${GV}/accounts`, { headers: genviralAuth });
		expect([limited.status, limited.json.error_code]).toEqual([429, 'rate_limited']);
		sandbox.configure({ rateLimits: { genviral: null } });
	});
});

describe('media', () => {
	it('streams a large generated video with the announced Content-Length', async () => {
		const bytes = 48 * 1024 * 1024 + 7;
		const res = await request(sandbox.videoUrl(bytes, 'big'));
		expect(res.statusCode).toBe(200);
		expect(res.headers['content-type']).toBe('video/mp4');
		expect(Number(res.headers['content-length'])).toBe(bytes);
		let received = 0;
		let head = '';
		for await (const chunk of res.body) {
			if (head.length < 12) head += Buffer.from(chunk).toString('latin1');
			received += chunk.length;
		}
		expect(received).toBe(bytes);
		expect(head.slice(4, 8)).toBe('ftyp');
	});

	/** The top-level MP4 boxes of a body: [type, size] in order (64-bit sizes read too). */
	function topLevelBoxes(body: Buffer): Array<[string, number]> {
		const boxes: Array<[string, number]> = [];
		let offset = 0;
		while (offset + 8 <= body.length) {
			let size = body.readUInt32BE(offset);
			const type = body.toString('latin1', offset + 4, offset + 8);
			if (size === 1) size = Number(body.readBigUInt64BE(offset + 8));
			if (size < 8) break;
			boxes.push([type, size]);
			offset += size;
		}
		expect(offset).toBe(body.length);
		return boxes;
	}

	it('serves videos that play: a real MP4 clip, padded to the size asked for with a free box', async () => {
		for (const bytes of [undefined, 200_000, 5 * 1024 * 1024]) {
			const res = await request(
				bytes === undefined
					? `${sandbox.url}/files/videos/clip.mp4`
					: sandbox.videoUrl(bytes, 'clip'),
			);
			const body = Buffer.from(await res.body.arrayBuffer());
			expect(body.length).toBe(bytes ?? 256 * 1024);
			const types = topLevelBoxes(body).map(([type]) => type);
			// ftyp first, the movie header and the media data, then the padding.
			expect(types[0]).toBe('ftyp');
			expect(types).toEqual(expect.arrayContaining(['moov', 'mdat']));
			expect(types.at(-1)).toBe('free');
		}
	});

	it('serves images that show: a real JPEG and PNG, not a single pixel', async () => {
		const jpeg = Buffer.from(
			await (await request(`${sandbox.url}/files/images/a.jpg`)).body.arrayBuffer(),
		);
		expect(jpeg.subarray(0, 3).toString('hex')).toBe('ffd8ff');
		expect(jpeg.length).toBeGreaterThan(2000);
		const png = Buffer.from(
			await (await request(`${sandbox.url}/files/images/a.png`)).body.arrayBuffer(),
		);
		expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
		// IHDR width and height.
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([160, 160]);
	});
});

describe('Genviral copy-tiktok import', () => {
	const photoUrl = 'https://www.tiktok.com/@creator/photo/7499123456789012345';
	const importBody = {
		url: photoUrl,
		pack_id: GENVIRAL_IDS.packWithImages,
		title: 'Copied Hook Variant',
	};

	it('imports the seed example as a draft, reusing the cached preview and charging credits', async () => {
		const preview = await call('POST', `${GV}/slideshows/copy-tiktok/preview`, {
			headers: genviralAuth,
			body: { url: photoUrl },
		});
		expect(preview.json.data).toMatchObject({
			preview_id: expect.any(String),
			slide_count: expect.any(Number),
			capped: expect.any(Boolean),
		});
		const res = await call('POST', `${GV}/slideshows/copy-tiktok/import`, {
			headers: genviralAuth,
			body: { ...importBody, preview_id: preview.json.data.preview_id },
		});
		expect(res.status).toBe(201);
		expect(res.json).toMatchObject({
			ok: true,
			code: 201,
			data: {
				slideshow: { title: 'Copied Hook Variant', status: 'draft' },
				source_url: photoUrl,
				used_cached_preview: true,
			},
		});
		expect(res.json.data.slide_count).toBeLessThanOrEqual(8);
		expect(sandbox.state.genviral.credits.used_this_period).toBe(res.json.data.credits_used);
		const draft = await call('GET', `${GV}/slideshows/${res.json.data.slideshow.id}`, {
			headers: genviralAuth,
		});
		expect(draft.json.data.slides).toHaveLength(res.json.data.slide_count);
		expect(draft.json.data.slides[0].image_url.startsWith(`${sandbox.url}/files/images/`)).toBe(
			true,
		);
	});

	const cases: Array<[string, number, string, Record<string, unknown> | string]> = [
		['invalid_json', 400, 'body is not JSON', '{"url": '],
		['invalid_payload', 422, 'url missing', { pack_id: GENVIRAL_IDS.packWithImages }],
		[
			'invalid_tiktok_url',
			422,
			'not a TikTok host',
			{ ...importBody, url: 'https://example.com/@a/photo/1' },
		],
		[
			'not_slideshow',
			422,
			'a /video/ post',
			{ ...importBody, url: 'https://www.tiktok.com/@creator/video/7499123456789012345' },
		],
		[
			'pack_not_found',
			404,
			'unknown pack',
			{ ...importBody, pack_id: '99999999-9999-4999-8999-999999999999' },
		],
		['pack_empty', 422, 'empty pack', { ...importBody, pack_id: GENVIRAL_IDS.packEmpty }],
		[
			'pack_source_conflict',
			422,
			'pack_id and pack_images',
			{ ...importBody, pack_images: ['https://img.example.com/1.jpg'] },
		],
		[
			'product_not_found',
			404,
			'unknown product',
			{ ...importBody, product_id: '99999999-9999-4999-8999-999999999999' },
		],
		[
			'forbidden_product_access',
			403,
			"another workspace's product",
			{ ...importBody, product_id: GENVIRAL_IDS.productOtherWorkspace },
		],
		[
			'rate_limited',
			429,
			'rate-limit marker',
			{ ...importBody, url: `${photoUrl}?x=sandbox-rate-limit` },
		],
		[
			'tiktok_fetch_failed',
			502,
			'fetch-fail marker',
			{ ...importBody, url: `${photoUrl}?x=sandbox-fetch-fail` },
		],
		[
			'upstream_config_error',
			500,
			'upstream-config marker',
			{ ...importBody, url: `${photoUrl}?x=sandbox-upstream-config` },
		],
		['import_failed', 500, 'import-fail marker', { ...importBody, title: 'sandbox-import-fail' }],
	];

	it.each(cases)('answers %s (%i) for %s', async (errorCode, status, _why, body) => {
		const res = await call('POST', `${GV}/slideshows/copy-tiktok/import`, {
			headers: genviralAuth,
			...(typeof body === 'string' ? { rawBody: body } : { body }),
		});
		expect(res.status).toBe(status);
		expect(res.json).toEqual({
			ok: false,
			code: status,
			message: expect.any(String),
			error_code: errorCode,
		});
		expect(sandbox.state.genviral.credits.used_this_period).toBe(0);
	});

	it('answers insufficient_credits (402) when the period has no credits left', async () => {
		sandbox.configure({ genviralCredits: 0 });
		const res = await call('POST', `${GV}/slideshows/copy-tiktok/import`, {
			headers: genviralAuth,
			body: importBody,
		});
		expect([res.status, res.json.error_code]).toEqual([402, 'insufficient_credits']);
	});
});

describe('Creatify webhooks', () => {
	it('posts the documented payload once when the render finishes', async () => {
		const link = await createCreatifyLink();
		// The sandbox's own /files serves as receiver: the POST shows up in the request log (answered 405).
		const receiver = `${sandbox.url}/files/text/webhook-receiver.txt`;
		const created = await call('POST', '/creatify/api/link_to_videos/', {
			headers: creatifyAuth,
			body: { link, webhook_url: receiver },
		});
		const delivered = () => sandbox.requests({ provider: 'files', method: 'POST' }).length;
		sandbox.advanceTime(500);
		await call('GET', '/__sandbox/stats');
		expect(delivered()).toBe(0);
		sandbox.advanceTime(500);
		// The POST leaves asynchronously; every request below gives it a turn of the event loop.
		for (let i = 0; i < 200 && delivered() === 0; i++) await call('GET', '/__sandbox/stats');
		sandbox.advanceTime(5000);
		await call('GET', `/creatify/api/link_to_videos/${created.json.id}/`, {
			headers: creatifyAuth,
		});
		expect(delivered()).toBe(1);
		const hooks = sandbox.state.creatify.webhooks;
		expect(hooks).toHaveLength(1);
		expect(hooks[0].payload).toEqual({
			id: created.json.id,
			status: 'done',
			failed_reason: null,
			video_output: expect.stringContaining(`${sandbox.url}/files/videos/`),
			video_thumbnail: expect.stringContaining(`${sandbox.url}/files/images/`),
		});
	});
});

describe('Creatify validation', () => {
	it('reports field errors DRF-style and scrape failures as a JSON array of strings', async () => {
		const link = await createCreatifyLink();
		const bad = await call('POST', '/creatify/api/link_to_videos/', {
			headers: creatifyAuth,
			body: {
				link,
				video_length: 45,
				aspect_ratio: '9:16',
				voiceover_volume: 1.5,
				webhook_url: `https://h.example.com/${'x'.repeat(200)}`,
			},
		});
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.json).sort()).toEqual([
			'aspect_ratio',
			'video_length',
			'voiceover_volume',
			'webhook_url',
		]);
		const scrape = await call('POST', '/creatify/api/links/', {
			headers: creatifyAuth,
			body: { url: 'https://shop.example.com/sandbox-unscrapable' },
		});
		expect(scrape.status).toBe(400);
		expect(scrape.json).toEqual([expect.stringContaining('Failed to scrape url')]);
		// Not product pages: a social-media video, a video page, a media file. Refused before any credit is spent.
		for (const url of [
			'https://www.tiktok.com/@shop/video/7312345678901234567',
			'https://youtu.be/dQw4w9WgXcQ',
			'https://cdn.shop.example.com/ad.mp4',
		]) {
			const page = await call('POST', '/creatify/api/links/', {
				headers: creatifyAuth,
				body: { url },
			});
			expect(page.status).toBe(400);
			expect(page.json).toEqual([`Failed to scrape url: ${url}`]);
		}
		const shop = await call('POST', '/creatify/api/links/', {
			headers: creatifyAuth,
			body: { url: 'https://www.tiktokshop-example.com/products/kettle' },
		});
		expect(shop.status).toBe(200);
	});

	it('rejects renders once the account has no credits left', async () => {
		const link = await createCreatifyLink();
		sandbox.configure({ creatifyCredits: 0 });
		const res = await call('POST', '/creatify/api/link_to_videos/', {
			headers: creatifyAuth,
			body: { link },
		});
		expect(res.status).toBe(400);
		expect(res.json).toEqual([expect.stringContaining('Insufficient credits')]);
		expect(sandbox.state.creatify.videos).toHaveLength(0);
	});
});

describe('sample data', () => {
	const links = async (base: string) =>
		(
			await request(`${base}/creatify/api/links/`, { headers: creatifyAuth })
		).body.json() as Promise<
			Array<{ id: string; title: string; url: string; image_urls: string[] }>
		>;

	it('starts an account without links by default', async () => {
		expect(await links(sandbox.url)).toEqual([]);
	});

	it('starts, and resets, with three Creatify links that can be read and used', async () => {
		const seeded = await startSandbox({ sampleData: true });
		try {
			const listed = await links(seeded.url);
			expect(listed.map((link) => link.title)).toEqual([
				'Stainless Steel Electric Kettle',
				'Bamboo Desk Organizer',
				'Wireless Sport Earbuds',
			]);
			expect(listed[0].image_urls[0].startsWith(`${seeded.url}/files/images/`)).toBe(true);
			const one = await request(`${seeded.url}/creatify/api/links/${listed[1].id}/`, {
				headers: creatifyAuth,
			});
			expect(one.statusCode).toBe(200);
			await one.body.dump();
			const video = await request(`${seeded.url}/creatify/api/link_to_videos/`, {
				method: 'POST',
				headers: { ...creatifyAuth, 'Content-Type': 'application/json' },
				body: JSON.stringify({ link: listed[0].id }),
			});
			expect(video.statusCode).toBe(200);
			await video.body.dump();
			seeded.reset();
			expect((await links(seeded.url)).map((link) => link.id)).toEqual(
				listed.map((link) => link.id),
			);
		} finally {
			await seeded.close();
		}
	});
});

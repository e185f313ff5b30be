/**
 * The TikTok transport over real HTTP, inside n8n's real engine (through the test-only transport probe node),
 * against the provider sandbox. Only what the TikTok node tests do not already cover: user/info, upload-by-URL
 * errors, JSON-encoded query parameters, the trailing slash, errors inside an HTTP 200 envelope, unreadable bodies,
 * dropped connections, 5xx, rate-limit codes and the credential test's token codes.
 * Tasks move on the sandbox's manual clock; each test stays well under the sandbox's 10 requests per second.
 */
import type { IDataObject } from 'n8n-workflow';

import { TiktokBusinessApi } from '../../../credentials/TiktokBusinessApi.credentials';
import { TikTokDigitalAvatar } from '../../../nodes/TikTokDigitalAvatar/TikTokDigitalAvatar.node';
import { testCredential } from '../../helpers/n8nContext';
import { useSandbox } from '../../helpers/sandboxSuite';
import { probe, transportCalls } from '../../helpers/transportProbe';
import { SANDBOX_KEYS } from '../../sandbox';

const API = '/open_api/v1.3';
const UPLOAD = '/file/video/ad/upload/';
const AVATAR_ID = '7301881390801371138';
const TASK_MS = 1000;
const BAD_TOKEN = 'wrong-tiktok-token';
const REQUEST_ID_RE = /^\d{14}\d{6}[0-9A-F]{8}$/;

const sandbox = useSandbox({
	manualClock: true,
	durations: { tiktokAvatar: { minMs: TASK_MS, maxMs: TASK_MS } },
});
const { credentials, ok, failing, lastRequest } = transportCalls(sandbox, 'tiktok');

const uploadBody = (videoUrl: string): IDataObject => ({
	upload_type: 'UPLOAD_BY_URL',
	use_scenario: 'AIGC',
	video_url: videoUrl,
});

describe('requests', () => {
	it('reads user/info, adding the trailing slash and sending the token in Access-Token', async () => {
		const data = await ok({ endpoint: '/user/info' });
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: `${API}/user/info/`,
			query: {},
			auth: 'valid',
			status: 200,
			code: 0,
		});
		// The envelope's data, not the envelope.
		expect(data).toMatchObject({ display_name: 'Sandbox Advertiser' });
		expect(data).not.toHaveProperty('request_id');
	});

	it('uploads a video by URL for AIGC and returns its video_id', async () => {
		const body = uploadBody(sandbox.videoUrl(100_000, 'ad.mp4'));
		const data = await ok({ method: 'POST', endpoint: UPLOAD, body });
		expect(lastRequest()).toMatchObject({ method: 'POST', path: `${API}${UPLOAD}`, body, code: 0 });
		expect(data).toEqual({ video_id: expect.stringMatching(/^v10033g50000/) });
	});

	it('JSON-encodes array and object query parameters and leaves numbers and strings alone', async () => {
		const created = await ok({
			method: 'POST',
			endpoint: '/creative/digital_avatar/video/task/create/',
			body: {
				material_packages: [
					{ avatar_id: AVATAR_ID, script: 'First script.', video_name: 'first' },
					{ avatar_id: AVATAR_ID, script: 'Second script.', video_name: 'second' },
				],
			},
		});
		const taskIds = (created.list as IDataObject[]).map((task) => String(task.task_id));
		expect(taskIds).toHaveLength(2);

		sandbox.advanceTime(TASK_MS);
		const tasks = await ok({
			endpoint: '/creative/digital_avatar/video/task/get/',
			qs: { task_ids: taskIds, unused: '', missing: null },
		});
		expect(lastRequest().query).toEqual({ task_ids: JSON.stringify(taskIds) });
		expect((tasks.list as IDataObject[]).map((task) => task.status)).toEqual([
			'SUCCESS',
			'SUCCESS',
		]);

		const videos = await ok({
			endpoint: '/creative/digital_avatar/video/list/',
			qs: { filtering: { avatar_id: AVATAR_ID }, page: 1, page_size: 5 },
		});
		expect(lastRequest().query).toEqual({
			filtering: `{"avatar_id":"${AVATAR_ID}"}`,
			page: '1',
			page_size: '5',
		});
		expect((videos.list as IDataObject[]).map((video) => video.video_name).sort()).toEqual([
			'first',
			'second',
		]);

		await ok({
			endpoint: '/creative/aigc/video/list/',
			qs: { aigc_video_types: ['REFRESH_VIDEO'], page: 1, page_size: 10 },
		});
		expect(lastRequest()).toMatchObject({
			query: { aigc_video_types: '["REFRESH_VIDEO"]', page: '1', page_size: '10' },
			code: 0,
		});
	});
});

describe('upload by URL errors', () => {
	it.each([
		[40902, 'unreachable', 'sandbox-unreachable.mp4'],
		[40907, 'too large', 'sandbox-too-large.mp4'],
		[40908, 'not a video', 'notes.txt'],
	])(
		'maps %s (%s) to a NodeApiError with the URL hint and the request id',
		async (code, _label, file) => {
			const error = await failing({
				method: 'POST',
				endpoint: UPLOAD,
				body: uploadBody(`${sandbox.url}/files/videos/${file}`),
			});
			const answer = lastRequest();
			expect(answer).toMatchObject({ path: `${API}${UPLOAD}`, status: 200, code });
			expect(error.message).toMatch(new RegExp(`^TikTok: .+ \\(code ${code}\\)$`));
			expect(error.httpCode).toBe('200');
			expect(error.description).toMatch(/publicly reachable.*\.mp4 or \.mov/);
			expect(error.context).toMatchObject({ providerCode: code, failureKind: 'permanent' });
			expect(error.context?.requestId).toMatch(REQUEST_ID_RE);
			expect(error.description).toContain(`Request ID: ${error.context?.requestId}`);
			expect(sandbox.state.tiktok.uploads).toHaveLength(0);
		},
	);
});

describe('errors', () => {
	it('turns a non-zero code in an HTTP 200 envelope into an error, even a code it does not know', async () => {
		sandbox.injectFault({
			provider: 'tiktok',
			type: 'tiktokCode',
			code: 41999,
			message: 'Something odd.',
		});
		const error = await failing({ endpoint: '/user/info/' });
		expect(lastRequest()).toMatchObject({ status: 200, code: 41999 });
		expect(error.message).toBe('TikTok: Something odd. (code 41999)');
		expect(error.httpCode).toBe('200');
		expect(error.description).toMatch(/Check the node's fields/);
		expect(error.context).toMatchObject({
			providerCode: 41999,
			providerMessage: 'Something odd.',
			failureKind: 'permanent',
			requestId: expect.stringMatching(REQUEST_ID_RE),
		});
	});

	it('reads 40100 as a rate limit', async () => {
		sandbox.injectFault({ provider: 'tiktok', type: 'rateLimit' });
		const error = await failing({ endpoint: '/user/info/' });
		expect(lastRequest()).toMatchObject({ status: 200, code: 40100 });
		expect(error.message).toMatch(/\(code 40100\)$/);
		expect(error.context?.failureKind).toBe('rateLimit');
		expect(error.description).toMatch(/rate limit/);
	});

	it('reads a 5xx as transient, whatever the code in it', async () => {
		sandbox.injectFault({ provider: 'tiktok', type: 'http', status: 503 });
		const known = await failing({ endpoint: '/user/info/' });
		expect(known.httpCode).toBe('503');
		expect(known.context).toMatchObject({ providerCode: 50000, failureKind: 'transient' });
		expect(known.description).toMatch(/temporary problem/);

		sandbox.injectFault({ provider: 'tiktok', type: 'http', status: 502, code: 51234 });
		const unknown = await failing({ endpoint: '/user/info/' });
		expect(unknown.httpCode).toBe('502');
		expect(unknown.context).toMatchObject({ providerCode: 51234, failureKind: 'transient' });
	});

	it("reads the gateway's bare 404 as permanent", async () => {
		const error = await failing({ endpoint: '/no_such_endpoint/' });
		expect(lastRequest()).toMatchObject({ path: `${API}/no_such_endpoint/`, status: 404 });
		expect(error.message).toBe('TikTok: HTTP 404 for GET /no_such_endpoint/');
		expect(error.context?.failureKind).toBe('permanent');
	});

	it('reads a cut-off body as transient', async () => {
		sandbox.injectFault({ provider: 'tiktok', type: 'malformed' });
		const error = await failing({ endpoint: '/user/info/' });
		expect(error.message).toBe('TikTok: Unreadable answer for GET /user/info/');
		expect(error.httpCode).toBe('200');
		expect(error.context?.failureKind).toBe('transient');
	});

	it('reports a dropped connection as connectionLost', async () => {
		sandbox.injectFault({ provider: 'tiktok', path: UPLOAD, type: 'drop' });
		const error = await failing({
			method: 'POST',
			endpoint: UPLOAD,
			body: uploadBody(sandbox.videoUrl(100_000, 'ad.mp4')),
		});
		expect(lastRequest()).toMatchObject({ path: `${API}${UPLOAD}`, fault: 'drop' });
		expect(error.message).toBe('TikTok: The connection was lost before TikTok answered');
		expect(error.context?.failureKind).toBe('connectionLost');
		expect(error.description).toMatch(/POST \S*\/open_api\/v1\.3\/file\/video\/ad\/upload\//);
	});

	it('with Continue On Fail, outputs the error fields with the request id', async () => {
		const { json, error } = await probe(
			'tiktok',
			{ endpoint: '/user/info/' },
			credentials(SANDBOX_KEYS.tiktok.expiredToken),
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(json?.error).toMatchObject({
			message: expect.stringMatching(/\(code 40102\)$/),
			httpCode: '200',
			providerCode: 40102,
			failureKind: 'permanent',
			requestId: expect.stringMatching(REQUEST_ID_RE),
			description: expect.stringMatching(/Re-authorize/),
		});
		expect(JSON.stringify(json)).not.toContain(SANDBOX_KEYS.tiktok.expiredToken);
	});
});

describe('credential', () => {
	const credentialType = new TiktokBusinessApi();
	// The node whose `testedBy` names the credential's Test.
	const nodeType = new TikTokDigitalAvatar();

	it('passes with a good token, reading user/info', async () => {
		const result = await testCredential({
			credentialType,
			data: credentials().tiktokBusinessApi,
			nodeType,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(lastRequest()).toMatchObject({ path: `${API}/user/info/`, auth: 'valid', code: 0 });
	});

	it.each([
		{ label: 'no token', token: '', code: 40104, message: /received no access token/ },
		{ label: 'a wrong token', token: BAD_TOKEN, code: 40105, message: /invalid or was revoked/ },
		{
			label: 'an expired token',
			token: SANDBOX_KEYS.tiktok.expiredToken,
			code: 40102,
			message: /has expired/,
		},
	])(
		'fails with $label and says why (code $code), never showing the token',
		async ({ token, code, message }) => {
			const result = await testCredential({
				credentialType,
				data: credentials(token).tiktokBusinessApi,
				nodeType,
			});
			expect(lastRequest()).toMatchObject({ path: `${API}/user/info/`, status: 200, code });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(message);
			expect(result.message).toContain(`TikTok code ${code}`);
			if (token) expect(result.message).not.toContain(token);
		},
	);

	it.each([50000, 40007, 40118])('fails on any other non-zero code too (code %s)', async (code) => {
		sandbox.injectFault({ provider: 'tiktok', path: '/user/info/', type: 'tiktokCode', code });
		const result = await testCredential({
			credentialType,
			data: credentials().tiktokBusinessApi,
			nodeType,
		});
		expect(lastRequest()).toMatchObject({ path: `${API}/user/info/`, code });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/did not accept this token/);
	});
});

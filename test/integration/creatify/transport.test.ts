/**
 * The Creatify transport over real HTTP, inside n8n's real engine (through the test-only transport probe node),
 * against the provider sandbox. Each test checks both what the sandbox received (method, path, query, body,
 * authentication) and what the transport handed back, so a wrong path, header, query, body field or error reading
 * fails here. Jobs move on the sandbox's manual clock: status sequences never depend on real time.
 */
import type { IDataObject } from 'n8n-workflow';

import { CreatifyApi } from '../../../credentials/CreatifyApi.credentials';
import { Creatify } from '../../../nodes/Creatify/Creatify.node';
import { testCredential } from '../../helpers/n8nContext';
import { useSandbox } from '../../helpers/sandboxSuite';
import { probe, transportCalls } from '../../helpers/transportProbe';

/** Every render takes exactly this long on the sandbox clock: pending < 10 % ≤ in_queue < 30 % ≤ running. */
const RENDER_MS = 1000;
const PRODUCT_URL = 'https://shop.example.com/products/kettle';
const BAD_KEY = 'wrong-creatify-key';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sandbox = useSandbox(
	{
		manualClock: true,
		durations: { creatify: { minMs: RENDER_MS, maxMs: RENDER_MS } },
	},
	{ each: { creatifyCredits: 1000 } },
);
const { credentials, ok, failing, lastRequest } = transportCalls(sandbox, 'creatify');

async function createLink(url = PRODUCT_URL): Promise<string> {
	const link = await ok({ method: 'POST', endpoint: '/links/', body: { url } });
	return String(link.id);
}

async function remainingCredits(): Promise<number> {
	return Number((await ok({ endpoint: '/remaining_credits/' })).remaining_credits);
}

describe('links', () => {
	it('scrapes a product URL, reads, updates and lists the link', async () => {
		const created = await ok({ method: 'POST', endpoint: '/links/', body: { url: PRODUCT_URL } });
		expect(created.id).toMatch(UUID_RE);
		expect(created).toMatchObject({
			url: PRODUCT_URL,
			title: expect.stringContaining('shop.example.com'),
		});
		expect(lastRequest()).toMatchObject({
			method: 'POST',
			path: '/api/links/',
			query: {},
			body: { url: PRODUCT_URL },
			auth: 'valid',
			status: 200,
		});

		const read = await ok({ endpoint: `/links/${created.id}/` });
		expect(read).toMatchObject({ id: created.id, url: PRODUCT_URL });
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: `/api/links/${created.id}/`,
			body: null,
		});

		const updated = await ok({
			method: 'PUT',
			endpoint: `/links/${created.id}/`,
			body: { title: 'Steel kettle', description: 'Boils in 90 s' },
		});
		expect(updated).toMatchObject({
			id: created.id,
			title: 'Steel kettle',
			description: 'Boils in 90 s',
		});
		expect(lastRequest()).toMatchObject({
			method: 'PUT',
			path: `/api/links/${created.id}/`,
			body: { title: 'Steel kettle', description: 'Boils in 90 s' },
		});

		const list = await ok({ endpoint: '/links/' });
		expect((list.array as IDataObject[]).map((link) => link.id)).toEqual([created.id]);
	});

	it('adds the trailing slash Creatify needs and keeps the /api prefix', async () => {
		const credits = await ok({ endpoint: '/remaining_credits' });
		expect(credits).toEqual({ remaining_credits: 1000 });
		expect(lastRequest()).toMatchObject({ path: '/api/remaining_credits/', status: 200 });

		await ok({ endpoint: '/links' });
		expect(lastRequest()).toMatchObject({ path: '/api/links/', status: 200 });
	});

	it('creates a link from parameters without scraping, for 1 credit', async () => {
		const images = [1, 2, 3].map((n) => `https://cdn.example.com/kettle-${n}.jpg`);
		const body = {
			title: 'Steel kettle',
			description: 'Boils in 90 s',
			image_urls: images,
			video_urls: [],
			logo_url: 'https://cdn.example.com/logo.png',
			reviews: '4.8 stars',
		};
		const link = await ok({ method: 'POST', endpoint: '/links/link_with_params/', body });
		expect(link).toMatchObject({ ...body, id: expect.stringMatching(UUID_RE) });
		expect(lastRequest()).toMatchObject({
			method: 'POST',
			path: '/api/links/link_with_params/',
			body,
		});
		expect(await remainingCredits()).toBe(999);
	});

	it('pages links in the {count, next, previous, results} shape', async () => {
		const ids = [await createLink(), await createLink(), await createLink()];

		const first = await ok({ endpoint: '/links/paginated/', qs: { page: 1, limit: 2 } });
		expect(lastRequest()).toMatchObject({
			path: '/api/links/paginated/',
			query: { page: '1', limit: '2' },
		});
		expect(first).toMatchObject({
			count: 3,
			previous: null,
			next: expect.stringContaining('page=2'),
		});
		const second = await ok({ endpoint: '/links/paginated/', qs: { page: 2, limit: 2 } });
		expect(second).toMatchObject({
			count: 3,
			next: null,
			previous: expect.stringContaining('page=1'),
		});

		const seen = [...(first.results as IDataObject[]), ...(second.results as IDataObject[])];
		expect(seen.map((link) => link.id).sort()).toEqual([...ids].sort());

		const beyond = await failing({ endpoint: '/links/paginated/', qs: { page: 3, limit: 2 } });
		expect(beyond.message).toBe('Creatify: Invalid page.');
		expect(beyond.httpCode).toBe('404');
		expect(beyond.context?.failureKind).toBe('permanent');
	});
});

describe('link_to_videos', () => {
	const videoBody = (link: string, overrides: IDataObject = {}): IDataObject => ({
		link,
		name: 'Kettle spring ad',
		target_platform: 'tiktok',
		language: 'en',
		video_length: 15,
		aspect_ratio: '9x16',
		script_style: 'HowToV2',
		visual_style: 'FullScreenTemplate',
		model_version: 'standard',
		no_cta: true,
		caption_setting: { style: 'neo', offset: { x: 0, y: 0.4 }, font_family: 'Montserrat' },
		...overrides,
	});

	/** Reads a video after moving the sandbox clock forward by each step; returns the statuses seen. */
	async function pollStatuses(
		id: string,
		steps: number[],
	): Promise<{ statuses: string[]; last: IDataObject }> {
		const statuses: string[] = [];
		let last: IDataObject = {};
		for (const step of steps) {
			sandbox.advanceTime(step);
			last = await ok({ endpoint: `/link_to_videos/${id}/` });
			statuses.push(String(last.status));
		}
		return { statuses, last };
	}

	it('creates a video and sees it go pending → in_queue → running → done by polling', async () => {
		const link = await createLink();
		const body = videoBody(link);
		const created = await ok({ method: 'POST', endpoint: '/link_to_videos/', body });
		expect(lastRequest()).toMatchObject({ method: 'POST', path: '/api/link_to_videos/', body });
		expect(created).toMatchObject({
			link,
			status: 'pending',
			aspect_ratio: '9x16',
			video_output: null,
		});

		const { statuses, last } = await pollStatuses(String(created.id), [0, 150, 200, 700]);
		expect(statuses).toEqual(['pending', 'in_queue', 'running', 'done']);
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: `/api/link_to_videos/${created.id}/`,
		});
		expect(last).toMatchObject({
			id: created.id,
			failed_reason: null,
			credits_used: 5,
			duration: 15,
			video_output: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\/videos\//),
			video_thumbnail: expect.any(String),
			caption_setting: body.caption_setting,
		});
		expect(await remainingCredits()).toBe(995);
	});

	it('sees a failing render go running → failed, with its reason', async () => {
		const link = await createLink();
		const created = await ok({
			method: 'POST',
			endpoint: '/link_to_videos/',
			body: videoBody(link, { name: 'sandbox-fail render' }),
		});
		const { statuses, last } = await pollStatuses(String(created.id), [400, 700]);
		expect(statuses).toEqual(['running', 'failed']);
		expect(last.failed_reason).toMatch(/sandbox-fail/);
		expect(last.video_output).toBeNull();
	});

	it('lists videos as a plain array filtered by comma-separated ids, and paginated', async () => {
		const link = await createLink();
		const ids: string[] = [];
		for (const name of ['one', 'two', 'three']) {
			const video = await ok({
				method: 'POST',
				endpoint: '/link_to_videos/',
				body: videoBody(link, { name }),
			});
			ids.push(String(video.id));
		}

		const filtered = await ok({ endpoint: '/link_to_videos/', qs: { ids: `${ids[0]},${ids[2]}` } });
		expect(lastRequest()).toMatchObject({
			path: '/api/link_to_videos/',
			query: { ids: `${ids[0]},${ids[2]}` },
		});
		expect((filtered.array as IDataObject[]).map((video) => video.id).sort()).toEqual(
			[ids[0], ids[2]].sort(),
		);

		const page = await ok({ endpoint: '/link_to_videos/paginated/', qs: { page: 1, limit: 2 } });
		expect(lastRequest()).toMatchObject({
			path: '/api/link_to_videos/paginated/',
			query: { page: '1', limit: '2' },
		});
		expect(page).toMatchObject({
			count: 3,
			previous: null,
			next: expect.stringContaining('page=2'),
		});
		expect(page.results).toHaveLength(2);
	});

	it('makes one preview, then renders it with a body-less POST', async () => {
		const link = await createLink();
		const preview = await ok({
			method: 'POST',
			endpoint: '/link_to_videos/preview/',
			body: videoBody(link),
		});
		expect(lastRequest()).toMatchObject({ path: '/api/link_to_videos/preview/' });
		expect(preview).toMatchObject({
			status: 'pending',
			preview: expect.stringContaining('/files/previews/'),
		});

		const rendering = await ok({
			method: 'POST',
			endpoint: `/link_to_videos/${preview.id}/render/`,
		});
		expect(lastRequest()).toMatchObject({
			method: 'POST',
			path: `/api/link_to_videos/${preview.id}/render/`,
			body: null,
			status: 200,
		});
		expect(rendering).toMatchObject({
			id: preview.id,
			status: 'pending',
			media_job: expect.stringMatching(UUID_RE),
		});

		sandbox.advanceTime(RENDER_MS);
		const done = await ok({ endpoint: `/link_to_videos/${preview.id}/` });
		expect(done).toMatchObject({ status: 'done', credits_used: 1 + 5 });
	});

	it('makes previews asynchronously and renders the one chosen by its media_job', async () => {
		const link = await createLink();
		const body = videoBody(link, {
			visual_styles: ['AvatarBubbleTemplate', 'FullScreenTemplate'],
			aspect_ratios: ['9x16', '1x1'],
		});
		const job = await ok({ method: 'POST', endpoint: '/link_to_videos/preview_list_async/', body });
		expect(lastRequest()).toMatchObject({ path: '/api/link_to_videos/preview_list_async/', body });
		expect(job).toMatchObject({ status: 'pending', previews: [] });

		const early = await failing({
			method: 'POST',
			endpoint: `/link_to_videos/${job.id}/render_single_preview/`,
			body: { media_job: '00000000-0000-4000-8000-000000000000' },
		});
		expect(early.message).toBe('Creatify: Previews are not ready yet.');
		expect(early.httpCode).toBe('400');

		sandbox.advanceTime(RENDER_MS / 2);
		const ready = await ok({ endpoint: `/link_to_videos/${job.id}/` });
		// Previews are filled while the status is still pending.
		expect(ready.status).toBe('pending');
		const previews = ready.previews as IDataObject[];
		expect(previews).toHaveLength(4);
		const chosen = previews.find(
			(preview) => preview.visual_style === 'FullScreenTemplate' && preview.aspect_ratio === '1x1',
		)!;

		const rendering = await ok({
			method: 'POST',
			endpoint: `/link_to_videos/${job.id}/render_single_preview/`,
			body: { media_job: chosen.media_job },
		});
		expect(lastRequest()).toMatchObject({
			path: `/api/link_to_videos/${job.id}/render_single_preview/`,
			body: { media_job: chosen.media_job },
		});
		expect(rendering.media_job).toBe(chosen.media_job);

		sandbox.advanceTime(RENDER_MS);
		const done = await ok({ endpoint: `/link_to_videos/${job.id}/` });
		expect(done).toMatchObject({
			status: 'done',
			aspect_ratio: '1x1',
			visual_style: 'FullScreenTemplate',
			media_job: chosen.media_job,
		});
	});
});

describe('dropdown sources', () => {
	it('reads personas (plain and paginated) and voices with their accent ids', async () => {
		const personas = (await ok({ endpoint: '/personas/' })).array as IDataObject[];
		expect(lastRequest()).toMatchObject({ path: '/api/personas/', status: 200 });
		expect(personas.length).toBeGreaterThan(2);
		expect(personas[0]).toMatchObject({
			id: expect.stringMatching(UUID_RE),
			creator_name: expect.any(String),
		});

		const page = await ok({ endpoint: '/personas/paginated/', qs: { page: 2, limit: 2 } });
		expect(lastRequest()).toMatchObject({
			path: '/api/personas/paginated/',
			query: { page: '2', limit: '2' },
		});
		expect(page).toMatchObject({
			count: personas.length,
			previous: expect.stringContaining('page=1'),
		});
		expect((page.results as IDataObject[]).map((persona) => persona.id)).toEqual(
			personas.slice(2, 4).map((persona) => persona.id),
		);

		const voices = (await ok({ endpoint: '/voices/' })).array as IDataObject[];
		expect(lastRequest()).toMatchObject({ path: '/api/voices/' });
		const accents = voices.flatMap((voice) => voice.accents as IDataObject[]);
		expect(accents.length).toBeGreaterThan(voices.length - 1);
		for (const accent of accents) expect(accent.id).toMatch(UUID_RE);
	});
});

describe('errors', () => {
	it('shows the message of a 400 JSON array', async () => {
		const unscrapable = 'https://shop.example.com/sandbox-unscrapable';
		const error = await failing({
			method: 'POST',
			endpoint: '/links/',
			body: { url: unscrapable },
		});
		expect(error.message).toBe(`Creatify: Failed to scrape url: ${unscrapable}`);
		expect(error.httpCode).toBe('400');
		expect(error.context).toMatchObject({
			providerMessage: `Failed to scrape url: ${unscrapable}`,
			failureKind: 'permanent',
		});

		const noMedia = await failing({
			method: 'POST',
			endpoint: '/links/',
			body: { url: 'https://shop.example.com/sandbox-no-media' },
		});
		expect(noMedia.message).toBe('Creatify: Link must have at least one image or one video.');
	});

	it('joins field errors, nested ones included, into one readable message', async () => {
		const error = await failing({
			method: 'POST',
			endpoint: '/links/link_with_params/',
			body: { image_urls: ['https://cdn.example.com/a.jpg', 'not a url'], logo_url: 'nope' },
		});
		expect(error.message).toBe(
			'Creatify: title: This field is required.; image_urls: 1: Enter a valid URL.; logo_url: Enter a valid URL.',
		);
		expect(error.httpCode).toBe('400');
	});

	it('points to the credential on a 401 {detail}, without showing the key', async () => {
		const badKey = await failing({ endpoint: '/remaining_credits/' }, { apiKey: BAD_KEY });
		expect(badKey.message).toBe('Creatify: Incorrect authentication credentials.');
		expect(badKey.description).toMatch(/API ID and API key/);
		expect(badKey.httpCode).toBe('401');
		expect(badKey.context?.failureKind).toBe('permanent');
		expect(lastRequest()).toMatchObject({ path: '/api/remaining_credits/', auth: 'invalid' });

		// Both headers count: a wrong API ID with the right key is refused too.
		const badId = await failing({ endpoint: '/remaining_credits/' }, { apiId: 'someone-else' });
		expect(badId.httpCode).toBe('401');
		expect(lastRequest().auth).toBe('invalid');

		const noId = await failing({ endpoint: '/remaining_credits/' }, { apiId: '' });
		expect(noId.message).toBe('Creatify: Authentication credentials were not provided.');
		expect(lastRequest().auth).toBe('missing');
	});

	it('explains an out-of-credits answer and treats it as permanent', async () => {
		const link = await createLink();
		sandbox.configure({ creatifyCredits: 2 });
		const error = await failing({
			method: 'POST',
			endpoint: '/link_to_videos/',
			body: { link, video_length: 15 },
		});
		expect(error.message).toMatch(/^Creatify: Insufficient credits/);
		expect(error.description).toMatch(/out of credits/);
		expect(error.context?.failureKind).toBe('permanent');
		expect(sandbox.state.creatify.videos).toHaveLength(0);
	});

	it('reads a 429 as a rate limit', async () => {
		sandbox.injectFault({ provider: 'creatify', type: 'rateLimit' });
		const error = await failing({ endpoint: '/voices/' });
		expect(error.httpCode).toBe('429');
		expect(error.message).toMatch(/throttled/);
		expect(error.context?.failureKind).toBe('rateLimit');
		expect(error.description).toMatch(/rate limit/);
	});

	it("holds the credential's next request for as long as Retry-After asks", async () => {
		// Longer than the usual first hold (5 s), so the old fixed hold would send again too early.
		sandbox.injectFault({ provider: 'creatify', type: 'rateLimit', retryAfterSec: 7 });
		await failing({ endpoint: '/voices/' });
		// The sandbox's clock is manual here: the hold is measured on the real one (a lower bound only).
		const refusedAt = Date.now();
		await ok({ endpoint: '/voices/' });
		expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(6_900);
		expect(sandbox.requests({ endpoint: 'GET /api/voices/' }).map((entry) => entry.status)).toEqual(
			[429, 200],
		);
	}, 20_000);

	it('reads a 5xx HTML page as transient, without pasting the HTML into the message', async () => {
		sandbox.injectFault({ provider: 'creatify', type: 'http', status: 502 });
		const error = await failing({ endpoint: '/remaining_credits/' });
		expect(error.message).toBe(
			'Creatify: Unreadable answer (HTTP 502) for GET /remaining_credits/',
		);
		expect(error.httpCode).toBe('502');
		expect(error.context?.failureKind).toBe('transient');
	});

	it("reads Django's HTML 404 page for an unknown path as a permanent failure", async () => {
		const error = await failing({ endpoint: '/no_such_thing/' });
		expect(lastRequest()).toMatchObject({ path: '/api/no_such_thing/', status: 404 });
		expect(error.message).toBe('Creatify: Unreadable answer (HTTP 404) for GET /no_such_thing/');
		expect(error.context?.failureKind).toBe('permanent');
	});

	it('reads a cut-off body as transient', async () => {
		sandbox.injectFault({ provider: 'creatify', type: 'malformed' });
		const error = await failing({ endpoint: '/personas/' });
		expect(error.message).toBe('Creatify: Unreadable answer (HTTP 200) for GET /personas/');
		expect(error.context?.failureKind).toBe('transient');
	});

	it('reports a dropped connection as connectionLost: the render may have started', async () => {
		const link = await createLink();
		sandbox.injectFault({
			provider: 'creatify',
			path: '/link_to_videos/',
			type: 'dropAfterProcessing',
		});
		const error = await failing({ method: 'POST', endpoint: '/link_to_videos/', body: { link } });
		expect(error.message).toBe('Creatify: The connection was lost before Creatify answered');
		expect(error.context?.failureKind).toBe('connectionLost');
		expect(sandbox.state.creatify.videos).toHaveLength(1);
	});

	it('with Continue On Fail, outputs the error fields instead of stopping', async () => {
		const { json, error } = await probe(
			'creatify',
			{ endpoint: '/link_to_videos/7a1f0c1e-0000-4000-8000-000000000000/' },
			credentials(),
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(json).toEqual({
			error: {
				message: 'Creatify: Not found.',
				// No hint for a 404: n8n shows the answer's `detail` as the description.
				description: 'Not found.',
				httpCode: '404',
				providerCode: null,
				providerMessage: 'Not found.',
				failureKind: 'permanent',
				requestId: null,
			},
		});
	});
});

describe('credential', () => {
	const credentialType = new CreatifyApi();
	// The node whose `testedBy` names the credential's Test.
	const nodeType = new Creatify();

	it('passes with the right API ID and key, also with a trailing slash on the Base URL', async () => {
		const good = await testCredential({
			credentialType,
			data: credentials().creatifyApi,
			nodeType,
		});
		expect(good).toEqual({ status: 'OK', message: 'Connection successful!' });
		const slash = await testCredential({
			credentialType,
			data: credentials({ baseUrl: `${sandbox.url}/creatify/` }).creatifyApi,
			nodeType,
		});
		expect(slash.status).toBe('OK');
		const checks = sandbox.requests({ provider: 'creatify' });
		expect(checks.map((entry) => [entry.path, entry.auth])).toEqual([
			['/api/remaining_credits/', 'valid'],
			['/api/remaining_credits/', 'valid'],
		]);
		// The check is free.
		expect(await remainingCredits()).toBe(1000);
	});

	it('fails with a clear message on a wrong key or API ID, never showing the key', async () => {
		for (const overrides of [{ apiKey: BAD_KEY }, { apiId: 'someone-else' }]) {
			const result = await testCredential({
				credentialType,
				data: credentials(overrides).creatifyApi,
				nodeType,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Creatify rejected the API ID or API key/);
			expect(result.message).not.toContain(BAD_KEY);
		}
	});
});

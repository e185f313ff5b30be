/**
 * The SixtySeconds transport over real HTTP, inside n8n's real engine (through the test-only transport probe
 * node), against the provider sandbox: what the sandbox received (method, path, query, body, authentication) and
 * what the transport handed back. Videos render on the sandbox's manual clock, so polling sees a fixed sequence.
 */
import type { IDataObject } from 'n8n-workflow';

import { SixtySecondsApi } from '../../../credentials/SixtySecondsApi.credentials';
import { SixtySeconds } from '../../../nodes/SixtySeconds/SixtySeconds.node';
import { resetRateLimits } from '../../../nodes/shared/rateLimiter';
import { runNode, testCredential } from '../../helpers/n8nContext';
import { useSandbox } from '../../helpers/sandboxSuite';
import { probe, transportCalls, TransportProbe } from '../../helpers/transportProbe';

const RENDER_MS = 1000;
const BAD_KEY = 'wrong-sixtyseconds-key';

/** Seed 001's create example. */
const SEED_VIDEO: IDataObject = {
	title: 'Welcome Message for Sarah',
	template_id: 'tmpl_welcome_message',
	customer_data: {
		first_name: 'Sarah',
		last_name: 'Johnson',
		company: 'Acme Inc.',
		product_tier: 'Enterprise',
		usage_stats: { logins: 12, features_used: ['dashboard', 'reports', 'analytics'] },
	},
	ai_messaging: {
		tone: 'professional',
		length: 'medium',
		focus_points: ['product_benefits', 'next_steps'],
	},
	aspect_ratio: '9:16',
};

const sandbox = useSandbox({
	manualClock: true,
	durations: { sixtyseconds: { minMs: RENDER_MS, maxMs: RENDER_MS } },
});
const { credentials, ok, failing, lastRequest } = transportCalls(sandbox, 'sixtySeconds');

async function createVideo(overrides: IDataObject = {}): Promise<IDataObject> {
	return await ok({ method: 'POST', endpoint: '/videos', body: { ...SEED_VIDEO, ...overrides } });
}

describe('videos', () => {
	it('creates a video from the documented request and returns the bare resource', async () => {
		const body = { ...SEED_VIDEO, project_id: 'proj_onboarding_2025' };
		const created = await ok({ method: 'POST', endpoint: '/videos', body });
		expect(lastRequest()).toMatchObject({
			method: 'POST',
			path: '/videos',
			query: {},
			body,
			auth: 'valid',
			status: 201,
		});
		expect(created).toEqual({
			id: expect.stringMatching(/^vid_/),
			title: SEED_VIDEO.title,
			status: 'processing',
			created_at: expect.any(String),
			template_id: 'tmpl_welcome_message',
			aspect_ratio: '9:16',
			estimated_completion: expect.any(String),
		});
	});

	it('sees a video go processing → published by polling GET /videos/{id}', async () => {
		const { id } = await createVideo();
		const statuses: string[] = [];
		let last: IDataObject = {};
		for (const step of [0, RENDER_MS / 2, RENDER_MS / 2]) {
			sandbox.advanceTime(step);
			last = await ok({ endpoint: `/videos/${id}` });
			statuses.push(String(last.status));
		}
		expect(lastRequest()).toMatchObject({ method: 'GET', path: `/videos/${id}`, body: null });
		expect(statuses).toEqual(['processing', 'processing', 'published']);
		expect(last).toMatchObject({
			id,
			url: expect.stringMatching(/\/files\/videos\/.+\.mp4/),
			thumbnail: expect.any(String),
			duration: expect.any(Number),
			customer_data: SEED_VIDEO.customer_data,
			ai_messaging: SEED_VIDEO.ai_messaging,
			analytics: expect.objectContaining({ views: expect.any(Number) }),
		});
	});

	it('sees a failing video go processing → failed', async () => {
		const { id } = await createVideo({ title: 'sandbox-fail welcome' });
		const statuses: string[] = [];
		for (const step of [RENDER_MS / 2, RENDER_MS / 2]) {
			sandbox.advanceTime(step);
			statuses.push(String((await ok({ endpoint: `/videos/${id}` })).status));
		}
		expect(statuses).toEqual(['processing', 'failed']);
	});

	it('lists videos page by page, following next_page, and filters by status', async () => {
		const ids: string[] = [];
		for (let n = 1; n <= 5; n++) ids.push(String((await createVideo({ title: `Video ${n}` })).id));

		const seen: string[] = [];
		const pages: IDataObject[] = [];
		let page: number | null = 1;
		while (page !== null) {
			const result = await ok({ endpoint: '/videos', qs: { page, limit: 2 } });
			expect(lastRequest()).toMatchObject({
				path: '/videos',
				query: { page: String(page), limit: '2' },
			});
			pages.push(result.pagination as IDataObject);
			seen.push(...(result.data as IDataObject[]).map((video) => String(video.id)));
			page = (result.pagination as IDataObject).next_page as number | null;
		}
		expect(pages).toEqual([
			{ total: 5, page: 1, limit: 2, next_page: 2, prev_page: null },
			{ total: 5, page: 2, limit: 2, next_page: 3, prev_page: 1 },
			{ total: 5, page: 3, limit: 2, next_page: null, prev_page: 2 },
		]);
		expect([...seen].sort()).toEqual([...ids].sort());

		sandbox.advanceTime(RENDER_MS);
		const published = await ok({ endpoint: '/videos', qs: { status: 'published' } });
		expect(lastRequest().query).toEqual({ status: 'published' });
		expect((published.data as IDataObject[]).map((video) => video.status)).toEqual(
			ids.map(() => 'published'),
		);
		const processing = await ok({ endpoint: '/videos', qs: { status: 'processing' } });
		expect(processing.data).toEqual([]);
	});
});

describe('several items', () => {
	it('reads one video per item, each paired with its input, keeping a failed one with Continue On Fail', async () => {
		const first = await createVideo({ title: 'First' });
		const second = await createVideo({ title: 'Second' });
		const { items, error } = await runNode({
			nodeType: new TransportProbe(),
			credentialTypes: [new SixtySecondsApi()],
			credentials: credentials(),
			parameters: {
				provider: 'sixtySeconds',
				method: 'GET',
				endpoint: '={{ "/videos/" + $json.id }}',
			},
			items: [{ id: first.id }, { id: 'vid_unknown00' }, { id: second.id }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(
			sandbox.requests({ provider: 'sixtyseconds', method: 'GET' }).map((entry) => entry.path),
		).toEqual([`/videos/${first.id}`, '/videos/vid_unknown00', `/videos/${second.id}`]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ id: first.id, title: 'First' });
		expect(items[1].json.error).toMatchObject({ httpCode: '404', providerCode: 'not_found' });
		expect(items[2].json).toMatchObject({ id: second.id, title: 'Second' });
	});
});

describe('templates', () => {
	it('lists templates by category and reads one', async () => {
		const list = await ok({ endpoint: '/templates', qs: { category: 'sales', limit: 10 } });
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: '/templates',
			query: { category: 'sales', limit: '10' },
		});
		const templates = list.data as IDataObject[];
		expect(templates.length).toBeGreaterThan(0);
		for (const template of templates) expect(template.category).toBe('sales');

		const one = await ok({ endpoint: `/templates/${templates[0].id}` });
		expect(lastRequest().path).toBe(`/templates/${templates[0].id}`);
		expect(one).toMatchObject({
			id: templates[0].id,
			available_aspect_ratios: ['9:16', '16:9', '1:1'],
		});
	});
});

describe('errors', () => {
	it('shows the message and code of a 400, e.g. an unknown template', async () => {
		const error = await failing({
			method: 'POST',
			endpoint: '/videos',
			body: { ...SEED_VIDEO, template_id: 'tmpl_nope' },
		});
		expect(error.message).toBe(
			'SixtySeconds: template_id tmpl_nope does not exist (code invalid_request)',
		);
		expect(error.httpCode).toBe('400');
		expect(error.context).toMatchObject({
			providerCode: 'invalid_request',
			failureKind: 'permanent',
		});
		expect(sandbox.state.sixtyseconds.videos).toHaveLength(0);
	});

	it('points to the credential on a 401, without showing the key', async () => {
		const error = await failing({ endpoint: '/videos' }, BAD_KEY);
		expect(lastRequest()).toMatchObject({ path: '/videos', auth: 'invalid', status: 401 });
		expect(error.message).toBe('SixtySeconds: Invalid API key. (code unauthorized)');
		expect(error.description).toMatch(/SixtySeconds API credential/);
		expect(error.httpCode).toBe('401');
		expect(error.context).toMatchObject({ providerCode: 'unauthorized', failureKind: 'permanent' });
	});

	it('points to the ID on a 404', async () => {
		const error = await failing({ endpoint: '/videos/vid_missing000' });
		expect(error.message).toBe('SixtySeconds: Video vid_missing000 not found (code not_found)');
		expect(error.description).toMatch(/Check the ID/);
		expect(error.httpCode).toBe('404');
		expect(error.context?.failureKind).toBe('permanent');
	});

	it('reads a 429 as a rate limit and a 5xx as transient', async () => {
		sandbox.injectFault({ provider: 'sixtyseconds', type: 'rateLimit' });
		const limited = await failing({ endpoint: '/templates' });
		expect(limited.httpCode).toBe('429');
		expect(limited.context).toMatchObject({
			providerCode: 'rate_limited',
			failureKind: 'rateLimit',
		});
		expect(limited.description).toMatch(/rate limit/);

		resetRateLimits();
		sandbox.injectFault({ provider: 'sixtyseconds', type: 'http', status: 503 });
		const down = await failing({ endpoint: '/templates' });
		expect(down.httpCode).toBe('503');
		expect(down.context).toMatchObject({
			providerCode: 'internal_error',
			failureKind: 'transient',
		});
	});

	it('reads a cut-off body as transient, without pasting it into the message', async () => {
		sandbox.injectFault({ provider: 'sixtyseconds', type: 'malformed' });
		const error = await failing({ endpoint: '/videos' });
		expect(error.message).toBe('SixtySeconds: Unreadable answer (HTTP 200) for GET /videos');
		expect(error.context?.failureKind).toBe('transient');
	});

	it('reports a dropped connection as connectionLost: the video may have been created', async () => {
		sandbox.injectFault({ provider: 'sixtyseconds', method: 'POST', type: 'dropAfterProcessing' });
		const error = await failing({ method: 'POST', endpoint: '/videos', body: SEED_VIDEO });
		expect(error.context?.failureKind).toBe('connectionLost');
		expect(sandbox.state.sixtyseconds.videos).toHaveLength(1);
	});

	it('with Continue On Fail, outputs the error fields instead of stopping', async () => {
		const { json, error } = await probe(
			'sixtySeconds',
			{ endpoint: '/videos/vid_gone' },
			credentials(),
			{
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(json?.error).toMatchObject({
			message: 'SixtySeconds: Video vid_gone not found (code not_found)',
			httpCode: '404',
			providerCode: 'not_found',
			failureKind: 'permanent',
		});
	});
});

describe('credential', () => {
	const credentialType = new SixtySecondsApi();
	// The node whose `testedBy` names the credential's Test.
	const nodeType = new SixtySeconds();

	it('passes with a good key by reading one template', async () => {
		const result = await testCredential({
			credentialType,
			data: credentials().sixtySecondsApi,
			nodeType,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests({ provider: 'sixtyseconds' })).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/templates',
				query: { limit: '1' },
				auth: 'valid',
			}),
		]);
	});

	it('fails with a clear message on a bad key, never showing it', async () => {
		const result = await testCredential({
			credentialType,
			data: credentials(BAD_KEY).sixtySecondsApi,
			nodeType,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/SixtySeconds rejected the API key/);
		expect(result.message).not.toContain(BAD_KEY);
	});
});

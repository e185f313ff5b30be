/**
 * The Genviral transport over real HTTP, inside n8n's real engine (through the test-only transport probe node),
 * against the provider sandbox: what the sandbox received (method, path, query, body, authentication), the
 * unwrapping of the `{ok, code, message, data}` envelope, and every documented copy-tiktok import error (seed 004)
 * mapped to a NodeApiError with Genviral's `error_code`, the HTTP status and a hint.
 */
import type { IDataObject } from 'n8n-workflow';

import { GenviralApi } from '../../../credentials/GenviralApi.credentials';
import { Genviral } from '../../../nodes/Genviral/Genviral.node';
import type { FailureKind } from '../../../nodes/shared/errors';
import { testCredential } from '../../helpers/n8nContext';
import { useSandbox } from '../../helpers/sandboxSuite';
import type { ProbeRequest } from '../../helpers/transportProbe';
import { probe, transportCalls } from '../../helpers/transportProbe';
import { GENVIRAL_IDS, SANDBOX_KEYS } from '../../sandbox';

const IMPORT = '/slideshows/copy-tiktok/import';
const PREVIEW = '/slideshows/copy-tiktok/preview';
/** Seed 004's example post. */
const TIKTOK_URL = 'https://www.tiktok.com/@creator/photo/7499123456789012345';
const BAD_KEY = 'wrongpub.wrongsecret';
const OTHER_UUID = '9b2e4c1a-0d3f-4a5b-8c7d-6e5f4a3b2c1d';

const sandbox = useSandbox({}, { each: { genviralCredits: 100 } });
const { credentials, ok, failing, lastRequest } = transportCalls(sandbox, 'genviral');

async function creditsUsed(): Promise<number> {
	const subscription = await ok({ endpoint: '/subscription' });
	return Number((subscription.credits as IDataObject).used_this_period);
}

describe('envelope and reads', () => {
	it('returns the envelope data of /accounts, not the envelope', async () => {
		const data = await ok({ endpoint: '/accounts' });
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: '/accounts',
			auth: 'valid',
			status: 200,
		});
		expect(data).not.toHaveProperty('ok');
		expect(data).not.toHaveProperty('code');
		expect(data).toMatchObject({ scope: 'workspace', workspace_id: expect.any(String) });
		expect((data.accounts as IDataObject[]).map((account) => account.platform)).toContain('tiktok');
	});

	it('reads the subscription with its credits', async () => {
		const data = await ok({ endpoint: '/subscription' });
		expect(data).toMatchObject({
			tier: 'professional',
			status: 'active',
			credits: { limit: 100, used_this_period: 0, remaining: 100 },
		});
	});

	it('pages slideshows with limit/offset and filters them', async () => {
		const all = await ok({ endpoint: '/slideshows' });
		const total = Number(all.total);
		expect(total).toBeGreaterThan(1);

		const page = await ok({ endpoint: '/slideshows', qs: { limit: 1, offset: 1 } });
		expect(lastRequest()).toMatchObject({
			path: '/slideshows',
			query: { limit: '1', offset: '1' },
		});
		expect(page).toMatchObject({ total, limit: 1, offset: 1 });
		expect((page.slideshows as IDataObject[]).map((show) => show.id)).toEqual([
			(all.slideshows as IDataObject[])[1].id,
		]);

		const found = await ok({ endpoint: '/slideshows', qs: { search: 'morning', status: 'draft' } });
		expect(lastRequest().query).toEqual({ search: 'morning', status: 'draft' });
		expect((found.slideshows as IDataObject[]).map((show) => show.title)).toEqual([
			'Morning routine hooks',
		]);
	});

	it('lists packs (public ones on request) and reads one with its images', async () => {
		const own = await ok({ endpoint: '/packs', qs: { limit: 10 } });
		const withPublic = await ok({ endpoint: '/packs', qs: { limit: 10, include_public: true } });
		expect(lastRequest()).toMatchObject({
			path: '/packs',
			query: { limit: '10', include_public: 'true' },
		});
		expect(Number(withPublic.total)).toBe(Number(own.total) + 1);
		expect((withPublic.packs as IDataObject[]).map((pack) => pack.id)).toContain(
			GENVIRAL_IDS.packPublic,
		);

		const pack = await ok({ endpoint: `/packs/${GENVIRAL_IDS.packWithImages}` });
		expect(lastRequest().path).toBe(`/packs/${GENVIRAL_IDS.packWithImages}`);
		expect(pack).toMatchObject({ id: GENVIRAL_IDS.packWithImages, image_count: 12 });
		expect(pack.images).toHaveLength(12);
	});
});

describe('copy a TikTok slideshow', () => {
	it('previews for free, then imports with the preview as seed 004 shows', async () => {
		const preview = await ok({ method: 'POST', endpoint: PREVIEW, body: { url: TIKTOK_URL } });
		expect(lastRequest()).toMatchObject({
			method: 'POST',
			path: PREVIEW,
			body: { url: TIKTOK_URL },
		});
		expect(preview).toMatchObject({ source_url: TIKTOK_URL, preview_id: expect.any(String) });
		expect(Number(preview.slide_count)).toBeLessThanOrEqual(8);
		expect(preview.images).toHaveLength(Number(preview.slide_count));
		expect(await creditsUsed()).toBe(0);

		const body = {
			url: TIKTOK_URL,
			preview_id: preview.preview_id,
			pack_id: GENVIRAL_IDS.packWithImages,
			title: 'Copied Hook Variant',
		};
		const imported = await ok({ method: 'POST', endpoint: IMPORT, body });
		expect(lastRequest()).toMatchObject({ method: 'POST', path: IMPORT, body, status: 201 });
		expect(imported).toEqual({
			slideshow: {
				id: expect.any(String),
				title: 'Copied Hook Variant',
				status: 'draft',
				slide_count: preview.slide_count,
			},
			source_url: TIKTOK_URL,
			slide_count: preview.slide_count,
			total_slides: preview.total_slides,
			capped: preview.capped,
			credits_used: preview.estimated_credits,
			used_cached_preview: true,
		});
		expect(await creditsUsed()).toBe(preview.estimated_credits);

		const slideshow = await ok({
			endpoint: `/slideshows/${(imported.slideshow as IDataObject).id}`,
		});
		expect(slideshow).toMatchObject({ title: 'Copied Hook Variant', status: 'draft' });
		expect(slideshow.slides).toHaveLength(Number(preview.slide_count));
	});

	it('imports with image URLs and a product, without a preview', async () => {
		const images = ['https://cdn.example.com/bg-1.jpg', 'https://cdn.example.com/bg-2.jpg'];
		const body = { url: TIKTOK_URL, pack_images: images, product_id: GENVIRAL_IDS.productOwn };
		const imported = await ok({ method: 'POST', endpoint: IMPORT, body });
		expect(lastRequest()).toMatchObject({ path: IMPORT, body });
		expect(imported).toMatchObject({ used_cached_preview: false, source_url: TIKTOK_URL });

		const slideshow = await ok({
			endpoint: `/slideshows/${(imported.slideshow as IDataObject).id}`,
		});
		expect(slideshow.product_id).toBe(GENVIRAL_IDS.productOwn);
		expect((slideshow.slides as IDataObject[])[1].image_url).toBe(images[1]);
	});

	it('renders a slideshow with a body-less POST', async () => {
		const imported = await ok({
			method: 'POST',
			endpoint: IMPORT,
			body: { url: TIKTOK_URL, pack_id: GENVIRAL_IDS.packWithImages },
		});
		const id = (imported.slideshow as IDataObject).id;
		const rendered = await ok({ method: 'POST', endpoint: `/slideshows/${id}/render` });
		expect(lastRequest()).toMatchObject({
			method: 'POST',
			path: `/slideshows/${id}/render`,
			body: null,
		});
		expect(rendered).toMatchObject({
			id,
			status: 'rendered',
			preview_image_url: expect.any(String),
		});
	});
});

describe('import errors of seed 004', () => {
	const importing = (body: IDataObject): ProbeRequest => ({
		method: 'POST',
		endpoint: IMPORT,
		body,
	});
	const withPack = (url: string): ProbeRequest =>
		importing({ url, pack_id: GENVIRAL_IDS.packWithImages });

	const cases: Array<{
		errorCode: string;
		status: number;
		kind: FailureKind;
		hint: RegExp;
		request: ProbeRequest;
		setup?: () => void;
	}> = [
		{
			// The transport always sends JSON, so only the sandbox can answer this one.
			errorCode: 'invalid_json',
			status: 400,
			kind: 'permanent',
			hint: /not valid JSON/,
			request: withPack(TIKTOK_URL),
			setup: () =>
				sandbox.injectFault({
					provider: 'genviral',
					path: IMPORT,
					type: 'http',
					status: 400,
					code: 'invalid_json',
					message: 'Request body is not valid JSON',
				}),
		},
		{
			errorCode: 'invalid_payload',
			status: 422,
			kind: 'permanent',
			hint: /limits/,
			request: importing({ pack_id: GENVIRAL_IDS.packWithImages }),
		},
		{
			errorCode: 'invalid_tiktok_url',
			status: 422,
			kind: 'permanent',
			hint: /TikTok photo/,
			request: withPack('https://www.youtube.com/watch?v=abc'),
		},
		{
			errorCode: 'not_slideshow',
			status: 422,
			kind: 'permanent',
			hint: /video, not a photo slideshow/,
			request: withPack('https://www.tiktok.com/@creator/video/7499123456789012345'),
		},
		{
			errorCode: 'pack_not_found',
			status: 404,
			kind: 'permanent',
			hint: /image pack/,
			request: importing({ url: TIKTOK_URL, pack_id: OTHER_UUID }),
		},
		{
			errorCode: 'pack_empty',
			status: 422,
			kind: 'permanent',
			hint: /image pack/,
			request: importing({ url: TIKTOK_URL, pack_id: GENVIRAL_IDS.packEmpty }),
		},
		{
			errorCode: 'pack_source_conflict',
			status: 422,
			kind: 'permanent',
			hint: /not both/,
			request: importing({
				url: TIKTOK_URL,
				pack_id: GENVIRAL_IDS.packWithImages,
				pack_images: ['https://cdn.example.com/bg.jpg'],
			}),
		},
		{
			errorCode: 'product_not_found',
			status: 404,
			kind: 'permanent',
			hint: /product ID does not exist/,
			request: importing({
				url: TIKTOK_URL,
				pack_id: GENVIRAL_IDS.packWithImages,
				product_id: OTHER_UUID,
			}),
		},
		{
			errorCode: 'forbidden_product_access',
			status: 403,
			kind: 'permanent',
			hint: /may not use that product/,
			request: importing({
				url: TIKTOK_URL,
				pack_id: GENVIRAL_IDS.packWithImages,
				product_id: GENVIRAL_IDS.productOtherWorkspace,
			}),
		},
		{
			errorCode: 'insufficient_credits',
			status: 402,
			kind: 'permanent',
			hint: /Not enough Genviral credits/,
			request: withPack(TIKTOK_URL),
			setup: () => sandbox.configure({ genviralCredits: 0 }),
		},
		{
			errorCode: 'rate_limited',
			status: 429,
			kind: 'rateLimit',
			hint: /rate limit/,
			request: withPack(`${TIKTOK_URL}?sandbox-rate-limit`),
		},
		{
			errorCode: 'tiktok_fetch_failed',
			status: 502,
			kind: 'transient',
			hint: /could not fetch the post/,
			request: withPack(`${TIKTOK_URL}?sandbox-fetch-fail`),
		},
		{
			errorCode: 'upstream_config_error',
			status: 500,
			kind: 'transient',
			hint: /Contact Genviral support/,
			request: withPack(`${TIKTOK_URL}?sandbox-upstream-config`),
		},
		{
			errorCode: 'import_failed',
			status: 500,
			kind: 'transient',
			hint: /Credits are refunded/,
			request: withPack(`${TIKTOK_URL}?sandbox-import-fail`),
		},
	];

	it('covers every error the seed lists', () => {
		expect(cases.map((c) => c.errorCode).sort()).toEqual(
			[
				'invalid_json',
				'invalid_payload',
				'invalid_tiktok_url',
				'not_slideshow',
				'pack_not_found',
				'pack_empty',
				'pack_source_conflict',
				'product_not_found',
				'forbidden_product_access',
				'insufficient_credits',
				'rate_limited',
				'tiktok_fetch_failed',
				'upstream_config_error',
				'import_failed',
			].sort(),
		);
	});

	it.each(cases)(
		'$status $errorCode → NodeApiError with the code, the status and a hint',
		async ({ errorCode, status, kind, hint, request, setup }) => {
			setup?.();
			const slideshowsBefore = sandbox.state.genviral.slideshows.length;
			const error = await failing(request);
			expect(lastRequest()).toMatchObject({ path: IMPORT, status, code: errorCode });
			expect(error.message).toMatch(new RegExp(`^Genviral: .+ \\(code ${errorCode}\\)$`));
			expect(error.httpCode).toBe(String(status));
			expect(error.context).toMatchObject({ providerCode: errorCode, failureKind: kind });
			expect(error.description).toMatch(hint);
			// No slideshow is created and no credit is kept on a failed import.
			expect(sandbox.state.genviral.slideshows).toHaveLength(slideshowsBefore);
			expect(sandbox.state.genviral.credits.used_this_period).toBe(0);
		},
	);
});

describe('other errors', () => {
	it('points to the credential on 401 invalid_token, without showing the key', async () => {
		const error = await failing({ endpoint: '/accounts' }, BAD_KEY);
		expect(lastRequest()).toMatchObject({ auth: 'invalid', status: 401, code: 'invalid_token' });
		expect(error.message).toBe('Genviral: Invalid or revoked API key (code invalid_token)');
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/Genviral API credential/);
		expect(error.context?.failureKind).toBe('permanent');
	});

	it('explains a missing plan (402) and a Scheduler tier (403)', async () => {
		const noPlan = await failing({ endpoint: '/accounts' }, SANDBOX_KEYS.genviral.noPlanKey);
		expect(noPlan.httpCode).toBe('402');
		expect(noPlan.context?.providerCode).toBe('subscription_required');
		expect(noPlan.description).toMatch(/active Creator, Professional or Business plan/);

		const scheduler = await failing(
			{ endpoint: '/slideshows' },
			SANDBOX_KEYS.genviral.schedulerKey,
		);
		expect(scheduler.httpCode).toBe('403');
		expect(scheduler.context?.providerCode).toBe('tier_not_allowed');
		expect(scheduler.description).toMatch(/Upgrade the plan/);
	});

	it('maps render errors: not_found, no_slides and render_failed', async () => {
		const missing = await failing({ method: 'POST', endpoint: `/slideshows/${OTHER_UUID}/render` });
		expect(missing.httpCode).toBe('404');
		expect(missing.context?.providerCode).toBe('not_found');
		expect(missing.description).toMatch(/scope of this API key/);

		const empty = await failing({
			method: 'POST',
			endpoint: `/slideshows/${GENVIRAL_IDS.slideshowWithoutSlides}/render`,
		});
		expect(empty.httpCode).toBe('422');
		expect(empty.context).toMatchObject({ providerCode: 'no_slides', failureKind: 'permanent' });

		const imported = await ok({
			method: 'POST',
			endpoint: IMPORT,
			body: { url: TIKTOK_URL, pack_id: GENVIRAL_IDS.packWithImages, title: 'sandbox-fail render' },
		});
		const broken = await failing({
			method: 'POST',
			endpoint: `/slideshows/${(imported.slideshow as IDataObject).id}/render`,
		});
		expect(broken.httpCode).toBe('500');
		expect(broken.context).toMatchObject({
			providerCode: 'render_failed',
			failureKind: 'transient',
		});
	});

	it('treats {ok: false} as an error even when the HTTP status is 200', async () => {
		sandbox.injectFault({
			provider: 'genviral',
			path: '/accounts',
			type: 'http',
			status: 200,
			code: 'import_failed',
		});
		const error = await failing({ endpoint: '/accounts' });
		expect(error.context?.providerCode).toBe('import_failed');
		expect(error.httpCode).toBe('200');
	});

	it('reads a body without the envelope as transient', async () => {
		sandbox.injectFault({ provider: 'genviral', type: 'malformed' });
		const error = await failing({ endpoint: '/accounts' });
		expect(error.message).toBe('Genviral: Unreadable answer (HTTP 200) for GET /accounts');
		expect(error.context?.failureKind).toBe('transient');
	});

	it('reports a dropped connection as connectionLost: the import may have happened', async () => {
		sandbox.injectFault({ provider: 'genviral', path: IMPORT, type: 'dropAfterProcessing' });
		const error = await failing({
			method: 'POST',
			endpoint: IMPORT,
			body: { url: TIKTOK_URL, pack_id: GENVIRAL_IDS.packWithImages },
		});
		expect(error.context?.failureKind).toBe('connectionLost');
		expect(sandbox.state.genviral.credits.used_this_period).toBeGreaterThan(0);
	});

	it('with Continue On Fail, outputs the error fields instead of stopping', async () => {
		const { json, error } = await probe(
			'genviral',
			{ endpoint: `/packs/${OTHER_UUID}` },
			credentials(),
			{
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(json?.error).toMatchObject({
			message: 'Genviral: Pack not found (code not_found)',
			httpCode: '404',
			providerCode: 'not_found',
			providerMessage: 'Pack not found',
			failureKind: 'permanent',
			description: expect.stringMatching(/scope of this API key/),
		});
	});
});

describe('credential', () => {
	const credentialType = new GenviralApi();
	// The node whose `testedBy` names the credential's Test.
	const nodeType = new Genviral();

	it('passes with a good key (and with a Scheduler-tier key, which may read accounts)', async () => {
		for (const apiKey of [SANDBOX_KEYS.genviral.apiKey, SANDBOX_KEYS.genviral.schedulerKey]) {
			const result = await testCredential({
				credentialType,
				data: credentials(apiKey).genviralApi,
				nodeType,
			});
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		}
		expect(
			sandbox.requests({ provider: 'genviral' }).map((entry) => [entry.path, entry.auth]),
		).toEqual([
			['/accounts', 'valid'],
			['/accounts', 'valid'],
		]);
	});

	it.each([
		['a bad key', BAD_KEY, /Genviral rejected the partner API key/],
		[
			'a key without a plan',
			SANDBOX_KEYS.genviral.noPlanKey,
			/needs an active Creator, Professional or Business plan/,
		],
	])('fails with a clear message on %s, never showing it', async (_label, apiKey, message) => {
		const result = await testCredential({
			credentialType,
			data: credentials(apiKey).genviralApi,
			nodeType,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).not.toContain(apiKey);
	});
});

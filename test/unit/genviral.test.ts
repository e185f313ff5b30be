import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { subscriptionJson } from '../../nodes/Genviral/actions/account/getSubscription.operation';
import { copySchema } from '../../nodes/Genviral/actions/slideshow/copyFromTiktok.operation';
import type { CopyPlan } from '../../nodes/Genviral/jobs';
import {
	copyJson,
	GENVIRAL_SLIDESHOW_STATUSES,
	importBody,
	renderedImageUrls,
	renderJson,
} from '../../nodes/Genviral/jobs';
import { parseUrlList, tiktokUrlSchema } from '../../nodes/Genviral/fields';
import { Genviral } from '../../nodes/Genviral/Genviral.node';
import { BACKGROUND_SOURCES, SLIDESHOW_STATUSES } from '../../nodes/Genviral/enums';
import {
	asRefusal,
	GENVIRAL_ERROR_HINTS,
	genviralApiRequest,
	isGenviralRefusal,
} from '../../nodes/Genviral/transport';
import { failureKind } from '../../nodes/shared/errors';
import { jobStateOf } from '../../nodes/shared/jobStates';
import { resetRateLimits } from '../../nodes/shared/rateLimiter';
import type { ApiContext } from '../../nodes/shared/request';
import codex from '../../nodes/Genviral/Genviral.node.json';
import { fakeNode } from '../helpers/fakeNode';

const PACK = '11111111-1111-1111-1111-111111111111';
const PHOTO = 'https://www.tiktok.com/@creator/photo/7499123456789012345';

const validItem = (overrides: IDataObject = {}): IDataObject => ({
	tiktokUrl: PHOTO,
	backgroundImages: 'pack',
	imagePack: PACK,
	previewFirst: true,
	...overrides,
});

function firstIssue(value: IDataObject): string | undefined {
	const result = copySchema.safeParse(value);
	if (result.success) return undefined;
	const issue = result.error.issues[0];
	return `${issue.path.join('.')}: ${issue.message}`;
}

describe('TikTok URL check (before anything is sent)', () => {
	it.each([
		PHOTO,
		'https://vm.tiktok.com/ZMabcdef/',
		'https://vt.tiktok.com/ZSabcdef/',
		'https://m.tiktok.com/v/7499123456789012345.html',
		'http://tiktok.com/@creator/photo/1',
		'  https://www.tiktok.com/@creator/photo/1  ',
	])('accepts %p', (url) => {
		expect(tiktokUrlSchema.safeParse(url).success).toBe(true);
	});

	it('adds https:// to a link pasted without it, and sends the rest as given', () => {
		expect(tiktokUrlSchema.parse('www.tiktok.com/@creator/photo/1')).toBe(
			'https://www.tiktok.com/@creator/photo/1',
		);
		expect(tiktokUrlSchema.parse(` ${PHOTO} `)).toBe(PHOTO);
	});

	it.each([
		'https://www.youtube.com/watch?v=abc',
		'https://www.instagram.com/p/Cabc123/',
		'https://tiktok.com.example.net/@creator/photo/1',
		'https://nottiktok.com/@creator/photo/1',
		'ftp://www.tiktok.com/@creator/photo/1',
		'not a url at all',
	])('rejects %p, naming what a TikTok link looks like', (url) => {
		const result = tiktokUrlSchema.safeParse(url);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].message).toMatch(
			/^must be a TikTok link, e\.g\. https:\/\/www\.tiktok\.com\//,
		);
	});

	it('says "is required" for an empty link', () => {
		expect(tiktokUrlSchema.safeParse('   ').error?.issues[0].message).toMatch(/^is required/);
	});
});

describe('Copy from TikTok fields', () => {
	it('accepts a pack or image URLs', () => {
		expect(firstIssue(validItem())).toBeUndefined();
		expect(
			firstIssue(
				validItem({
					backgroundImages: 'urls',
					imagePack: undefined,
					imageUrls: ['https://a.example/1.jpg'],
				}),
			),
		).toBeUndefined();
	});

	it('needs the chosen background source, with its own message', () => {
		expect(firstIssue(validItem({ imagePack: '' }))).toMatch(/^imagePack: is required/);
		expect(firstIssue(validItem({ imagePack: 'my pack' }))).toMatch(
			/^imagePack: must be an image pack ID/,
		);
		expect(firstIssue(validItem({ backgroundImages: 'urls', imageUrls: [] }))).toMatch(
			/^imageUrls: needs at least one image URL/,
		);
		expect(
			firstIssue(
				validItem({ backgroundImages: 'urls', imageUrls: ['https://a.example/1.jpg', 'a.jpg'] }),
			),
		).toMatch(/^imageUrls: must hold http\(s\) image URLs; "a\.jpg" is not one/);
		const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://a.example/${i}.jpg`);
		expect(
			firstIssue(validItem({ backgroundImages: 'urls', imageUrls: urls(100) })),
		).toBeUndefined();
		expect(firstIssue(validItem({ backgroundImages: 'urls', imageUrls: urls(101) }))).toMatch(
			/at most 100 image URLs \(Genviral limit\); got 101/,
		);
	});

	it('limits the title to 200 characters', () => {
		expect(firstIssue(validItem({ title: 't'.repeat(200) }))).toBeUndefined();
		expect(firstIssue(validItem({ title: 't'.repeat(201) }))).toBe(
			'title: must be at most 200 characters (Genviral limit)',
		);
	});

	it('wants UUIDs for the product and preview IDs', () => {
		expect(
			firstIssue(validItem({ productId: '44444444-4444-4444-8444-444444444444' })),
		).toBeUndefined();
		expect(firstIssue(validItem({ productId: 'sku-1' }))).toMatch(
			/^productId: must be a product ID, a UUID/,
		);
		expect(firstIssue(validItem({ previewId: 'abc' }))).toMatch(
			/^previewId: must be a preview ID, a UUID/,
		);
	});

	it('shows the pack only for Image Pack and the URLs only for Image URLs, so both can never be sent', () => {
		const properties = new Genviral().description.properties;
		const shownFor = (name: string) =>
			properties.find(
				(property) => property.name === name && property.displayOptions?.show?.operation,
			)?.displayOptions?.show?.backgroundImages;
		expect(shownFor('imagePack')).toEqual(['pack']);
		expect(shownFor('imageUrls')).toEqual(['urls']);
		const source = properties.find(
			(property) => property.name === 'backgroundImages',
		) as INodeProperties;
		expect(source.noDataExpression).toBe(true);
		expect((source.options as Array<{ value: string }>).map((option) => option.value)).toEqual(
			BACKGROUND_SOURCES.map((entry) => entry.value),
		);
	});
});

describe('import payloads (Partner API docs)', () => {
	const plan = (overrides: Partial<CopyPlan> = {}): CopyPlan => ({
		url: PHOTO,
		backgrounds: { pack_id: PACK },
		previewFirst: true,
		...overrides,
	});

	it("is the import docs' example for a pack, a preview and a title", () => {
		expect(
			importBody(plan({ title: 'Copied Hook Variant' }), 'a8d34c8b-6f31-4f04-8b62-6f01708af952'),
		).toEqual({
			url: PHOTO,
			preview_id: 'a8d34c8b-6f31-4f04-8b62-6f01708af952',
			pack_id: PACK,
			title: 'Copied Hook Variant',
		});
	});

	it('carries exactly one background source and only the fields that are set', () => {
		const withUrls = importBody(
			plan({ backgrounds: { pack_images: ['https://a.example/1.jpg'] }, productId: 'p' }),
		);
		expect(withUrls).toEqual({
			url: PHOTO,
			pack_images: ['https://a.example/1.jpg'],
			product_id: 'p',
		});
		expect(withUrls).not.toHaveProperty('pack_id');
		expect(importBody(plan())).toEqual({ url: PHOTO, pack_id: PACK });
	});

	it('outputs the import answer with the slideshow id first and the preview used', () => {
		const answer = {
			slideshow: { id: 's1', status: 'draft' },
			credits_used: 2,
			used_cached_preview: true,
		};
		expect(Object.keys(copyJson(answer, 's1', 'p1'))).toEqual([
			'slideshow_id',
			'slideshow',
			'credits_used',
			'used_cached_preview',
			'preview_id',
		]);
		expect(copyJson(answer, 's1').preview_id).toBeNull();
	});
});

describe('image URL lists', () => {
	it.each<[unknown, string[]]>([
		[
			'https://a.example/1.jpg\nhttps://a.example/2.jpg',
			['https://a.example/1.jpg', 'https://a.example/2.jpg'],
		],
		[
			'https://a.example/1.jpg, https://a.example/2.jpg',
			['https://a.example/1.jpg', 'https://a.example/2.jpg'],
		],
		[
			'https://a.example/1.jpg https://a.example/2.jpg',
			['https://a.example/1.jpg', 'https://a.example/2.jpg'],
		],
		['https://a.example/w_400,h_300/1.jpg', ['https://a.example/w_400,h_300/1.jpg']],
		[
			'["https://a.example/1.jpg","https://a.example/2.jpg"]',
			['https://a.example/1.jpg', 'https://a.example/2.jpg'],
		],
		[
			['https://a.example/1.jpg', { url: 'https://a.example/2.jpg' }],
			['https://a.example/1.jpg', 'https://a.example/2.jpg'],
		],
		['', []],
		[undefined, []],
	])('reads %p', (value, expected) => {
		expect(parseUrlList(value)).toEqual(expected);
	});
});

describe('enums', () => {
	it('offers the two slideshow statuses of the Partner API', () => {
		expect(SLIDESHOW_STATUSES.map((status) => status.value)).toEqual(['draft', 'rendered']);
	});

	it('classifies every slideshow status for the wait', () => {
		expect(jobStateOf(GENVIRAL_SLIDESHOW_STATUSES, 'draft')).toBe('pending');
		expect(jobStateOf(GENVIRAL_SLIDESHOW_STATUSES, 'rendered')).toBe('succeeded');
		expect(jobStateOf(GENVIRAL_SLIDESHOW_STATUSES, 'Rendered ')).toBe('succeeded');
		// Undocumented values never end the wait on a guess.
		expect(jobStateOf(GENVIRAL_SLIDESHOW_STATUSES, 'rendering')).toBe('pending');
		expect(jobStateOf(GENVIRAL_SLIDESHOW_STATUSES, undefined)).toBe('pending');
	});
});

describe('render output', () => {
	it('reads rendered slide images when Genviral returns them', () => {
		expect(
			renderedImageUrls({
				slides: [
					{ rendered_image_url: 'https://cdn/1.jpg' },
					{ image_url: 'bg' },
					{ rendered_image_url: '' },
				],
			}),
		).toEqual(['https://cdn/1.jpg']);
		expect(renderedImageUrls(undefined)).toEqual([]);
	});

	it('takes the latest read of the slideshow, else the render answer', () => {
		const answer = {
			id: 's1',
			status: 'rendered',
			preview_image_url: 'https://cdn/p.jpg',
			slide_count: 4,
		};
		expect(renderJson({ id: 's1', state: 'pending' }, answer)).toEqual({
			id: 's1',
			title: null,
			status: 'rendered',
			preview_image_url: 'https://cdn/p.jpg',
			last_rendered_at: null,
			slide_count: 4,
			rendered_image_urls: [],
		});
		const read = {
			id: 's1',
			title: 'T',
			status: 'rendered',
			preview_image_url: 'https://cdn/p2.jpg',
			last_rendered_at: '2026-01-01T00:00:00Z',
			slides: [{ rendered_image_url: 'https://cdn/1.jpg' }],
		};
		expect(renderJson({ id: 's1', state: 'succeeded', job: read }, answer)).toMatchObject({
			title: 'T',
			preview_image_url: 'https://cdn/p2.jpg',
			rendered_image_urls: ['https://cdn/1.jpg'],
		});
	});
});

describe('subscription', () => {
	const credits = {
		limit: 100,
		used_this_period: 10,
		remaining: 90,
		reset_at: '2026-02-01T00:00:00Z',
	};
	it.each([
		[
			'nested, as the Partner API docs show it',
			{
				scope: 'workspace',
				workspace_id: 'w',
				subscription: { tier: 'small', status: 'active', credits },
			},
		],
		['flat', { tier: 'small', status: 'active', credits }],
	])('flattens tier and credits (%s)', (_label, data) => {
		expect(subscriptionJson(data as IDataObject)).toMatchObject({
			tier: 'small',
			status: 'active',
			credits_remaining: 90,
			credits_limit: 100,
			credits_used_this_period: 10,
			credits_reset_at: '2026-02-01T00:00:00Z',
			credits,
		});
	});
});

describe('error mapping: every documented error has a hint a no-code user can act on', () => {
	const node = fakeNode({ id: '1', name: 'Genviral', type: 'genviral' });

	/** A context whose HTTP helper answers with Genviral's error envelope. */
	function answering(statusCode: number, body: unknown): ApiContext {
		return {
			getNode: () => node,
			getCredentials: async () => ({
				apiKey: 'pub.secret',
				baseUrl: 'https://genviral.test/api/partner/v1',
			}),
			getExecutionCancelSignal: () => undefined,
			helpers: { httpRequestWithAuthentication: async () => ({ statusCode, body }) },
		} as unknown as ApiContext;
	}

	async function errorOf(status: number, errorCode: string, message = 'Provider message') {
		try {
			await genviralApiRequest.call(
				answering(status, { ok: false, code: status, message, error_code: errorCode }),
				'POST',
				'/slideshows/copy-tiktok/import',
				{ body: {} },
			);
		} catch (error) {
			return error as Error & { description?: string; httpCode?: string; context: IDataObject };
		}
		throw new Error('expected an error');
	}

	beforeEach(() => resetRateLimits());

	// The 14 documented import errors, then the preview's own one and those of render and the account.
	const DOCUMENTED: Array<[number, string, RegExp]> = [
		[400, 'invalid_json', /not valid JSON.*Nothing was created or charged/],
		[422, 'invalid_payload', /limits given in their descriptions/],
		[422, 'invalid_tiktok_url', /TikTok photo \(slideshow\) post/],
		[422, 'not_slideshow', /only photo posts .* can be copied/],
		[404, 'pack_not_found', /Choose an image pack from the list/],
		[422, 'pack_empty', /Add images to the pack in Genviral, or choose another image pack/],
		[422, 'pack_source_conflict', /not both/],
		[404, 'product_not_found', /leave Product ID empty/],
		[403, 'forbidden_product_access', /may not use that product/],
		[402, 'insufficient_credits', /Top up credits/],
		[429, 'rate_limited', /slows down and retries by itself/],
		[502, 'tiktok_fetch_failed', /TikTok did not answer\)\. Try again later/],
		[500, 'upstream_config_error', /Contact Genviral support/],
		[500, 'import_failed', /Credits are refunded automatically and no draft was made; run again/],
		[500, 'preview_failed', /never costs credits/],
		[500, 'render_failed', /Run Render again/],
		[422, 'no_slides', /Add slides/],
		[404, 'not_found', /scope of this API key/],
		[401, 'invalid_token', /Genviral API credential/],
		[402, 'subscription_required', /Activate or upgrade the plan/],
		[403, 'tier_not_allowed', /Upgrade the plan/],
	];

	it('has a hint for every code it documents, and only for them', () => {
		expect(Object.keys(GENVIRAL_ERROR_HINTS).sort()).toEqual(
			[...DOCUMENTED.map(([, code]) => code), 'unauthorized'].sort(),
		);
	});

	it.each(DOCUMENTED)(
		'%i %s → message with the code, and the hint',
		async (status, errorCode, hint) => {
			const error = await errorOf(status, errorCode);
			expect(error.message).toBe(`Genviral: Provider message (code ${errorCode})`);
			expect(error.httpCode).toBe(String(status));
			expect(error.context.providerCode).toBe(errorCode);
			expect(error.description).toMatch(hint);
			expect(error.description).not.toContain('pub.secret');
		},
	);

	it('reads an answer without a known code by its HTTP status', async () => {
		const gateway = await errorOf(503, 'something_new');
		expect(gateway.description).toMatch(/temporary problem/);
		expect(failureKind(gateway)).toBe('transient');
	});

	it('treats every Genviral error answer but a rate limit as "not created", and a lost answer as unknown', async () => {
		const importFailed = await errorOf(500, 'import_failed');
		expect(failureKind(importFailed)).toBe('transient');
		expect(isGenviralRefusal(importFailed)).toBe(true);
		expect(failureKind(asRefusal(importFailed))).toBe('permanent');

		const rateLimited = await errorOf(429, 'rate_limited');
		expect(isGenviralRefusal(rateLimited)).toBe(false);
		expect(failureKind(asRefusal(rateLimited))).toBe('rateLimit');

		const lost = { context: { provider: 'Genviral', failureKind: 'connectionLost' } };
		expect(isGenviralRefusal(lost)).toBe(false);
		expect(failureKind(asRefusal(lost))).toBe('connectionLost');
	});
});

describe('node description', () => {
	const { description } = new Genviral();

	it('is findable in the node panel: Marketing only, never the AI category', () => {
		expect(codex.categories).toEqual(['Marketing']);
		expect(JSON.stringify(codex)).not.toMatch(/"AI"/);
		expect(codex.node).toBe('n8n-nodes-shortform-video.genviral');
		expect(codex.alias).toEqual(
			expect.arrayContaining(['Genviral', 'TikTok', 'slideshow', 'video']),
		);
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/\/docs\/nodes\/genviral\.md$/);
	});

	it('is a tool with one short line of description', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.name).toBe('genviral');
		expect(description.description).not.toMatch(/\n/);
		expect(description.icon).toEqual({
			light: 'file:../../icons/genviral.svg',
			dark: 'file:../../icons/genviral.dark.svg',
		});
	});

	it('offers every operation of the issue', () => {
		const operations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options as Array<{ value: string }>).map(
					(option) => `${property.displayOptions?.show?.resource?.[0]}:${option.value}`,
				),
			)
			.sort();
		expect(operations).toEqual(
			[
				'slideshow:copyFromTiktok',
				'slideshow:previewCopy',
				'slideshow:get',
				'slideshow:getMany',
				'slideshow:render',
				'imagePack:get',
				'imagePack:getMany',
				'account:getSubscription',
			].sort(),
		);
	});
});

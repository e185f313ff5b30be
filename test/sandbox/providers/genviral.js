'use strict';

/**
 * Genviral Partner API (seed 004 + providers.md), mounted at /genviral/api/partner/v1.
 *
 * Envelope: success `{ok:true, code, message, data}`, failure `{ok:false, code, message, error_code}`, where `code`
 * mirrors the HTTP status. Every documented error of the copy-tiktok import can be produced by an input (see the
 * README table), and the preview spends no credits while the import does.
 */

const { SANDBOX_KEYS } = require('../lib/keys');
const {
	uuid,
	isoSeconds,
	isPlainObject,
	isHttpUrl,
	isUuid,
	parseIntParam,
	hasMarker,
	hashString,
} = require('../lib/util');

const KEYS = {
	[SANDBOX_KEYS.genviral.apiKey]: 'main',
	[SANDBOX_KEYS.genviral.noPlanKey]: 'noPlan',
	[SANDBOX_KEYS.genviral.schedulerKey]: 'scheduler',
};

const WORKSPACE_ID = '5a1d3f0e-7c2b-4e8a-9f61-0c0ffee00001';
const PREVIEW_TTL_MS = 10 * 60 * 1000;
const MAX_IMPORTED_SLIDES = 8;

// Fixed ids so tests and examples can name them.
// The pack id of seed 004's example request, so that request works as written.
const PACK_WITH_IMAGES = '11111111-1111-1111-1111-111111111111';
const PACK_EMPTY = '22222222-2222-4222-8222-222222222222';
const PACK_PUBLIC = '33333333-3333-4333-8333-333333333333';
const PRODUCT_OWN = '44444444-4444-4444-8444-444444444444';
const PRODUCT_OTHER_WORKSPACE = '55555555-5555-4555-8555-555555555555';
const SLIDESHOW_NO_SLIDES = '66666666-6666-4666-8666-666666666666';

const TIKTOK_HOST_RE = /(^|\.)tiktok\.com$/i;

module.exports = function createGenviral(ctx) {
	let slideshows;
	let previews;
	let packs;
	let creditsUsed;
	let periodStart;

	/** Stored as a /files path (packs and drafts are seeded before the server has an address). */
	function imageUrl(name) {
		return ctx.filePath('images', `${name}.jpg`);
	}

	/** Turns every stored /files path in an answer into an absolute URL. */
	function absolute(value) {
		if (Array.isArray(value)) return value.map(absolute);
		if (isPlainObject(value))
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, absolute(v)]));
		return ctx.abs(value);
	}

	function seedPacks() {
		const images = (packId, n) =>
			Array.from({ length: n }, (_, i) => ({
				id: `${packId.slice(0, 24)}${String(i + 1).padStart(12, '0')}`,
				url: imageUrl(`pack-${packId.slice(0, 8)}-${i + 1}`),
				metadata: { status: 'completed' },
			}));
		return new Map([
			[
				PACK_WITH_IMAGES,
				{
					id: PACK_WITH_IMAGES,
					name: 'Sandbox product shots',
					is_public: false,
					images: images(PACK_WITH_IMAGES, 12),
				},
			],
			[PACK_EMPTY, { id: PACK_EMPTY, name: 'Sandbox empty pack', is_public: false, images: [] }],
			[
				PACK_PUBLIC,
				{
					id: PACK_PUBLIC,
					name: 'Public lifestyle pack',
					is_public: true,
					images: images(PACK_PUBLIC, 6),
				},
			],
		]);
	}

	function newSlideshow({ id, title, slideCount, createdAt, productId = null, status = 'draft' }) {
		return {
			id,
			title,
			status,
			slideshow_type: 'educational',
			product_id: productId,
			settings: {
				aspect_ratio: '4:5',
				language: 'en',
				advanced_settings: { font_size: 'default', text_preset: 'tiktok', text_width: 'default' },
			},
			slides: Array.from({ length: slideCount }, (_, i) => ({
				index: i,
				image_url: imageUrl(`slide-${id.slice(0, 8)}-${i}`),
				text_elements: [
					{
						id: `${id.slice(0, 8)}-t${i}`,
						text: `Slide ${i + 1} text`,
						font_size: 'default',
						text_preset: 'tiktok',
					},
				],
			})),
			created_at: isoSeconds(createdAt),
			updated_at: isoSeconds(createdAt),
			last_rendered_at: null,
			preview_image_url: null,
		};
	}

	function reset() {
		const now = ctx.now();
		slideshows = new Map();
		const seeded = [
			newSlideshow({
				id: 'a1b2c3d4-0000-4000-8000-000000000001',
				title: 'Morning routine hooks',
				slideCount: 5,
				createdAt: now - 86400000,
			}),
			newSlideshow({
				id: SLIDESHOW_NO_SLIDES,
				title: 'Empty draft',
				slideCount: 0,
				createdAt: now - 3600000,
			}),
		];
		for (const s of seeded) slideshows.set(s.id, s);
		previews = new Map();
		packs = seedPacks();
		creditsUsed = 0;
		periodStart = now;
	}

	// ---- envelope --------------------------------------------------------------------------------------------

	const success = (status, message, data) => ({
		status,
		json: { ok: true, code: status, message, data: absolute(data) },
	});
	const error = (status, errorCode, message, headers) => ({
		status,
		json: { ok: false, code: status, message, error_code: errorCode },
		headers,
	});

	function credits() {
		const limit = ctx.options().genviralCredits;
		return {
			limit,
			used_this_period: creditsUsed,
			remaining: Math.max(0, limit - creditsUsed),
			reset_at: isoSeconds(periodStart + 30 * 86400000),
		};
	}

	// ---- TikTok URL analysis (what the import would fetch) ----------------------------------------------------

	/** Returns { error } or { sourceUrl, photoId, totalSlides }. */
	function analyseTiktokUrl(raw) {
		if (!isHttpUrl(raw))
			return { error: error(422, 'invalid_tiktok_url', 'URL is not a valid TikTok URL') };
		const url = new URL(raw);
		if (!TIKTOK_HOST_RE.test(url.hostname)) {
			return { error: error(422, 'invalid_tiktok_url', 'URL is not a valid TikTok URL') };
		}
		if (/\/video\//i.test(url.pathname)) {
			return { error: error(422, 'not_slideshow', 'TikTok post is not a slideshow/photo post') };
		}
		if (hasMarker('sandbox-rate-limit', raw)) {
			return {
				error: error(429, 'rate_limited', 'Too many requests. Please slow down.', {
					'Retry-After': '1',
				}),
			};
		}
		if (hasMarker('sandbox-upstream-config', raw)) {
			return {
				error: error(500, 'upstream_config_error', 'TikTok upstream credentials/config missing'),
			};
		}
		if (hasMarker('sandbox-fetch-fail', raw)) {
			return { error: error(502, 'tiktok_fetch_failed', 'Failed to fetch the TikTok post') };
		}
		const photo = /\/photo\/(\d+)/.exec(url.pathname);
		const photoId = photo ? photo[1] : String(hashString(raw));
		// Short links (vm.tiktok.com/…) are "expanded" to a canonical photo URL.
		const sourceUrl = photo ? raw : `https://www.tiktok.com/@creator/photo/${photoId}`;
		const totalSlides = 2 + (hashString(photoId) % 9); // 2..10, so some posts exceed the 8-slide cap
		return { sourceUrl, photoId, totalSlides };
	}

	function slideFacts(totalSlides) {
		const slideCount = Math.min(totalSlides, MAX_IMPORTED_SLIDES);
		return {
			slideCount,
			capped: totalSlides > MAX_IMPORTED_SLIDES,
			credits: Math.ceil(slideCount / 2),
		};
	}

	// ---- handlers --------------------------------------------------------------------------------------------

	function copyPreview(req) {
		if (req.bodyInvalid) return error(400, 'invalid_json', 'Request body is not valid JSON');
		const b = req.body;
		if (!isPlainObject(b) || typeof b.url !== 'string' || b.url.trim() === '') {
			return error(422, 'invalid_payload', 'Payload validation failed: url is required');
		}
		const info = analyseTiktokUrl(b.url.trim());
		if (info.error) return info.error;
		if (hasMarker('sandbox-preview-fail', b.url))
			return error(500, 'preview_failed', 'Preview failed');
		const facts = slideFacts(info.totalSlides);
		const previewId = uuid(ctx.rng);
		const images = Array.from({ length: facts.slideCount }, (_, i) => ({
			index: i,
			url: imageUrl(`tiktok-${info.photoId}-${i + 1}`),
			text: `Slide ${i + 1} of the original post`,
		}));
		previews.set(previewId, {
			url: info.sourceUrl,
			expiresAt: ctx.now() + PREVIEW_TTL_MS,
			...facts,
			totalSlides: info.totalSlides,
		});
		return success(200, 'TikTok slideshow preview ready', {
			preview_id: previewId,
			source_url: info.sourceUrl,
			images,
			slide_count: facts.slideCount,
			total_slides: info.totalSlides,
			capped: facts.capped,
			estimated_credits: facts.credits,
		});
	}

	function copyImport(req) {
		if (req.bodyInvalid) return error(400, 'invalid_json', 'Request body is not valid JSON');
		const b = req.body;
		if (!isPlainObject(b))
			return error(422, 'invalid_payload', 'Payload validation failed: body must be an object');
		if (b.pack_id !== undefined && b.pack_images !== undefined) {
			return error(
				422,
				'pack_source_conflict',
				'Provide exactly one of pack_id or pack_images, not both',
			);
		}
		const problems = [];
		if (typeof b.url !== 'string' || b.url.trim() === '') problems.push('url is required');
		if (b.preview_id !== undefined && !isUuid(b.preview_id))
			problems.push('preview_id must be a UUID');
		if (b.title !== undefined && (typeof b.title !== 'string' || b.title.length > 200)) {
			problems.push('title must be a string of at most 200 characters');
		}
		if (b.pack_id !== undefined && !isUuid(b.pack_id)) problems.push('pack_id must be a UUID');
		if (
			b.pack_images !== undefined &&
			!(
				Array.isArray(b.pack_images) &&
				b.pack_images.length >= 1 &&
				b.pack_images.length <= 100 &&
				b.pack_images.every(isHttpUrl)
			)
		) {
			problems.push('pack_images must be 1-100 http(s) image URLs');
		}
		if (b.product_id !== undefined && !isUuid(b.product_id))
			problems.push('product_id must be a UUID');
		if (b.pack_id === undefined && b.pack_images === undefined)
			problems.push('provide exactly one of pack_id or pack_images');
		if (problems.length)
			return error(422, 'invalid_payload', `Payload validation failed: ${problems.join('; ')}`);

		const info = analyseTiktokUrl(b.url.trim());
		if (info.error) return info.error;

		if (b.product_id !== undefined) {
			if (b.product_id === PRODUCT_OTHER_WORKSPACE) {
				return error(403, 'forbidden_product_access', 'You do not have access to this product');
			}
			if (b.product_id !== PRODUCT_OWN) return error(404, 'product_not_found', 'Product not found');
		}
		let backgrounds;
		if (b.pack_id !== undefined) {
			const pack = packs.get(b.pack_id);
			if (!pack) return error(404, 'pack_not_found', 'Pack not found');
			if (pack.images.length === 0) return error(422, 'pack_empty', 'The pack has no images');
			backgrounds = pack.images.map((img) => img.url);
		} else {
			backgrounds = b.pack_images;
		}

		let facts;
		let usedCachedPreview = false;
		const cached = b.preview_id !== undefined ? previews.get(b.preview_id) : undefined;
		if (cached && cached.expiresAt > ctx.now() && cached.url === info.sourceUrl) {
			facts = cached;
			usedCachedPreview = true;
		} else {
			facts = { ...slideFacts(info.totalSlides), totalSlides: info.totalSlides };
		}
		if (credits().remaining < facts.credits) {
			return error(
				402,
				'insufficient_credits',
				`Insufficient credits: this import needs ${facts.credits}`,
			);
		}
		// Credits are deducted, then refunded automatically when the import fails.
		if (hasMarker('sandbox-import-fail', b.url, b.title))
			return error(500, 'import_failed', 'Import failed; credits were refunded');

		creditsUsed += facts.credits;
		const now = ctx.now();
		const id = uuid(ctx.rng);
		const show = newSlideshow({
			id,
			title: b.title || `TikTok copy ${info.photoId}`,
			slideCount: facts.slideCount,
			createdAt: now,
			productId: b.product_id || null,
		});
		show.slides.forEach((slide, i) => {
			slide.image_url = backgrounds[i % backgrounds.length];
		});
		show.source_url = info.sourceUrl;
		slideshows.set(id, show);
		return success(201, 'TikTok slideshow imported', {
			slideshow: { id, title: show.title, status: show.status, slide_count: facts.slideCount },
			source_url: info.sourceUrl,
			slide_count: facts.slideCount,
			total_slides: facts.totalSlides,
			capped: facts.capped,
			credits_used: facts.credits,
			used_cached_preview: usedCachedPreview,
		});
	}

	/** limit/offset query parameters; returns { limit, offset } or { error }. */
	function limitOffset(query, defaultLimit) {
		const out = { limit: defaultLimit, offset: 0 };
		if (query.limit !== undefined) {
			const n = parseIntParam(query.limit);
			if (!(n >= 1 && n <= 100))
				return {
					error: error(422, 'invalid_payload', 'limit must be an integer between 1 and 100'),
				};
			out.limit = n;
		}
		if (query.offset !== undefined) {
			const n = parseIntParam(query.offset);
			if (!(n >= 0))
				return { error: error(422, 'invalid_payload', 'offset must be an integer >= 0') };
			out.offset = n;
		}
		return out;
	}

	function summary(s) {
		return {
			id: s.id,
			title: s.title,
			status: s.status,
			slideshow_type: s.slideshow_type,
			slide_count: s.slides.length,
			has_rendered_slide: s.last_rendered_at !== null,
			preview_image_url: s.preview_image_url,
			product_id: s.product_id,
			created_at: s.created_at,
			updated_at: s.updated_at,
		};
	}

	function listSlideshows(req) {
		const page = limitOffset(req.query, 20);
		if (page.error) return page.error;
		const search = typeof req.query.search === 'string' ? req.query.search.toLowerCase() : '';
		const all = [...slideshows.values()]
			.filter((s) => !req.query.status || s.status === req.query.status)
			.filter((s) => !search || s.title.toLowerCase().includes(search))
			.sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
		return success(200, 'Slideshows retrieved', {
			slideshows: all.slice(page.offset, page.offset + page.limit).map(summary),
			total: all.length,
			limit: page.limit,
			offset: page.offset,
		});
	}

	function getSlideshow(req) {
		const s = slideshows.get(req.params.id);
		if (!s) return error(404, 'not_found', 'Slideshow not found');
		return success(200, 'Slideshow retrieved', JSON.parse(JSON.stringify(s)));
	}

	function renderSlideshow(req) {
		const s = slideshows.get(req.params.id);
		if (!s) return error(404, 'not_found', 'Slideshow not found');
		if (s.slides.length === 0)
			return error(422, 'no_slides', 'The slideshow has no slides to render');
		if (hasMarker('sandbox-fail', s.title)) return error(500, 'render_failed', 'Render failed');
		const now = isoSeconds(ctx.now());
		s.status = 'rendered';
		s.last_rendered_at = now;
		s.updated_at = now;
		s.preview_image_url = imageUrl(`render-${s.id}`);
		s.slides.forEach((slide, i) => {
			slide.rendered_image_url = imageUrl(`render-${s.id}-${i}`);
		});
		return success(200, 'Slideshow rendered', {
			id: s.id,
			status: s.status,
			preview_image_url: s.preview_image_url,
			last_rendered_at: s.last_rendered_at,
			slide_count: s.slides.length,
		});
	}

	function packSummary(p) {
		return {
			id: p.id,
			name: p.name,
			image_count: p.images.length,
			preview_image_url: p.images[0] ? p.images[0].url : null,
			is_public: p.is_public,
		};
	}

	function listPacks(req) {
		const page = limitOffset(req.query, 20);
		if (page.error) return page.error;
		const includePublic = req.query.include_public === 'true' || req.query.include_public === '1';
		const search = typeof req.query.search === 'string' ? req.query.search.toLowerCase() : '';
		const all = [...packs.values()]
			.filter((p) => includePublic || !p.is_public)
			.filter((p) => !search || p.name.toLowerCase().includes(search));
		return success(200, 'Packs retrieved', {
			packs: all.slice(page.offset, page.offset + page.limit).map(packSummary),
			total: all.length,
			limit: page.limit,
			offset: page.offset,
		});
	}

	function getPack(req) {
		const p = packs.get(req.params.id);
		if (!p) return error(404, 'not_found', 'Pack not found');
		return success(200, 'Pack retrieved', {
			...packSummary(p),
			images: p.images.map((i) => ({ ...i })),
		});
	}

	function accounts() {
		return success(200, 'Accounts retrieved', {
			scope: 'workspace',
			workspace_id: WORKSPACE_ID,
			accounts: [
				{
					id: 'acc_sandbox_tiktok',
					platform: 'tiktok',
					type: 'byo',
					username: 'sandbox.creator',
					display_name: 'Sandbox Creator',
					status: 'active',
				},
				{
					id: 'acc_sandbox_instagram',
					platform: 'instagram',
					type: 'hosted',
					username: 'sandbox.brand',
					display_name: 'Sandbox Brand',
					status: 'active',
				},
			],
		});
	}

	function subscription(req) {
		const tiers = { main: 'professional', scheduler: 'scheduler', noPlan: null };
		return success(200, 'Subscription retrieved', {
			tier: tiers[req.account],
			status: req.account === 'noPlan' ? 'inactive' : 'active',
			credits: credits(),
		});
	}

	const routes = [
		{ method: 'POST', path: '/slideshows/copy-tiktok/preview', handler: copyPreview },
		{ method: 'POST', path: '/slideshows/copy-tiktok/import', handler: copyImport },
		{ method: 'GET', path: '/slideshows', handler: listSlideshows },
		{ method: 'GET', path: '/slideshows/{id}', handler: getSlideshow },
		{ method: 'POST', path: '/slideshows/{id}/render', handler: renderSlideshow },
		{ method: 'GET', path: '/packs', handler: listPacks },
		{ method: 'GET', path: '/packs/{id}', handler: getPack },
		{ method: 'GET', path: '/accounts', handler: accounts },
		{ method: 'GET', path: '/subscription', handler: subscription },
	];

	reset();

	return {
		name: 'genviral',
		prefix: '/genviral/api/partner/v1',
		routes,
		reset,
		// A trailing slash is tolerated (the real site redirects it).
		normalizePath: (p) => (p.length > 1 ? p.replace(/\/+$/, '') : p),

		configure(partial) {
			if (partial.genviralCredits !== undefined) creditsUsed = 0;
		},

		classifyAuth(headers) {
			const header = headers.authorization;
			if (!header) return { auth: 'missing', account: null };
			const m = /^Bearer\s+(\S+)$/i.exec(header);
			const account = m ? KEYS[m[1]] : undefined;
			return account ? { auth: 'valid', account } : { auth: 'invalid', account: null };
		},

		authorize(route, { auth, account }) {
			if (auth === 'missing')
				return error(
					401,
					'invalid_token',
					'Missing API key: send Authorization: Bearer <public_id.secret>',
				);
			if (auth === 'invalid') return error(401, 'invalid_token', 'Invalid or revoked API key');
			if (account === 'noPlan' && route.path !== '/subscription') {
				return error(
					402,
					'subscription_required',
					'An active Creator, Professional or Business plan is required',
				);
			}
			if (
				account === 'scheduler' &&
				(route.path.startsWith('/slideshows') || route.path.startsWith('/packs'))
			) {
				return error(
					403,
					'tier_not_allowed',
					'Your plan (Scheduler) does not include this feature',
				);
			}
			return null;
		},

		rateLimitGroups(route, account, limits) {
			return limits.genviral
				? [{ name: 'genviral (configured)', key: `genviral:${account}`, rules: limits.genviral }]
				: [];
		},

		rateLimited({ retryAfterSec }) {
			return error(429, 'rate_limited', 'Too many requests. Please slow down.', {
				'Retry-After': String(retryAfterSec),
			});
		},

		notFound({ methodNotAllowed }) {
			return methodNotAllowed
				? error(405, 'method_not_allowed', 'Method not allowed')
				: error(404, 'not_found', 'Not found');
		},

		httpError({ status, code, message }) {
			const defaults = {
				400: 'bad_request',
				401: 'invalid_token',
				403: 'forbidden',
				404: 'not_found',
				429: 'rate_limited',
			};
			return error(
				status,
				code || defaults[status] || (status >= 500 ? 'internal_error' : 'error'),
				message || 'Injected error',
			);
		},

		logCode(response) {
			return response.json && response.json.ok === false ? response.json.error_code : null;
		},

		snapshot() {
			return {
				slideshows: absolute([...slideshows.values()].map(summary)),
				packs: absolute([...packs.values()].map(packSummary)),
				previews: previews.size,
				credits: credits(),
				ids: {
					packWithImages: PACK_WITH_IMAGES,
					packEmpty: PACK_EMPTY,
					packPublic: PACK_PUBLIC,
					productOwn: PRODUCT_OWN,
					productOtherWorkspace: PRODUCT_OTHER_WORKSPACE,
					slideshowWithoutSlides: SLIDESHOW_NO_SLIDES,
				},
			};
		},
	};
};

module.exports.GENVIRAL_IDS = {
	packWithImages: PACK_WITH_IMAGES,
	packEmpty: PACK_EMPTY,
	packPublic: PACK_PUBLIC,
	productOwn: PRODUCT_OWN,
	productOtherWorkspace: PRODUCT_OTHER_WORKSPACE,
	slideshowWithoutSlides: SLIDESHOW_NO_SLIDES,
};

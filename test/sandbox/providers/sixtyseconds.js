'use strict';

/**
 * SixtySeconds Videos API (seed 001 + templates from providers.md), mounted at /sixtyseconds/v1.
 *
 * The error format is undocumented; the sandbox uses `{"error": {"code": "...", "message": "...", "param"?: "..."}}`
 * with 400 invalid_request, 401 unauthorized, 404 not_found, 429 rate_limited. A video is "processing" from its
 * creation until its duration has passed, then "published" (url, thumbnail, duration set) or "failed".
 * `sandbox-draft` in the title makes a video that stays "draft" (created, never submitted for processing): the
 * create answers `status: "draft"` without `estimated_completion`.
 */

const { SANDBOX_KEYS } = require('../lib/keys');
const { PHASES, statusAt } = require('../lib/jobs');
const {
	alnumId,
	isPlainObject,
	parseIntParam,
	hasMarker,
	randomInt,
} = require('../lib/util');

const STATUSES = ['draft', 'processing', 'published', 'failed'];
const ASPECT_RATIOS = ['9:16', '16:9', '1:1'];
const LENGTHS = ['short', 'medium', 'long'];

const TEMPLATES = [
	[
		'tmpl_welcome_message',
		'Welcome Message',
		'A warm personal welcome for new customers.',
		45,
		'onboarding',
	],
	[
		'tmpl_onboarding_checklist',
		'Onboarding Checklist',
		'Walks a new user through their first steps.',
		60,
		'onboarding',
	],
	['tmpl_product_demo', 'Product Demo', 'A short, personalised tour of the product.', 60, 'sales'],
	[
		'tmpl_meeting_follow_up',
		'Meeting Follow-up',
		'Recaps a sales call and proposes next steps.',
		40,
		'sales',
	],
	[
		'tmpl_renewal_reminder',
		'Renewal Reminder',
		'Reminds a customer of an upcoming renewal.',
		30,
		'retention',
	],
	[
		'tmpl_thank_you',
		'Thank You',
		'Thanks a customer for their purchase or loyalty.',
		25,
		'retention',
	],
	// The one template that does not offer every aspect ratio.
	[
		'tmpl_story_teaser',
		'Story Teaser',
		'A vertical teaser for stories and short-form feeds.',
		20,
		'social',
		['9:16'],
	],
];

module.exports = function createSixtySeconds(ctx) {
	let videos;

	function reset() {
		videos = new Map();
	}

	const json = (status, body, headers) => ({ status, json: body, headers });
	const error = (status, code, message, param) =>
		json(status, { error: param ? { code, message, param } : { code, message } });
	const invalid = (message, param) => error(400, 'invalid_request', message, param);

	function templateView([id, name, description, duration, category, ratios = ASPECT_RATIOS]) {
		return {
			id,
			name,
			description,
			duration,
			thumbnail_url: ctx.fileUrl('images', `${id}.jpg`),
			preview_url: ctx.videoUrl(`${id}-preview`, 64 * 1024),
			category,
			available_aspect_ratios: ratios.slice(),
			created_at: '2025-01-15T09:00:00Z',
		};
	}

	/** page/limit with the documented defaults (1, 20) and maximum (100). */
	function pageParams(query) {
		const out = { page: 1, limit: 20 };
		if (query.page !== undefined) {
			const n = parseIntParam(query.page);
			if (!(n >= 1)) return { error: invalid('page must be an integer >= 1', 'page') };
			out.page = n;
		}
		if (query.limit !== undefined) {
			const n = parseIntParam(query.limit);
			if (!(n >= 1 && n <= 100))
				return { error: invalid('limit must be an integer between 1 and 100', 'limit') };
			out.limit = n;
		}
		return out;
	}

	function pageOf(items, { page, limit }) {
		const total = items.length;
		const pages = Math.ceil(total / limit);
		return {
			data: items.slice((page - 1) * limit, page * limit),
			pagination: {
				total,
				page,
				limit,
				next_page: page < pages ? page + 1 : null,
				prev_page: page > 1 ? page - 1 : null,
			},
		};
	}

	function status(video, now) {
		if (video.draft)
			return { status: 'draft', terminal: false, fraction: 0, endsAt: video.createdAt };
		return statusAt(video, now, PHASES.sixtyseconds, 'published', 'failed');
	}

	function fullView(video, now) {
		const s = status(video, now);
		const published = s.status === 'published';
		const view = {
			id: video.id,
			title: video.title,
			status: s.status,
			duration: published ? video.videoDuration : null,
			created_at: ctx.isoTime(video.createdAt),
			updated_at: ctx.isoTime(s.terminal ? s.endsAt : video.createdAt),
			template_id: video.template_id,
			project_id: video.project_id,
			aspect_ratio: video.aspect_ratio,
			url: published ? ctx.videoUrl(video.id, ctx.options().videoBytes) : null,
			thumbnail: published ? ctx.fileUrl('images', `${video.id}.jpg`) : null,
			customer_data: JSON.parse(JSON.stringify(video.customer_data)),
			ai_messaging: video.ai_messaging ? JSON.parse(JSON.stringify(video.ai_messaging)) : null,
			// Nobody has watched a sandbox video yet.
			analytics: { views: 0, completion_rate: 0, engagement_score: 0, average_watch_time: 0 },
		};
		// Not in the docs: a reason, so that a failed video can be explained.
		if (s.status === 'failed') view.failure_reason = video.failReason;
		return view;
	}

	function listView(video, now) {
		const v = fullView(video, now);
		return {
			id: v.id,
			title: v.title,
			status: v.status,
			duration: v.duration,
			created_at: v.created_at,
			url: v.url,
			thumbnail: v.thumbnail,
		};
	}

	// ---- handlers --------------------------------------------------------------------------------------------

	function listVideos(req) {
		const page = pageParams(req.query);
		if (page.error) return page.error;
		const wanted = req.query.status;
		if (wanted !== undefined && !STATUSES.includes(wanted)) {
			return invalid(`status must be one of ${STATUSES.join(', ')}`, 'status');
		}
		const now = ctx.now();
		const items = [...videos.values()]
			.sort((a, b) => b.createdAt - a.createdAt)
			.map((v) => listView(v, now))
			.filter((v) => !wanted || v.status === wanted);
		return json(200, pageOf(items, page));
	}

	function createVideo(req) {
		if (req.bodyInvalid) return invalid('Request body must be valid JSON');
		const b = req.body;
		if (!isPlainObject(b)) return invalid('Request body must be a JSON object');
		if (typeof b.title !== 'string' || b.title.trim() === '')
			return invalid('title is required', 'title');
		if (typeof b.template_id !== 'string' || b.template_id === '')
			return invalid('template_id is required', 'template_id');
		if (!TEMPLATES.some((t) => t[0] === b.template_id)) {
			return invalid(`template_id ${b.template_id} does not exist`, 'template_id');
		}
		if (b.customer_data === undefined) return invalid('customer_data is required', 'customer_data');
		if (!isPlainObject(b.customer_data))
			return invalid('customer_data must be an object', 'customer_data');
		if (b.ai_messaging !== undefined && b.ai_messaging !== null) {
			const m = b.ai_messaging;
			if (!isPlainObject(m)) return invalid('ai_messaging must be an object', 'ai_messaging');
			if (m.tone !== undefined && typeof m.tone !== 'string')
				return invalid('ai_messaging.tone must be a string', 'ai_messaging.tone');
			if (m.length !== undefined && !LENGTHS.includes(m.length)) {
				return invalid(
					`ai_messaging.length must be one of ${LENGTHS.join(', ')}`,
					'ai_messaging.length',
				);
			}
			if (
				m.focus_points !== undefined &&
				!(Array.isArray(m.focus_points) && m.focus_points.every((p) => typeof p === 'string'))
			) {
				return invalid(
					'ai_messaging.focus_points must be an array of strings',
					'ai_messaging.focus_points',
				);
			}
		}
		if (b.aspect_ratio !== undefined && !ASPECT_RATIOS.includes(b.aspect_ratio)) {
			return invalid(`aspect_ratio must be one of ${ASPECT_RATIOS.join(', ')}`, 'aspect_ratio');
		}
		const ratios = TEMPLATES.find((t) => t[0] === b.template_id)[5] || ASPECT_RATIOS;
		if (b.aspect_ratio !== undefined && !ratios.includes(b.aspect_ratio)) {
			return invalid(
				`aspect_ratio ${b.aspect_ratio} is not available for template ${b.template_id} (${ratios.join(', ')})`,
				'aspect_ratio',
			);
		}
		if (b.project_id !== undefined && b.project_id !== null && typeof b.project_id !== 'string') {
			return invalid('project_id must be a string', 'project_id');
		}
		const now = ctx.now();
		const marker = hasMarker('sandbox-fail', b.title);
		const draft = hasMarker('sandbox-draft', b.title);
		const video = {
			id: alnumId(ctx.rng, 'vid_', 10),
			title: b.title,
			template_id: b.template_id,
			customer_data: JSON.parse(JSON.stringify(b.customer_data)),
			ai_messaging: b.ai_messaging ? JSON.parse(JSON.stringify(b.ai_messaging)) : null,
			aspect_ratio: b.aspect_ratio || '9:16',
			project_id: b.project_id ?? null,
			createdAt: now,
			startedAt: now,
			durationMs: ctx.pickDuration('sixtyseconds'),
			fails: ctx.decideFailure(marker),
			failReason: marker
				? 'Video generation failed (sandbox failure trigger "sandbox-fail" in the title).'
				: 'Video generation failed due to an internal error.',
			videoDuration: randomInt(ctx.rng, 300, 600) / 10,
			draft,
		};
		videos.set(video.id, video);
		return json(201, {
			id: video.id,
			title: video.title,
			status: draft ? 'draft' : 'processing',
			created_at: ctx.isoTime(now),
			template_id: video.template_id,
			aspect_ratio: video.aspect_ratio,
			...(draft ? {} : { estimated_completion: ctx.isoTime(now + video.durationMs) }),
		});
	}

	function getVideo(req) {
		const video = videos.get(req.params.id);
		if (!video) return error(404, 'not_found', `Video ${req.params.id} not found`);
		return json(200, fullView(video, ctx.now()));
	}

	function listTemplates(req) {
		const page = pageParams(req.query);
		if (page.error) return page.error;
		const category = req.query.category;
		const items = TEMPLATES.filter((t) => !category || t[4] === category).map(templateView);
		return json(200, pageOf(items, page));
	}

	function getTemplate(req) {
		const t = TEMPLATES.find((x) => x[0] === req.params.id);
		return t
			? json(200, templateView(t))
			: error(404, 'not_found', `Template ${req.params.id} not found`);
	}

	const routes = [
		{ method: 'GET', path: '/videos', handler: listVideos },
		{ method: 'POST', path: '/videos', handler: createVideo },
		{ method: 'GET', path: '/videos/{id}', handler: getVideo },
		{ method: 'GET', path: '/templates', handler: listTemplates },
		{ method: 'GET', path: '/templates/{id}', handler: getTemplate },
	];

	reset();

	return {
		name: 'sixtyseconds',
		prefix: '/sixtyseconds/v1',
		routes,
		reset,
		normalizePath: (p) => (p.length > 1 ? p.replace(/\/+$/, '') : p),

		classifyAuth(headers) {
			const header = headers.authorization;
			if (!header) return { auth: 'missing', account: null };
			return header === `Bearer ${SANDBOX_KEYS.sixtyseconds.apiKey}`
				? { auth: 'valid', account: 'main' }
				: { auth: 'invalid', account: null };
		},

		authorize(route, { auth }) {
			if (auth === 'missing')
				return error(401, 'unauthorized', 'Missing API key. Send Authorization: Bearer <API_KEY>.');
			if (auth === 'invalid') return error(401, 'unauthorized', 'Invalid API key.');
			return null;
		},

		rateLimitGroups(route, account, limits) {
			return limits.sixtyseconds
				? [
						{
							name: 'sixtyseconds (configured)',
							key: `sixtyseconds:${account}`,
							rules: limits.sixtyseconds,
						},
					]
				: [];
		},

		rateLimited({ retryAfterSec }) {
			return json(
				429,
				{ error: { code: 'rate_limited', message: 'Too many requests. Please retry later.' } },
				{ 'Retry-After': String(retryAfterSec) },
			);
		},

		notFound({ methodNotAllowed }) {
			return methodNotAllowed
				? error(405, 'method_not_allowed', 'Method not allowed')
				: error(404, 'not_found', 'Not found');
		},

		httpError({ status, code, message }) {
			const defaults = {
				400: 'invalid_request',
				401: 'unauthorized',
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
			return response.json && isPlainObject(response.json.error) ? response.json.error.code : null;
		},

		snapshot(now) {
			return {
				videos: [...videos.values()].map((v) => ({
					...fullView(v, now),
					willFail: v.fails,
					durationMs: v.durationMs,
				})),
				templates: TEMPLATES.map((t) => t[0]),
			};
		},
	};
};

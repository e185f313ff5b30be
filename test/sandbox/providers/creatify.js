'use strict';

/**
 * Creatify "Link to Video" API (seed 000 + providers.md), mounted at /creatify (paths start with /api/ and end
 * with "/").
 *
 * Creatify is a Django REST Framework service, so the sandbox answers like DRF: field validation errors are
 * `{"field": ["message"]}` (400), non-field errors a JSON array of strings (400, as the docs show for link
 * scraping), auth and not-found errors `{"detail": "..."}`, and an unknown URL Django's HTML 404 page.
 *
 * Credits: every render (and preview) is charged when it starts; an account without enough credits gets
 * 400 ["Insufficient credits ..."]. Webhooks: one POST per stage (previews ready, render finished).
 */

const http = require('node:http');
const https = require('node:https');

const ENUMS = require('../data/creatify-enums.json');
const { SANDBOX_KEYS } = require('../lib/keys');
const { PHASES, statusAt } = require('../lib/jobs');
const {
	uuid,
	isoSeconds,
	isPlainObject,
	isHttpUrl,
	isUuid,
	parseIntParam,
	hasMarker,
	isSocialVideoPage,
} = require('../lib/util');

/** A URL path naming a media file (video, image, audio), which is not a product page. */
const MEDIA_FILE_PATH = /\.(mp4|mov|m4v|webm|avi|mpe?g|jpe?g|png|gif|webp|mp3|wav)$/i;

const DEFAULT_VISUAL_STYLE = 'AvatarBubbleTemplate';

const PERSONAS = [
	['0b7d7e39-3f1c-4d7e-9a59-6d2f1a000001', 'Anna', 'f', 'adult', 'presenter', 'indoor'],
	['0b7d7e39-3f1c-4d7e-9a59-6d2f1a000002', 'Marcus', 'm', 'adult', 'selfie', 'indoor'],
	['0b7d7e39-3f1c-4d7e-9a59-6d2f1a000003', 'Priya', 'f', 'adult', 'presenter', 'outdoor'],
	['0b7d7e39-3f1c-4d7e-9a59-6d2f1a000004', 'Kenji', 'm', 'senior', 'presenter', 'indoor'],
	['0b7d7e39-3f1c-4d7e-9a59-6d2f1a000005', 'Sofia', 'f', 'teen', 'selfie', 'outdoor'],
	['0b7d7e39-3f1c-4d7e-9a59-6d2f1a000006', 'Alex', 'nb', 'adult', 'other', 'other'],
];

const VOICES = [
	[
		'Olivia',
		'female',
		[
			['5e3c1a2b-0000-4000-8000-00000000a001', 'American'],
			['5e3c1a2b-0000-4000-8000-00000000a002', 'British'],
		],
	],
	[
		'James',
		'male',
		[
			['5e3c1a2b-0000-4000-8000-00000000b001', 'American'],
			['5e3c1a2b-0000-4000-8000-00000000b002', 'Australian'],
		],
	],
	['Lucia', 'female', [['5e3c1a2b-0000-4000-8000-00000000c001', 'Spanish']]],
	['Hiro', 'male', [['5e3c1a2b-0000-4000-8000-00000000d001', 'Japanese']]],
];

// ---- DRF-style field validation -------------------------------------------------------------------------------

const MSG = {
	required: 'This field is required.',
	null: 'This field may not be null.',
	blank: 'This field may not be blank.',
	string: 'Not a valid string.',
	maxLength: (n) => `Ensure this field has no more than ${n} characters.`,
	choice: (v) => `"${v}" is not a valid choice.`,
	number: 'A valid number is required.',
	integer: 'A valid integer is required.',
	max: (n) => `Ensure this value is less than or equal to ${n}.`,
	min: (n) => `Ensure this value is greater than or equal to ${n}.`,
	boolean: 'Must be a valid boolean.',
	url: 'Enter a valid URL.',
	uuid: 'Must be a valid UUID.',
	list: (v) => `Expected a list of items but got type "${typeof v}".`,
	dict: (v) => `Expected a dictionary of items but got type "${typeof v}".`,
};

function checkString(v, { max, nullable = true, blank = true } = {}) {
	if (v === null) return nullable ? null : MSG.null;
	if (typeof v !== 'string') return MSG.string;
	if (!blank && v.trim() === '') return MSG.blank;
	if (max !== undefined && v.length > max) return MSG.maxLength(max);
	return null;
}
function checkUrl(v, max) {
	if (v === null) return null;
	if (typeof v !== 'string') return MSG.string;
	if (v.length > max) return MSG.maxLength(max);
	return isHttpUrl(v) ? null : MSG.url;
}
function checkNumber(v, min, max) {
	if (v === null) return null;
	const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isFinite(n)) return MSG.number;
	if (n > max) return MSG.max(max);
	if (n < min) return MSG.min(min);
	return null;
}
function toBool(v) {
	if (v === true || v === 'true' || v === 'True' || v === 1 || v === '1') return true;
	if (v === false || v === 'false' || v === 'False' || v === 0 || v === '0') return false;
	return undefined;
}
function checkChoice(v, choices) {
	return choices.includes(v) ? null : MSG.choice(v);
}

/** The links an account holds with `sampleData`: [id, product page, title]; newest first. */
const SAMPLE_LINKS = [
	[
		'7a3f5c10-0000-4000-8000-00000000e001',
		'https://shop.example.com/products/kettle',
		'Stainless Steel Electric Kettle',
	],
	[
		'7a3f5c10-0000-4000-8000-00000000e002',
		'https://shop.example.com/products/desk-organizer',
		'Bamboo Desk Organizer',
	],
	[
		'7a3f5c10-0000-4000-8000-00000000e003',
		'https://shop.example.com/products/earbuds',
		'Wireless Sport Earbuds',
	],
];

const BOOL_FIELDS = ['no_background_music', 'no_caption', 'no_emotion', 'no_cta', 'no_stock_broll'];

module.exports = function createCreatify(ctx) {
	let links;
	let videos;
	let remainingCredits;
	let webhooks;

	function reset() {
		links = new Map();
		if (ctx.options().sampleData) {
			const now = ctx.now();
			SAMPLE_LINKS.forEach(([id, url, title], index) => {
				links.set(id, {
					id,
					url,
					title,
					description: `${title}: a sample product link of the sandbox account.`,
					image_urls: [1, 2, 3].map((i) => ctx.filePath('images', `link-${id}-${i}.jpg`)),
					video_urls: [],
					reviews: null,
					logo_url: null,
					createdAt: now - (index + 1) * 3600000,
				});
			});
		}
		videos = new Map();
		remainingCredits = ctx.options().creatifyCredits;
		webhooks = [];
	}

	// ---- responses -------------------------------------------------------------------------------------------

	const json = (status, body, headers) => ({ status, json: body, headers });
	const fieldErrors = (errors) => json(400, errors);
	const nonFieldError = (...messages) => json(400, messages);
	const notFoundDetail = () => json(404, { detail: 'Not found.' });

	function charge(cost) {
		if (remainingCredits < cost) {
			return nonFieldError(
				`Insufficient credits: this request needs ${cost} credits and the account has ${remainingCredits}.`,
			);
		}
		remainingCredits -= cost;
		return null;
	}

	function renderCost(model, length) {
		if (model === 'aurora_v1') return 20 * Math.ceil(length / 15);
		if (model === 'aurora_v1_fast') return 10 * Math.ceil(length / 15);
		return 5 * Math.ceil(length / 30);
	}
	const previewCost = (length) => Math.ceil(length / 30);

	// ---- links -----------------------------------------------------------------------------------------------

	function linkView(l) {
		const inner = {
			id: l.id,
			url: l.url,
			title: l.title,
			description: l.description,
			image_urls: l.image_urls.map(ctx.abs),
			video_urls: l.video_urls.slice(),
			reviews: l.reviews,
			logo_url: l.logo_url,
		};
		// Real shape unverified: the link fields both flat and under `link`, so either reading works.
		return { ...inner, link: { ...inner } };
	}

	function validateLinkParams(b, { partial }) {
		const errors = {};
		const check = (field, message) => {
			if (message) errors[field] = [message];
		};
		if (!partial && b.title === undefined) errors.title = [MSG.required];
		if (b.title !== undefined)
			check('title', checkString(b.title, { max: 1000, nullable: false, blank: false }));
		if (b.description !== undefined) check('description', checkString(b.description));
		for (const field of ['image_urls', 'video_urls']) {
			const v = b[field];
			if (v === undefined || v === null) continue;
			if (!Array.isArray(v)) errors[field] = [MSG.list(v)];
			else {
				const bad = v.findIndex((u) => !isHttpUrl(u));
				if (bad >= 0) errors[field] = { [bad]: [MSG.url] };
			}
		}
		if (b.logo_url !== undefined) check('logo_url', checkUrl(b.logo_url, 200));
		return errors;
	}

	function createLink(req) {
		const b = isPlainObject(req.body) ? req.body : {};
		if (req.bodyInvalid)
			return json(400, { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' });
		if (b.url === undefined) return fieldErrors({ url: [MSG.required] });
		const urlError = checkUrl(b.url, 2000);
		if (urlError || b.url === null) return fieldErrors({ url: [urlError || MSG.null] });
		if (hasMarker('sandbox-unscrapable', b.url))
			return nonFieldError(`Failed to scrape url: ${b.url}`);
		if (hasMarker('sandbox-no-media', b.url))
			return nonFieldError('Link must have at least one image or one video.');
		// Link to Video reads product pages. A post or video on a social platform, or a direct media file, is not
		// one: refused the way Creatify refuses a page it cannot read (HTTP 400, a JSON array of messages), before
		// any credit is spent.
		if (isSocialVideoPage(b.url) || MEDIA_FILE_PATH.test(new URL(b.url).pathname))
			return nonFieldError(`Failed to scrape url: ${b.url}`);
		const id = uuid(ctx.rng);
		const host = new URL(b.url).hostname;
		const link = {
			id,
			url: b.url,
			title: `Sandbox product from ${host}`,
			description: `A product scraped by the sandbox from ${b.url}.`,
			image_urls: [1, 2, 3].map((i) => ctx.filePath('images', `link-${id}-${i}.jpg`)),
			video_urls: [],
			reviews: null,
			logo_url: null,
			createdAt: ctx.now(),
		};
		links.set(id, link);
		return json(200, linkView(link));
	}

	function createLinkWithParams(req) {
		if (req.bodyInvalid)
			return json(400, { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' });
		const b = isPlainObject(req.body) ? req.body : {};
		const errors = validateLinkParams(b, { partial: false });
		if (Object.keys(errors).length) return fieldErrors(errors);
		const images = Array.isArray(b.image_urls) ? b.image_urls : [];
		const clips = Array.isArray(b.video_urls) ? b.video_urls : [];
		if (clips.length === 0 && images.length < 3) {
			return nonFieldError('If no videos are provided, at least 3 images are required.');
		}
		const charged = charge(1);
		if (charged) return charged;
		const link = {
			id: uuid(ctx.rng),
			url: null,
			title: b.title,
			description: b.description ?? '',
			image_urls: images.slice(),
			video_urls: clips.slice(),
			reviews: b.reviews ?? null,
			logo_url: b.logo_url ?? null,
			createdAt: ctx.now(),
		};
		links.set(link.id, link);
		return json(200, linkView(link));
	}

	function getLink(req) {
		const l = links.get(req.params.id);
		return l ? json(200, linkView(l)) : notFoundDetail();
	}

	function updateLink(req) {
		const l = links.get(req.params.id);
		if (!l) return notFoundDetail();
		if (req.bodyInvalid)
			return json(400, { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' });
		const b = isPlainObject(req.body) ? req.body : {};
		const errors = validateLinkParams(b, { partial: true });
		if (Object.keys(errors).length) return fieldErrors(errors);
		for (const field of [
			'title',
			'description',
			'image_urls',
			'video_urls',
			'logo_url',
			'reviews',
		]) {
			if (b[field] !== undefined) l[field] = Array.isArray(b[field]) ? b[field].slice() : b[field];
		}
		return json(200, linkView(l));
	}

	const newestFirst = (a, b) => b.createdAt - a.createdAt;

	function listLinks() {
		return json(200, [...links.values()].sort(newestFirst).map(linkView));
	}

	/** DRF page-number pagination: {count, next, previous, results}; an out-of-range page is 404 "Invalid page.". */
	function drfPage(req, items, basePath) {
		const page = req.query.page === undefined ? 1 : parseIntParam(req.query.page);
		const sizeParam = req.query.limit ?? req.query.page_size;
		const size = sizeParam === undefined ? 10 : parseIntParam(sizeParam);
		if (!(size >= 1)) return json(400, { limit: [MSG.integer] });
		const pageSize = Math.min(size, 100);
		const pages = Math.max(1, Math.ceil(items.length / pageSize));
		if (!(page >= 1 && page <= pages)) return json(404, { detail: 'Invalid page.' });
		const link = (p) => `${ctx.origin()}/creatify${basePath}?limit=${pageSize}&page=${p}`;
		return json(200, {
			count: items.length,
			next: page < pages ? link(page + 1) : null,
			previous: page > 1 ? link(page - 1) : null,
			results: items.slice((page - 1) * pageSize, page * pageSize),
		});
	}

	function paginatedLinks(req) {
		return drfPage(
			req,
			[...links.values()].sort(newestFirst).map(linkView),
			'/api/links/paginated/',
		);
	}

	// ---- link_to_videos --------------------------------------------------------------------------------------

	/** Validates the create/preview body the way DRF would; returns { errors } or { values }. */
	function validateVideoRequest(b, { list }) {
		const errors = {};
		const values = {};
		const set = (field, message, value) => {
			if (message) errors[field] = [message];
			else values[field] = value;
		};

		if (b.link === undefined) errors.link = [MSG.required];
		else if (b.link === null) errors.link = [MSG.null];
		else if (!isUuid(b.link)) errors.link = [MSG.uuid];
		else if (!links.has(b.link)) errors.link = [`Invalid pk "${b.link}" - object does not exist.`];
		else values.link = b.link;

		const str = (field, def, opts) => {
			if (b[field] === undefined) values[field] = def;
			else set(field, checkString(b[field], opts), b[field]);
		};
		str('name', null, { max: 255, blank: false });
		str('target_platform', 'tiktok', { max: 255 });
		str('target_audience', 'young adults', {});
		str('visual_style', null, { max: 255 });
		str('override_avatar', null, { max: 255 });
		str('override_voice', null, { max: 255 });
		str('override_script', null, {});

		const choice = (field, choices, def) => {
			if (b[field] === undefined) values[field] = def;
			else set(field, b[field] === null ? MSG.null : checkChoice(b[field], choices), b[field]);
		};
		choice('language', ENUMS.languages, 'en');
		choice('aspect_ratio', ENUMS.aspectRatios, '16x9');
		choice('script_style', ENUMS.scriptStyles, 'DiscoveryWriter');
		choice('caption_style', ENUMS.captionStyles, 'normal-black');
		choice('model_version', ENUMS.modelVersions, 'standard');

		// DRF's ChoiceField compares as text, so "30" is accepted as 30.
		if (b.video_length === undefined) values.video_length = 15;
		else {
			const n = Number(b.video_length);
			const ok =
				(typeof b.video_length === 'number' || typeof b.video_length === 'string') &&
				ENUMS.videoLengths.includes(n);
			set('video_length', ok ? null : MSG.choice(b.video_length), n);
		}

		for (const [field, max] of [
			['background_music_url', 255],
			['webhook_url', 200],
		]) {
			if (b[field] === undefined) values[field] = null;
			else set(field, checkUrl(b[field], max), b[field]);
		}
		for (const [field, min, max] of [
			['background_music_volume', 0, 1],
			['voiceover_volume', 0, 1],
			['caption_offset_x', -0.5, 0.5],
			['caption_offset_y', -0.5, 0.5],
		]) {
			if (b[field] === undefined) values[field] = null;
			else set(field, checkNumber(b[field], min, max), b[field] === null ? null : Number(b[field]));
		}
		for (const field of BOOL_FIELDS) {
			if (b[field] === undefined) values[field] = false;
			else {
				const v = toBool(b[field]);
				set(field, v === undefined ? MSG.boolean : null, v);
			}
		}

		if (b.caption_setting === undefined || b.caption_setting === null)
			values.caption_setting = null;
		else if (!isPlainObject(b.caption_setting))
			errors.caption_setting = { non_field_errors: [MSG.dict(b.caption_setting)] };
		else {
			const cs = b.caption_setting;
			const sub = {};
			if (cs.style !== undefined && cs.style !== null && !ENUMS.captionStyles.includes(cs.style))
				sub.style = [MSG.choice(cs.style)];
			if (cs.offset !== undefined && cs.offset !== null) {
				if (!isPlainObject(cs.offset)) sub.offset = { non_field_errors: [MSG.dict(cs.offset)] };
				else {
					const off = {};
					for (const axis of ['x', 'y']) {
						if (cs.offset[axis] === undefined) continue;
						const e = checkNumber(cs.offset[axis], -Infinity, Infinity);
						if (e) off[axis] = [e];
					}
					if (Object.keys(off).length) sub.offset = off;
				}
			}
			for (const f of ['font_size', 'max_width']) {
				if (cs[f] !== undefined && cs[f] !== null && !Number.isInteger(Number(cs[f])))
					sub[f] = [MSG.integer];
			}
			if (cs.line_height !== undefined && cs.line_height !== null) {
				const e = checkNumber(cs.line_height, -Infinity, Infinity);
				if (e) sub.line_height = [e];
			}
			for (const f of [
				'font_family',
				'font_style',
				'background_color',
				'text_color',
				'highlight_text_color',
				'text_shadow',
			]) {
				if (cs[f] !== undefined) {
					const e = checkString(cs[f], { max: 255 });
					if (e) sub[f] = [e];
				}
			}
			if (cs.hidden !== undefined && toBool(cs.hidden) === undefined) sub.hidden = [MSG.boolean];
			if (Object.keys(sub).length) errors.caption_setting = sub;
			else values.caption_setting = { ...cs };
		}

		if (list) {
			for (const [field, check] of [
				['visual_styles', (v) => typeof v === 'string' && v.length > 0 && v.length <= 255],
				['aspect_ratios', (v) => ENUMS.aspectRatios.includes(v)],
			]) {
				const v = b[field];
				if (v === undefined || v === null) continue;
				if (!Array.isArray(v)) errors[field] = [MSG.list(v)];
				else {
					const bad = v.findIndex((item) => !check(item));
					if (bad >= 0)
						errors[field] = {
							[bad]: [field === 'aspect_ratios' ? MSG.choice(v[bad]) : MSG.string],
						};
					else values[field] = v.slice();
				}
			}
		}
		return Object.keys(errors).length ? { errors } : { values };
	}

	function newVideo(values, kind) {
		const id = uuid(ctx.rng);
		const now = ctx.now();
		return {
			id,
			kind,
			fields: values,
			createdAt: now,
			updatedAt: now,
			preview: null,
			previews: [],
			previewReadyAt: null,
			previewsFail: false,
			render: null,
			creditsUsed: 0,
			webhookSent: { previews: false, render: false },
		};
	}

	function startRender(video, mediaJob) {
		const v = video.fields;
		const marker = hasMarker('sandbox-fail', v.name);
		const now = ctx.now();
		video.render = {
			startedAt: now,
			durationMs: ctx.pickDuration('creatify'),
			fails: ctx.decideFailure(marker),
			failReason: marker
				? 'Render failed (sandbox failure trigger "sandbox-fail" in the name).'
				: 'Render failed due to an internal error.',
			mediaJob: mediaJob || uuid(ctx.rng),
		};
		video.updatedAt = now;
		ctx.wakeAt(now + video.render.durationMs);
	}

	function renderState(video, now) {
		if (!video.render) return null;
		return statusAt(video.render, now, PHASES.creatify, 'done', 'failed');
	}

	function videoView(video, now) {
		const f = video.fields;
		const r = renderState(video, now);
		let status = 'pending';
		let failedReason = null;
		let progress = '0';
		const previewsReady = video.kind === 'previewList' && now >= video.previewReadyAt;
		if (r) {
			status = r.status;
			if (r.status === 'failed') failedReason = video.render.failReason;
			if (r.status === 'running')
				progress = String(Math.round(((r.fraction - 0.3) / 0.7) * 100) / 100);
			if (r.terminal) progress = '1';
		} else if (previewsReady && video.previewsFail) {
			status = 'failed';
			failedReason =
				'Preview generation failed (sandbox failure trigger "sandbox-fail-preview" in the name).';
		}
		const done = r && r.status === 'done';
		const visualStyle =
			video.render && video.render.visualStyle ? video.render.visualStyle : f.visual_style;
		const aspectRatio =
			video.render && video.render.aspectRatio ? video.render.aspectRatio : f.aspect_ratio;
		const videoOutput = done
			? ctx.videoUrl(`creatify-${video.id}`, ctx.options().videoBytes)
			: null;
		const thumbnail = done ? ctx.fileUrl('images', `creatify-${video.id}.jpg`) : null;
		const view = {
			id: video.id,
			name: f.name,
			target_platform: f.target_platform,
			target_audience: f.target_audience,
			language: f.language,
			video_length: f.video_length,
			aspect_ratio: aspectRatio,
			script_style: f.script_style,
			visual_style: visualStyle,
			override_avatar: f.override_avatar,
			override_voice: f.override_voice,
			override_script: f.override_script,
			background_music_url: f.background_music_url,
			background_music_volume: f.background_music_volume,
			voiceover_volume: f.voiceover_volume,
			webhook_url: f.webhook_url,
			link: f.link,
			media_job: video.render ? video.render.mediaJob : null,
			status,
			failed_reason: failedReason,
			is_hidden: false,
			video_output: videoOutput,
			video_thumbnail: thumbnail,
			outputs: r
				? [
						{
							media_job: video.render.mediaJob,
							visual_style: visualStyle || DEFAULT_VISUAL_STYLE,
							aspect_ratio: aspectRatio,
							duration: done ? f.video_length : null,
							video_output: videoOutput,
							video_thumbnail: thumbnail,
							status: r.status,
							progress: Number(progress),
							failed_reason: failedReason,
						},
					]
				: [],
			credits_used: video.creditsUsed,
			duration: done ? f.video_length : null,
			progress,
			no_background_music: f.no_background_music,
			no_caption: f.no_caption,
			no_emotion: f.no_emotion,
			no_cta: f.no_cta,
			no_stock_broll: f.no_stock_broll,
			preview: ctx.abs(video.preview),
			previews:
				previewsReady && !video.previewsFail
					? video.previews.map((p) => ({ ...p, url: ctx.abs(p.url) }))
					: [],
			editor_url: null,
			caption_style: f.caption_style,
			caption_offset_x: f.caption_offset_x,
			caption_offset_y: f.caption_offset_y,
			caption_setting: f.caption_setting,
			model_version: f.model_version,
			created_at: isoSeconds(video.createdAt),
			updated_at: isoSeconds(r && r.terminal ? r.endsAt : video.updatedAt),
		};
		return view;
	}

	function bodyOf(req) {
		if (req.bodyInvalid)
			return {
				error: json(400, {
					detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)',
				}),
			};
		if (req.body !== undefined && !isPlainObject(req.body)) {
			return {
				error: json(400, {
					non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
				}),
			};
		}
		return { body: req.body || {} };
	}

	function createVideo(req) {
		const parsed = bodyOf(req);
		if (parsed.error) return parsed.error;
		const v = validateVideoRequest(parsed.body, { list: false });
		if (v.errors) return fieldErrors(v.errors);
		const cost = renderCost(v.values.model_version, v.values.video_length);
		const charged = charge(cost);
		if (charged) return charged;
		const video = newVideo(v.values, 'direct');
		video.creditsUsed = cost;
		startRender(video);
		videos.set(video.id, video);
		return json(200, videoView(video, ctx.now()));
	}

	function previewOne(req) {
		const parsed = bodyOf(req);
		if (parsed.error) return parsed.error;
		const v = validateVideoRequest(parsed.body, { list: false });
		if (v.errors) return fieldErrors(v.errors);
		const cost = previewCost(v.values.video_length);
		const charged = charge(cost);
		if (charged) return charged;
		const video = newVideo(v.values, 'preview');
		video.creditsUsed = cost;
		video.preview = ctx.filePath('previews', `${video.id}.html`);
		videos.set(video.id, video);
		return json(200, videoView(video, ctx.now()));
	}

	function previewList(req) {
		const parsed = bodyOf(req);
		if (parsed.error) return parsed.error;
		const v = validateVideoRequest(parsed.body, { list: true });
		if (v.errors) return fieldErrors(v.errors);
		// Charged once for all previews (docs: 8 previews of 30 s still cost 1 credit).
		const cost = previewCost(v.values.video_length);
		const charged = charge(cost);
		if (charged) return charged;
		const video = newVideo(v.values, 'previewList');
		video.creditsUsed = cost;
		const styles =
			v.values.visual_styles && v.values.visual_styles.length
				? v.values.visual_styles
				: ENUMS.visualStyles.slice(0, 3);
		const ratios =
			v.values.aspect_ratios && v.values.aspect_ratios.length
				? v.values.aspect_ratios
				: [v.values.aspect_ratio];
		for (const aspect of ratios) {
			for (const style of styles) {
				const mediaJob = uuid(ctx.rng);
				video.previews.push({
					media_job: mediaJob,
					visual_style: style,
					aspect_ratio: aspect,
					url: ctx.filePath('previews', `${mediaJob}.html`),
					editor_url: null,
					duration: v.values.video_length,
				});
			}
		}
		// Previews appear halfway through a normal job duration while the status stays "pending".
		video.previewReadyAt = video.createdAt + Math.round(ctx.pickDuration('creatify') / 2);
		video.previewsFail = hasMarker('sandbox-fail-preview', v.values.name);
		videos.set(video.id, video);
		ctx.wakeAt(video.previewReadyAt);
		return json(200, videoView(video, ctx.now()));
	}

	function getVideo(req) {
		const video = videos.get(req.params.id);
		return video ? json(200, videoView(video, ctx.now())) : notFoundDetail();
	}

	function listVideos(req) {
		const now = ctx.now();
		let items = [...videos.values()].sort(newestFirst);
		if (req.query.ids !== undefined) {
			const ids = String(req.query.ids)
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
			if (ids.length > 100)
				return fieldErrors({ ids: ['Ensure this field has no more than 100 elements.'] });
			const bad = ids.find((id) => !isUuid(id));
			if (bad) return fieldErrors({ ids: [`“${bad}” is not a valid UUID.`] });
			const wanted = new Set(ids);
			items = items.filter((v) => wanted.has(v.id));
		}
		return json(
			200,
			items.map((v) => videoView(v, now)),
		);
	}

	function paginatedVideos(req) {
		const now = ctx.now();
		return drfPage(
			req,
			[...videos.values()].sort(newestFirst).map((v) => videoView(v, now)),
			'/api/link_to_videos/paginated/',
		);
	}

	function renderPreview(req) {
		const video = videos.get(req.params.id);
		if (!video) return notFoundDetail();
		if (video.kind !== 'preview') {
			return nonFieldError(
				'Only a video created with /api/link_to_videos/preview/ can be rendered with /render/.',
			);
		}
		if (video.render) return nonFieldError('This video has already been rendered.');
		const cost = renderCost(video.fields.model_version, video.fields.video_length);
		const charged = charge(cost);
		if (charged) return charged;
		video.creditsUsed += cost;
		startRender(video);
		return json(200, videoView(video, ctx.now()));
	}

	function renderSinglePreview(req) {
		const video = videos.get(req.params.id);
		if (!video) return notFoundDetail();
		const parsed = bodyOf(req);
		if (parsed.error) return parsed.error;
		const mediaJob = parsed.body.media_job;
		if (mediaJob === undefined) return fieldErrors({ media_job: [MSG.required] });
		if (!isUuid(mediaJob)) return fieldErrors({ media_job: [MSG.uuid] });
		if (video.kind !== 'previewList') {
			return nonFieldError(
				'Only a video created with /api/link_to_videos/preview_list_async/ has previews to render.',
			);
		}
		const now = ctx.now();
		if (now < video.previewReadyAt) return nonFieldError('Previews are not ready yet.');
		if (video.previewsFail)
			return nonFieldError('Preview generation failed; there is nothing to render.');
		if (video.render) return nonFieldError('This video has already been rendered.');
		const chosen = video.previews.find((p) => p.media_job === mediaJob);
		if (!chosen)
			return fieldErrors({
				media_job: [`Invalid media_job "${mediaJob}": not one of this video's previews.`],
			});
		const cost = renderCost(video.fields.model_version, video.fields.video_length);
		const charged = charge(cost);
		if (charged) return charged;
		video.creditsUsed += cost;
		startRender(video, chosen.media_job);
		video.render.visualStyle = chosen.visual_style;
		video.render.aspectRatio = chosen.aspect_ratio;
		return json(200, videoView(video, now));
	}

	// ---- dropdown sources and credits ------------------------------------------------------------------------

	function personaView([id, name, gender, age, style, location]) {
		const media = (kind, ratio) =>
			kind === 'image'
				? ctx.fileUrl('images', `persona-${id}-${ratio}.jpg`)
				: ctx.videoUrl(`persona-${id}-${ratio}`, 64 * 1024);
		return {
			id,
			creator_name: name,
			gender,
			age_range: age,
			style,
			location,
			is_active: true,
			preview_image_1_1: media('image', '1x1'),
			preview_image_16_9: media('image', '16x9'),
			preview_image_9_16: media('image', '9x16'),
			preview_video_1_1: media('video', '1x1'),
			preview_video_16_9: media('video', '16x9'),
			preview_video_9_16: media('video', '9x16'),
		};
	}

	const personas = () => json(200, PERSONAS.map(personaView));
	const paginatedPersonas = (req) =>
		drfPage(req, PERSONAS.map(personaView), '/api/personas/paginated/');

	function voices() {
		return json(
			200,
			VOICES.map(([name, gender, accents]) => ({
				name,
				gender,
				accents: accents.map(([id, accentName]) => ({
					id,
					accent_name: accentName,
					preview_url: ctx.fileUrl('audio', `voice-${id}.mp3`),
				})),
			})),
		);
	}

	const credits = () => json(200, { remaining_credits: remainingCredits });

	// ---- webhooks --------------------------------------------------------------------------------------------

	function postWebhook(video, url, payload) {
		const record = {
			videoId: video.id,
			url,
			payload,
			time: new Date(ctx.now()).toISOString(),
			status: null,
			error: null,
		};
		webhooks.push(record);
		let target;
		try {
			target = new URL(url);
		} catch {
			record.error = 'invalid URL';
			return;
		}
		const lib = target.protocol === 'https:' ? https : http;
		const data = Buffer.from(JSON.stringify(payload));
		const req = lib.request(
			target,
			{
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': data.length,
					'User-Agent': 'creatify-sandbox-webhook',
				},
				timeout: ctx.options().webhookTimeoutMs,
			},
			(res) => {
				record.status = res.statusCode;
				res.resume();
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (err) => {
			record.error = err.message;
		});
		req.end(data);
	}

	function sweep(now) {
		for (const video of videos.values()) {
			const url = video.fields.webhook_url;
			if (!url) continue;
			if (
				video.kind === 'previewList' &&
				!video.webhookSent.previews &&
				now >= video.previewReadyAt
			) {
				video.webhookSent.previews = true;
				const view = videoView(video, now);
				postWebhook(video, url, {
					id: video.id,
					status: view.status,
					failed_reason: view.failed_reason,
					previews: view.previews,
				});
			}
			const r = renderState(video, now);
			if (r && r.terminal && !video.webhookSent.render) {
				video.webhookSent.render = true;
				const view = videoView(video, now);
				postWebhook(video, url, {
					id: video.id,
					status: view.status,
					failed_reason: view.failed_reason,
					video_output: view.video_output,
					video_thumbnail: view.video_thumbnail,
				});
			}
		}
	}

	// ---- provider interface ----------------------------------------------------------------------------------

	const routes = [
		{ method: 'POST', path: '/api/links/', handler: createLink },
		{ method: 'GET', path: '/api/links/', handler: listLinks },
		{ method: 'POST', path: '/api/links/link_with_params/', handler: createLinkWithParams },
		{ method: 'GET', path: '/api/links/paginated/', handler: paginatedLinks },
		{ method: 'GET', path: '/api/links/{id}/', handler: getLink },
		{ method: 'PUT', path: '/api/links/{id}/', handler: updateLink },
		{ method: 'POST', path: '/api/link_to_videos/', handler: createVideo },
		{ method: 'GET', path: '/api/link_to_videos/', handler: listVideos },
		{ method: 'GET', path: '/api/link_to_videos/paginated/', handler: paginatedVideos },
		{ method: 'POST', path: '/api/link_to_videos/preview/', handler: previewOne },
		{ method: 'POST', path: '/api/link_to_videos/preview_list_async/', handler: previewList },
		{ method: 'GET', path: '/api/link_to_videos/{id}/', handler: getVideo },
		{ method: 'POST', path: '/api/link_to_videos/{id}/render/', handler: renderPreview },
		{
			method: 'POST',
			path: '/api/link_to_videos/{id}/render_single_preview/',
			handler: renderSinglePreview,
		},
		{ method: 'GET', path: '/api/personas/', handler: personas },
		{ method: 'GET', path: '/api/personas/paginated/', handler: paginatedPersonas },
		{ method: 'GET', path: '/api/voices/', handler: voices },
		{ method: 'GET', path: '/api/remaining_credits/', handler: credits },
	];

	reset();

	return {
		name: 'creatify',
		prefix: '/creatify',
		routes,
		reset,
		sweep,

		configure(partial) {
			if (partial.creatifyCredits !== undefined) remainingCredits = partial.creatifyCredits;
		},

		classifyAuth(headers) {
			const id = headers['x-api-id'];
			const key = headers['x-api-key'];
			if (!id || !key) return { auth: 'missing', account: null };
			return id === SANDBOX_KEYS.creatify.apiId && key === SANDBOX_KEYS.creatify.apiKey
				? { auth: 'valid', account: 'main' }
				: { auth: 'invalid', account: null };
		},

		authorize(route, { auth }) {
			if (auth === 'missing')
				return json(401, { detail: 'Authentication credentials were not provided.' });
			if (auth === 'invalid') return json(401, { detail: 'Incorrect authentication credentials.' });
			return null;
		},

		rateLimitGroups(route, account, limits) {
			return limits.creatify
				? [{ name: 'creatify (configured)', key: `creatify:${account}`, rules: limits.creatify }]
				: [];
		},

		rateLimited({ retryAfterSec }) {
			return json(
				429,
				{
					detail: `Request was throttled. Expected available in ${retryAfterSec} second${retryAfterSec === 1 ? '' : 's'}.`,
				},
				{ 'Retry-After': String(retryAfterSec) },
			);
		},

		notFound({ method, methodNotAllowed }) {
			if (methodNotAllowed) return json(405, { detail: `Method "${method}" not allowed.` });
			// Django's own page for an unknown URL (a missing trailing slash included).
			return {
				status: 404,
				text: '<!doctype html><html lang="en"><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>',
				headers: { 'Content-Type': 'text/html; charset=utf-8' },
			};
		},

		httpError({ status, message }) {
			if (status >= 500) {
				return {
					status,
					text: `<!doctype html><html lang="en"><head><title>Server Error (${status})</title></head><body><h1>Server Error (${status})</h1></body></html>`,
					headers: { 'Content-Type': 'text/html; charset=utf-8' },
				};
			}
			if (status === 400) return nonFieldError(message || 'Bad request.');
			return json(status, { detail: message || 'Injected error.' });
		},

		logCode() {
			return null;
		},

		snapshot(now) {
			return {
				remainingCredits,
				links: [...links.values()].map(linkView),
				videos: [...videos.values()].map((v) => ({
					...videoView(v, now),
					kind: v.kind,
					willFail: v.render ? v.render.fails : v.previewsFail,
					// When the render ends, to the millisecond (its `updated_at` says it to the second).
					renderEndsAt: v.render ? v.render.startedAt + v.render.durationMs : undefined,
				})),
				webhooks: webhooks.map((w) => ({ ...w })),
			};
		},
	};
};

'use strict';

/**
 * TikTok API for Business: Refresh Ads (seed 002) and Digital Avatar (seed 003), plus user/info for credential
 * tests. Mounted at /tiktok, so the base URL a node uses is `<sandbox>/tiktok` + `/open_api/v1.3/...`.
 *
 * TikTok's habits reproduced here:
 * - token in the `Access-Token` header (no "Bearer");
 * - every answer is HTTP 200 with `{code, message, request_id, data}`; errors are non-zero codes;
 * - array/object query parameters are JSON text (`task_ids=["1","2"]`); anything else is code 40002;
 * - paths must end with "/" (otherwise a plain HTTP 404);
 * - results (video ids, preview URLs) stay empty strings until a task reaches SUCCESS.
 */

const AVATARS = require('../data/tiktok-avatars.json');
const ENUMS = require('../data/tiktok-enums.json');
const { SANDBOX_KEYS } = require('../lib/keys');
const { PHASES, statusAt } = require('../lib/jobs');
const {
	numericId,
	randomLetters,
	compactUtc,
	spacedUtc,
	isPlainObject,
	isHttpUrl,
	parseIntParam,
	containsEmoji,
	hasMarker,
	paginate,
	isSocialVideoPage,
} = require('../lib/util');

const API = '/open_api/v1.3';
const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

const TOKENS = {
	[SANDBOX_KEYS.tiktok.accessToken]: 'main',
	[SANDBOX_KEYS.tiktok.expiredToken]: 'expired',
	[SANDBOX_KEYS.tiktok.noPermissionToken]: 'noPermission',
	[SANDBOX_KEYS.tiktok.notAllowlistedToken]: 'notAllowlisted',
};

const MESSAGES = {
	40001:
		'No permission to operate. The app or token lacks the permission "Generative AI Tool > Video Generation".',
	40100: 'Too many requests. Please retry in some time.',
	40102: 'Access token has expired. Please re-authorize to get a new access token.',
	40104: 'Access token is null. Please put the access token in the Access-Token header.',
	40105: 'Access token is incorrect or has been revoked.',
	40118: 'Your app is not allowlisted for this API. Please contact your TikTok representative.',
};

module.exports = function createTiktok(ctx) {
	let uploads;
	let refreshTasks;
	let avatarTasks;
	let requestCounter = 0;

	function reset() {
		uploads = new Map();
		refreshTasks = new Map();
		avatarTasks = new Map();
		requestCounter = 0;
	}

	// ---- envelope --------------------------------------------------------------------------------------------

	function requestId() {
		requestCounter += 1;
		const tail = ((requestCounter * 2654435761) >>> 0).toString(16).toUpperCase().padStart(8, '0');
		return `${compactUtc(ctx.now())}${String(requestCounter).padStart(6, '0')}${tail}`;
	}

	function envelope(code, message, data) {
		const id = requestId();
		return {
			status: 200,
			json: { code, message, request_id: id, data },
			headers: { 'X-Tt-Logid': id },
		};
	}
	const ok = (data) => envelope(0, 'OK', data);
	const fail = (code, message) => envelope(code, message || MESSAGES[code] || 'Error', {});
	const paramError = (message) => fail(40002, message);

	// ---- parameter helpers -----------------------------------------------------------------------------------

	/** A query parameter that TikTok expects as JSON text. Returns { value } or { error }. */
	function jsonParam(query, name, { required, type }) {
		const raw = query[name];
		if (raw === undefined || raw === '') {
			return required ? { error: `${name}: field is required.` } : { value: undefined };
		}
		if (Array.isArray(raw)) {
			return {
				error: `${name}: pass the parameter once, as a JSON ${type} (e.g. ${name}=["1","2"]).`,
			};
		}
		let value;
		try {
			value = JSON.parse(raw);
		} catch {
			return {
				error: `${name}: invalid JSON. Array and object parameters must be JSON-encoded, e.g. ${
					type === 'array' ? `${name}=["123"]` : `${name}={"avatar_id":"123"}`
				}.`,
			};
		}
		if (type === 'array' && !Array.isArray(value))
			return { error: `${name}: must be a JSON array.` };
		if (type === 'object' && !isPlainObject(value))
			return { error: `${name}: must be a JSON object.` };
		return { value };
	}

	function stringArrayParam(query, name, { required, max, allowed }) {
		const r = jsonParam(query, name, { required, type: 'array' });
		if (r.error || r.value === undefined) return r;
		if (r.value.length === 0 && required)
			return { error: `${name}: must contain at least one item.` };
		if (max && r.value.length > max)
			return { error: `${name}: max size is ${max}, got ${r.value.length}.` };
		for (const item of r.value) {
			if (typeof item !== 'string' || item === '')
				return { error: `${name}: every item must be a non-empty string.` };
			if (allowed && !allowed.includes(item)) {
				return { error: `${name}: invalid value "${item}". Allowed: ${allowed.join(', ')}.` };
			}
		}
		return r;
	}

	function pageParams(query) {
		const out = { page: 1, pageSize: 10 };
		for (const [name, key, min, max] of [
			['page', 'page', 1, Infinity],
			['page_size', 'pageSize', 1, 100],
		]) {
			if (query[name] === undefined) continue;
			const n = parseIntParam(Array.isArray(query[name]) ? '' : query[name]);
			if (!Number.isInteger(n) || n < min || n > max) {
				return {
					error: `${name}: must be an integer ${max === Infinity ? `>= ${min}` : `between ${min} and ${max}`}.`,
				};
			}
			out[key] = n;
		}
		return out;
	}

	function pageInfo(page, pageSize, total, totalPages) {
		return { page, page_size: pageSize, total_number: total, total_page: totalPages };
	}

	/** POST bodies: JSON object with the documented Content-Type. */
	function jsonBody(req) {
		const type = String(req.headers['content-type'] || '');
		if (!type.toLowerCase().includes('application/json')) {
			return { error: 'Content-Type must be application/json.' };
		}
		if (req.bodyInvalid || !isPlainObject(req.body))
			return { error: 'The request body must be a JSON object.' };
		return { body: req.body };
	}

	// ---- jobs ------------------------------------------------------------------------------------------------

	function jobStatus(task, now) {
		return statusAt(task, now, PHASES.tiktok, 'SUCCESS', 'FAILED');
	}

	function resultUrl(prefix, id) {
		return ctx.videoUrl(`${prefix}-${id}`, ctx.options().videoBytes);
	}

	function coverUrl(id) {
		const expires = Math.floor(ctx.now() / 1000) + 6 * 3600;
		return `${ctx.fileUrl('images', `cover-${id}.jpg`)}?x-expires=${expires}`;
	}

	function refreshView(task, now) {
		const s = jobStatus(task, now);
		const success = s.status === 'SUCCESS';
		const view = {
			task_id: task.task_id,
			aigc_video_type: 'REFRESH_VIDEO',
			status: s.status,
			video_name: task.video_name,
			video_id: success ? task.video_id : '',
			preview_url: success ? resultUrl('refresh', task.video_id) : '',
		};
		if (s.status === 'FAILED') view.error_msg = task.failReason;
		return view;
	}

	function avatarView(task, now) {
		const s = jobStatus(task, now);
		const success = s.status === 'SUCCESS';
		const view = {
			task_id: task.task_id,
			status: s.status,
			video_name: task.video_name,
			avatar_video_id: success ? task.avatar_video_id : '',
			preview_url: success ? resultUrl('avatar', task.avatar_video_id) : '',
		};
		if (s.status === 'FAILED') view.error_msg = task.failReason;
		return view;
	}

	function newTask(kind, failureMarker) {
		const now = ctx.now();
		const durationMs = ctx.pickDuration(kind);
		const fails = ctx.decideFailure(failureMarker);
		return {
			task_id: numericId(ctx.rng),
			createdAt: now,
			startedAt: now,
			durationMs,
			fails,
			failReason: failureMarker
				? 'Video generation failed (sandbox failure trigger "sandbox-fail").'
				: 'Video generation failed due to an internal error. Please try again.',
		};
	}

	// ---- handlers --------------------------------------------------------------------------------------------

	function userInfo() {
		return ok({
			core_user_id: '7000000000000000001',
			display_name: 'Sandbox Advertiser',
			email: 'sandbox-advertiser@example.com',
			avatar_url: ctx.fileUrl('images', 'tiktok-user.jpg'),
			create_time: 1700000000,
		});
	}

	function upload(req) {
		const parsed = jsonBody(req);
		if (parsed.error) return paramError(parsed.error);
		const b = parsed.body;
		if (b.upload_type === undefined) return paramError('upload_type: field is required.');
		if (b.upload_type !== 'UPLOAD_BY_URL') {
			return paramError(
				`upload_type: "${b.upload_type}" is not supported here. Use UPLOAD_BY_URL.`,
			);
		}
		if (b.use_scenario === undefined) return paramError('use_scenario: field is required.');
		if (b.use_scenario !== 'AIGC')
			return paramError(`use_scenario: must be AIGC, got "${b.use_scenario}".`);
		if (b.video_url === undefined || b.video_url === '') {
			return paramError('video_url: field is required when upload_type is UPLOAD_BY_URL.');
		}
		if (!isHttpUrl(b.video_url)) return paramError('video_url: must be a valid http(s) URL.');
		if (
			b.file_name !== undefined &&
			(typeof b.file_name !== 'string' || b.file_name.length < 1 || b.file_name.length > 100)
		) {
			return paramError('file_name: length must be 1-100 characters.');
		}

		const url = new URL(b.video_url);
		const lowerPath = url.pathname.toLowerCase();
		if (hasMarker('sandbox-unreachable', b.video_url)) {
			return fail(
				40902,
				'Failed to download the video from video_url. Make sure the URL is publicly reachable.',
			);
		}
		const ownBytes =
			b.video_url.startsWith(`${ctx.origin()}/files/videos/`) &&
			/^\d+$/.test(url.searchParams.get('bytes') || '')
				? Number(url.searchParams.get('bytes'))
				: 0;
		if (hasMarker('sandbox-too-large', b.video_url) || ownBytes > MAX_UPLOAD_BYTES) {
			return fail(40907, 'The video file is too large.');
		}
		// TikTok checks the Content-Type the URL answers with and refuses text/* (a web page is text/html). The
		// sandbox does not fetch other hosts, so it refuses what is plainly a page: a post or video page on a social
		// or video platform (a YouTube watch page, a TikTok video page, ...), its own preview pages, and paths
		// ending in a non-video file type.
		if (
			hasMarker('sandbox-text', b.video_url) ||
			lowerPath.includes('/files/text/') ||
			lowerPath.includes('/files/previews/') ||
			isSocialVideoPage(b.video_url) ||
			/\.(txt|html?|php|aspx?|json|csv|pdf|jpe?g|png|gif)$/.test(lowerPath)
		) {
			return fail(
				40908,
				'Unsupported file type. video_url must serve a video (.mp4, .mov, .mpeg or .avi), not text/*.',
			);
		}
		const videoId = `v10033g50000${numericId(ctx.rng).slice(0, 8)}${randomLetters(ctx.rng, 8).toLowerCase()}`;
		uploads.set(videoId, {
			video_id: videoId,
			video_url: b.video_url,
			file_name: b.file_name || url.pathname.split('/').pop() || 'video.mp4',
			createdAt: ctx.now(),
		});
		return ok({ video_id: videoId });
	}

	function refreshCreate(req) {
		const parsed = jsonBody(req);
		if (parsed.error) return paramError(parsed.error);
		const b = parsed.body;
		if (typeof b.video_id !== 'string' || b.video_id === '')
			return paramError('video_id: field is required.');
		const source = uploads.get(b.video_id);
		if (!source) {
			return paramError(
				`video_id: video ${b.video_id} does not exist. Upload it with /file/video/ad/upload/ (use_scenario AIGC) first.`,
			);
		}
		const list = b.video_refresh_strategy_list;
		if (list === undefined) return paramError('video_refresh_strategy_list: field is required.');
		const combos = ENUMS.refreshStrategyCombinations;
		const validCombo =
			Array.isArray(list) &&
			new Set(list).size === list.length &&
			combos.some((c) => c.length === list.length && c.every((s) => list.includes(s)));
		if (!validCombo) {
			return paramError(
				`video_refresh_strategy_list: must be one of ["ADD_HOOK"], ["SWAP_MUSIC"], ["ADD_HOOK","SWAP_MUSIC"]; got ${JSON.stringify(list)}.`,
			);
		}
		let hookType = null;
		if (list.includes('ADD_HOOK')) {
			const hook = b.add_hook;
			if (!isPlainObject(hook))
				return paramError('add_hook: required when video_refresh_strategy_list includes ADD_HOOK.');
			if (hook.hook_type === undefined) return paramError('add_hook.hook_type: field is required.');
			if (!ENUMS.hookTypes.includes(hook.hook_type)) {
				return paramError(
					`add_hook.hook_type: invalid value "${hook.hook_type}". Allowed: ${ENUMS.hookTypes.join(', ')}.`,
				);
			}
			if (hook.product_category === undefined) {
				return paramError(
					'add_hook.product_category: required when video_refresh_strategy_list includes ADD_HOOK.',
				);
			}
			if (!ENUMS.productCategories.includes(hook.product_category)) {
				return paramError(`add_hook.product_category: invalid value "${hook.product_category}".`);
			}
			if (hook.product_description !== undefined) {
				if (typeof hook.product_description !== 'string') {
					return paramError('add_hook.product_description: must be a string.');
				}
				if (hook.product_description.length > 3000) {
					return paramError(
						`add_hook.product_description: length limit is 3000 characters, got ${hook.product_description.length}.`,
					);
				}
			}
			if (hook.hook_type === 'HOLIDAY') {
				if (hook.holiday_theme === undefined) {
					return paramError('add_hook.holiday_theme: required when hook_type is HOLIDAY.');
				}
			}
			if (hook.holiday_theme !== undefined && !ENUMS.holidayThemes.includes(hook.holiday_theme)) {
				return paramError(`add_hook.holiday_theme: invalid value "${hook.holiday_theme}".`);
			}
			hookType = hook.hook_type;
		}

		const marker = hasMarker(
			'sandbox-fail',
			b.add_hook && b.add_hook.product_description,
			source.video_url,
		);
		const hookTypes = hookType === 'RECOMMENDED' ? ENUMS.recommendedHookTypes : [hookType];
		const taskIds = hookTypes.map((type) => {
			const task = newTask('tiktokRefresh', marker);
			task.hook_type = type;
			task.strategies = list.slice();
			task.source_video_id = b.video_id;
			task.video_name = `refresh_video-${compactUtc(task.createdAt)}-${randomLetters(ctx.rng, 3)}`;
			task.video_id = `v10033g50000${numericId(ctx.rng).slice(1, 9)}${randomLetters(ctx.rng, 8).toLowerCase()}`;
			refreshTasks.set(task.task_id, task);
			return task.task_id;
		});
		return ok({ task_ids: taskIds });
	}

	function refreshTaskList(req) {
		const type = req.query.aigc_video_type;
		if (type !== undefined && type !== 'REFRESH_VIDEO') {
			return paramError(
				`aigc_video_type: invalid value ${JSON.stringify(type)}. Allowed: REFRESH_VIDEO.`,
			);
		}
		const ids = stringArrayParam(req.query, 'task_ids', { required: true, max: 5 });
		if (ids.error) return paramError(ids.error);
		// Without aigc_video_type TikTok only returns dubbing tasks, which the sandbox never has.
		if (type === undefined) return ok({ list: [] });
		const now = ctx.now();
		const list = ids.value
			.filter((id) => refreshTasks.has(id))
			.map((id) => refreshView(refreshTasks.get(id), now));
		return ok({ list });
	}

	function refreshVideoList(req) {
		const types = stringArrayParam(req.query, 'aigc_video_types', {
			required: false,
			allowed: ENUMS.aigcVideoTypes,
		});
		if (types.error) return paramError(types.error);
		const pages = pageParams(req.query);
		if (pages.error) return paramError(pages.error);
		const now = ctx.now();
		const wanted = types.value && types.value.includes('REFRESH_VIDEO');
		const done = wanted
			? [...refreshTasks.values()]
					.filter((t) => jobStatus(t, now).status === 'SUCCESS')
					.sort((a, b) => b.createdAt - a.createdAt)
			: [];
		// Documented: data is {} while no refresh task has succeeded.
		if (done.length === 0) return ok({});
		const { items, total, totalPages } = paginate(done, pages.page, pages.pageSize);
		return ok({
			list: items.map((t) => ({
				aigc_video_type: 'REFRESH_VIDEO',
				video_name: t.video_name,
				video_id: t.video_id,
				create_time: spacedUtc(t.startedAt + t.durationMs),
				preview_url: resultUrl('refresh', t.video_id),
			})),
			page_info: pageInfo(pages.page, pages.pageSize, total, totalPages),
		});
	}

	function avatarList(req) {
		const pages = pageParams(req.query);
		if (pages.error) return paramError(pages.error);
		const { items, total, totalPages } = paginate(AVATARS, pages.page, pages.pageSize);
		return ok({
			list: items.map((a) => ({
				avatar_id: a.avatar_id,
				avatar_name: a.avatar_name,
				avatar_thumbnail: ctx.fileUrl('images', `avatar-${a.avatar_id}_cover.jpg`),
				avatar_preview_url: ctx.videoUrl(`avatar-${a.avatar_id}_video`, 64 * 1024),
			})),
			page_info: pageInfo(pages.page, pages.pageSize, total, totalPages),
		});
	}

	function avatarTaskCreate(req) {
		const parsed = jsonBody(req);
		if (parsed.error) return paramError(parsed.error);
		const packages = parsed.body.material_packages;
		if (packages === undefined) return paramError('material_packages: field is required.');
		if (!Array.isArray(packages) || packages.length < 1 || packages.length > 5) {
			return paramError('material_packages: must be an array of 1 to 5 material packages.');
		}
		for (let i = 0; i < packages.length; i++) {
			const p = packages[i];
			const at = `material_packages[${i}]`;
			if (!isPlainObject(p)) return paramError(`${at}: must be an object.`);
			if (typeof p.avatar_id !== 'string' || p.avatar_id === '')
				return paramError(`${at}.avatar_id: field is required.`);
			if (typeof p.script !== 'string' || p.script.trim() === '')
				return paramError(`${at}.script: field is required.`);
			if (p.script.length > 2000) {
				return paramError(`${at}.script: length limit is 2000 characters, got ${p.script.length}.`);
			}
			if (containsEmoji(p.script)) {
				return paramError(
					`${at}.script: emojis and special characters cannot be recognized; remove them.`,
				);
			}
			if (p.video_name !== undefined && p.video_name !== null) {
				if (typeof p.video_name !== 'string' || p.video_name.length > 50) {
					return paramError(`${at}.video_name: must be a string of at most 50 characters.`);
				}
			}
			if (p.package_id !== undefined && p.package_id !== null && typeof p.package_id !== 'string') {
				return paramError(`${at}.package_id: must be a string.`);
			}
		}
		const list = packages.map((p) => {
			const packageId = typeof p.package_id === 'string' ? p.package_id : null;
			if (!AVATARS.some((a) => a.avatar_id === p.avatar_id)) {
				// One bad package does not sink the others: it gets an error_msg and no task.
				return {
					task_id: '',
					package_id: packageId,
					error_msg: `avatar_id ${p.avatar_id} does not exist.`,
				};
			}
			const task = newTask('tiktokAvatar', hasMarker('sandbox-fail', p.video_name, p.script));
			task.avatar_id = p.avatar_id;
			task.script = p.script;
			task.package_id = packageId;
			task.video_name = p.video_name
				? p.video_name
				: `project-${compactUtc(task.createdAt)}-${randomLetters(ctx.rng, 3)}`;
			task.avatar_video_id = `v10033g50000${numericId(ctx.rng).slice(2, 10)}${randomLetters(ctx.rng, 8).toLowerCase()}`;
			avatarTasks.set(task.task_id, task);
			return { task_id: task.task_id, package_id: packageId, error_msg: '' };
		});
		return ok({ list });
	}

	function avatarTaskGet(req) {
		const ids = stringArrayParam(req.query, 'task_ids', { required: true, max: 5 });
		if (ids.error) return paramError(ids.error);
		const now = ctx.now();
		return ok({
			list: ids.value
				.filter((id) => avatarTasks.has(id))
				.map((id) => avatarView(avatarTasks.get(id), now)),
		});
	}

	const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
	function validDate(s) {
		return (
			typeof s === 'string' &&
			DATE_RE.test(s) &&
			new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
		);
	}

	function avatarVideoList(req) {
		const f = jsonParam(req.query, 'filtering', { required: false, type: 'object' });
		if (f.error) return paramError(f.error);
		const filtering = f.value || {};
		for (const key of ['start_date', 'end_date']) {
			if (filtering[key] !== undefined && !validDate(filtering[key])) {
				return paramError(`filtering.${key}: must be a date in the format YYYY-MM-DD (UTC).`);
			}
		}
		if (filtering.start_date && filtering.end_date && filtering.start_date > filtering.end_date) {
			return paramError('filtering: start_date must not be after end_date.');
		}
		if (filtering.avatar_id !== undefined && typeof filtering.avatar_id !== 'string') {
			return paramError('filtering.avatar_id: must be a string.');
		}
		const pages = pageParams(req.query);
		if (pages.error) return paramError(pages.error);
		const now = ctx.now();
		const videos = [...avatarTasks.values()]
			.filter((t) => jobStatus(t, now).status === 'SUCCESS')
			.filter((t) => !filtering.avatar_id || t.avatar_id === filtering.avatar_id)
			.filter((t) => {
				const day = spacedUtc(t.createdAt).slice(0, 10);
				return (
					(!filtering.start_date || day >= filtering.start_date) &&
					(!filtering.end_date || day <= filtering.end_date)
				);
			})
			.sort((a, b) => b.createdAt - a.createdAt);
		const { items, total, totalPages } = paginate(videos, pages.page, pages.pageSize);
		return ok({
			list: items.map((t) => ({
				avatar_video_id: t.avatar_video_id,
				video_name: t.video_name,
				create_time: spacedUtc(t.createdAt),
				preview_url: resultUrl('avatar', t.avatar_video_id),
				video_cover_url: coverUrl(t.avatar_video_id),
				avatar_id: t.avatar_id,
			})),
			page_info: pageInfo(pages.page, pages.pageSize, total, totalPages),
		});
	}

	function videoUpdate(req) {
		const parsed = jsonBody(req);
		if (parsed.error) return paramError(parsed.error);
		const b = parsed.body;
		if (typeof b.avatar_video_id !== 'string' || b.avatar_video_id === '') {
			return paramError('avatar_video_id: field is required.');
		}
		if (typeof b.file_name !== 'string' || b.file_name.length < 1 || b.file_name.length > 100) {
			return paramError('file_name: required, 1-100 characters.');
		}
		const now = ctx.now();
		const task = [...avatarTasks.values()].find(
			(t) => t.avatar_video_id === b.avatar_video_id && jobStatus(t, now).status === 'SUCCESS',
		);
		if (!task) return paramError(`avatar_video_id: video ${b.avatar_video_id} does not exist.`);
		task.video_name = b.file_name;
		return ok({});
	}

	// ---- provider interface ----------------------------------------------------------------------------------

	const routes = [
		{ method: 'GET', path: `${API}/user/info/`, handler: userInfo },
		{ method: 'POST', path: `${API}/file/video/ad/upload/`, handler: upload },
		{
			method: 'POST',
			path: `${API}/creative/aigc/refresh_video/task/create/`,
			handler: refreshCreate,
		},
		{ method: 'GET', path: `${API}/creative/aigc/video/task/list/`, handler: refreshTaskList },
		{ method: 'GET', path: `${API}/creative/aigc/video/list/`, handler: refreshVideoList },
		{ method: 'GET', path: `${API}/creative/digital_avatar/get/`, handler: avatarList },
		{
			method: 'POST',
			path: `${API}/creative/digital_avatar/video/task/create/`,
			handler: avatarTaskCreate,
		},
		{
			method: 'GET',
			path: `${API}/creative/digital_avatar/video/task/get/`,
			handler: avatarTaskGet,
		},
		{ method: 'GET', path: `${API}/creative/digital_avatar/video/list/`, handler: avatarVideoList },
		{ method: 'POST', path: `${API}/file/video/ad/update/`, handler: videoUpdate },
	];

	reset();

	return {
		name: 'tiktok',
		prefix: '/tiktok',
		routes,
		requestId,
		reset,

		classifyAuth(headers) {
			const token = headers['access-token'];
			if (token === undefined || token === '') return { auth: 'missing', account: null };
			const account = TOKENS[token];
			if (!account) return { auth: 'invalid', account: null };
			return { auth: account === 'expired' ? 'invalid' : 'valid', account };
		},

		authorize(route, { auth, account }) {
			if (auth === 'missing') return fail(40104);
			if (account === 'expired') return fail(40102);
			if (auth === 'invalid') return fail(40105);
			const isUserInfo = route.path === `${API}/user/info/`;
			if (account === 'noPermission' && !isUserInfo) return fail(40001);
			if (account === 'notAllowlisted' && route.path.startsWith(`${API}/creative/`))
				return fail(40118);
			return null;
		},

		rateLimitGroups(route, account, limits) {
			const groups = [];
			if (limits.tiktok)
				groups.push({
					name: 'tiktok global (per app)',
					key: `tiktok:${account}`,
					rules: limits.tiktok,
				});
			if (
				route.path === `${API}/creative/aigc/refresh_video/task/create/` &&
				limits.tiktokRefreshCreate
			) {
				groups.push({
					name: 'tiktok refresh task create (per app)',
					key: `tiktok-refresh:${account}`,
					rules: limits.tiktokRefreshCreate,
				});
			}
			return groups;
		},

		rateLimited() {
			return fail(40100);
		},

		notFound() {
			// TikTok's gateway: unknown paths (including a missing trailing slash) are a bare 404.
			return { status: 404, text: '404 page not found' };
		},

		httpError({ status, code, message }) {
			const id = requestId();
			return {
				status,
				json: {
					code: code ?? (status >= 500 ? 50000 : 40000),
					message: message || (status >= 500 ? 'System error. Please retry.' : 'Request error.'),
					request_id: id,
					data: {},
				},
			};
		},

		logCode(response) {
			return response.json && typeof response.json.code === 'number' ? response.json.code : null;
		},

		snapshot(now) {
			return {
				uploads: [...uploads.values()].map((u) => ({ ...u })),
				refreshTasks: [...refreshTasks.values()].map((t) => ({
					...refreshView(t, now),
					hook_type: t.hook_type,
					strategies: t.strategies,
					source_video_id: t.source_video_id,
					willFail: t.fails,
					createdAt: t.createdAt,
					durationMs: t.durationMs,
				})),
				avatarTasks: [...avatarTasks.values()].map((t) => ({
					...avatarView(t, now),
					avatar_id: t.avatar_id,
					package_id: t.package_id,
					willFail: t.fails,
					createdAt: t.createdAt,
					durationMs: t.durationMs,
				})),
			};
		},
	};
};

'use strict';

/**
 * Small helpers shared by the sandbox core and the provider simulators: a seeded PRNG (so runs are repeatable),
 * id generators in each provider's style, time formatting and request-validation helpers.
 */

/** mulberry32: tiny, fast, good enough for picking durations and ids; the same seed gives the same sequence. */
function createRng(seed) {
	let a = Number(seed) >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const HEX = '0123456789abcdef';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function pick(rng, chars, length) {
	let out = '';
	for (let i = 0; i < length; i++) out += chars[Math.floor(rng() * chars.length)];
	return out;
}

/** A version-4-shaped UUID (Creatify and Genviral ids). */
function uuid(rng) {
	const h = pick(rng, HEX, 32).split('');
	h[12] = '4';
	h[16] = '89ab'[Math.floor(rng() * 4)];
	const s = h.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** TikTok ids are 19-digit decimal strings such as "7301881390801371138". */
function numericId(rng) {
	return '7' + pick(rng, '0123456789', 18);
}

function alnumId(rng, prefix, length = 10) {
	return prefix + pick(rng, ALNUM, length);
}

function randomLetters(rng, length) {
	return pick(rng, LETTERS, length);
}

/** Integer in [min, max] (inclusive). */
function randomInt(rng, min, max) {
	const lo = Math.ceil(Math.min(min, max));
	const hi = Math.floor(Math.max(min, max));
	return lo + Math.floor(rng() * (hi - lo + 1));
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** "YYYYMMDDHHMMSS" in UTC, used by TikTok's default video names. */
function compactUtc(ms) {
	const d = new Date(ms);
	return (
		d.getUTCFullYear() +
		pad(d.getUTCMonth() + 1) +
		pad(d.getUTCDate()) +
		pad(d.getUTCHours()) +
		pad(d.getUTCMinutes()) +
		pad(d.getUTCSeconds())
	);
}

/** "YYYY-MM-DD HH:MM:SS" in UTC (TikTok create_time). */
function spacedUtc(ms) {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** ISO 8601 without milliseconds, as in the SixtySeconds examples ("2025-03-03T14:25:30Z"). */
function isoSeconds(ms) {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * ISO 8601 to `precisionMs` (1000, 100, 10 or 1), rounded down, with as many decimals as that precision has:
 * "…:30Z", "…:30.4Z", "…:30.45Z", "…:30.456Z".
 */
function isoTimestamp(ms, precisionMs = 1000) {
	if (!(precisionMs < 1000)) return isoSeconds(ms);
	const digits = precisionMs >= 100 ? 1 : precisionMs >= 10 ? 2 : 3;
	const step = 10 ** (3 - digits);
	const floored = Math.floor(ms / step) * step;
	return new Date(floored).toISOString().replace(/\.(\d{3})Z$/, (_, fraction) => `.${fraction.slice(0, digits)}Z`);
}

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isHttpUrl(value) {
	if (typeof value !== 'string' || value.trim() === '') return false;
	try {
		const u = new URL(value);
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value) {
	return typeof value === 'string' && UUID_RE.test(value);
}

/** Strict decimal integer in a query string ("10", not "10.5", "1e1" or ""). */
function parseIntParam(value) {
	if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) return NaN;
	return Number(value.trim());
}

/** Emoji and other pictographs, which TikTok's avatar scripts must not contain. */
const EMOJI_RE = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}]/u;
function containsEmoji(text) {
	return EMOJI_RE.test(text);
}

/** Case-insensitive marker test on any number of optional strings. */
/**
 * Hosts whose pages are posts, videos or profiles on a social or video platform (TikTok, YouTube, Instagram,
 * Facebook, X, Vimeo, Pinterest, Snapchat): web pages, not a shop's product page and not a video file.
 */
const SOCIAL_VIDEO_HOSTS = [
	'tiktok.com',
	'youtube.com',
	'youtu.be',
	'instagram.com',
	'facebook.com',
	'fb.watch',
	'x.com',
	'twitter.com',
	'vimeo.com',
	'pinterest.com',
	'snapchat.com',
];

/** Whether `url` is on one of SOCIAL_VIDEO_HOSTS (or a subdomain, e.g. www.tiktok.com, vm.tiktok.com). */
function isSocialVideoPage(url) {
	let host;
	try {
		host = new URL(url).hostname.toLowerCase();
	} catch {
		return false;
	}
	return SOCIAL_VIDEO_HOSTS.some((known) => host === known || host.endsWith(`.${known}`));
}

function hasMarker(marker, ...values) {
	return values.some((v) => typeof v === 'string' && v.toLowerCase().includes(marker));
}

/** Stable small hash (FNV-1a) used to derive repeatable facts from an input, e.g. a slideshow's slide count. */
function hashString(text) {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/** Page slice + page count helper shared by every paginated list. */
function paginate(items, page, pageSize) {
	const total = items.length;
	const start = (page - 1) * pageSize;
	return {
		items: items.slice(start, start + pageSize),
		total,
		totalPages: Math.ceil(total / pageSize),
	};
}

module.exports = {
	isSocialVideoPage,
	SOCIAL_VIDEO_HOSTS,
	createRng,
	uuid,
	numericId,
	alnumId,
	randomLetters,
	randomInt,
	compactUtc,
	spacedUtc,
	isoSeconds,
	isoTimestamp,
	isPlainObject,
	isHttpUrl,
	isUuid,
	parseIntParam,
	containsEmoji,
	hasMarker,
	hashString,
	paginate,
};

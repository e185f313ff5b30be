'use strict';

/**
 * The sandbox core: one HTTP server on loopback, the providers mounted under their prefixes, `/files` media, the
 * `/__sandbox` control API, the request log, rate limits, fault injection and the clock.
 *
 * Per request, in this order:
 *   1. a matching fault rule may delay, replace or drop the request (no state change unless the fault handles it:
 *      dropAfterProcessing, stall, missing);
 *   2. the route is resolved (unknown path → the provider's own 404);
 *   3. the credential is checked (rejection in the provider's own format);
 *   4. rate limits are counted per credential (over the limit → violation recorded, and answered the provider's
 *      way when enforceRateLimits is on);
 *   5. the provider handler runs and the answer is logged.
 */

const http = require('node:http');

const { SANDBOX_KEYS } = require('./keys');
const { createRng, isoTimestamp } = require('./util');
const { serveFile } = require('./media');
const createCreatify = require('../providers/creatify');
const createSixtySeconds = require('../providers/sixtyseconds');
const createTiktok = require('../providers/tiktok');
const createGenviral = require('../providers/genviral');

const JOB_KINDS = ['creatify', 'sixtyseconds', 'tiktokAvatar', 'tiktokRefresh'];
const FAULT_TYPES = [
	'http',
	'tiktokCode',
	'rateLimit',
	'slow',
	'drop',
	'dropAfterProcessing',
	'stall',
	'missing',
	'malformed',
	'redirect',
];
const PROVIDER_NAMES = ['creatify', 'sixtyseconds', 'tiktok', 'genviral', 'files'];

const DEFAULT_OPTIONS = {
	port: 0,
	host: '127.0.0.1',
	/** Absolute origin written into result URLs; defaults to the address the server listens on. */
	publicUrl: null,
	durations: Object.fromEntries(JOB_KINDS.map((k) => [k, { minMs: 200, maxMs: 600 }])),
	seed: 1,
	failureRate: 0,
	videoBytes: 256 * 1024,
	enforceRateLimits: true,
	rateLimits: {
		// TikTok API for Business, Basic tier, per developer app (here: per access token).
		tiktok: [
			{ limit: 10, windowMs: 1000 },
			{ limit: 600, windowMs: 60000 },
		],
		// Refresh Ads task create: 1 QPS and 5 QPM per developer app (seed 002).
		tiktokRefreshCreate: [
			{ limit: 1, windowMs: 1000 },
			{ limit: 5, windowMs: 60000 },
		],
		// No published numbers: off unless a test sets them, e.g. [{ limit: 5, windowMs: 1000 }].
		creatify: null,
		sixtyseconds: null,
		genviral: null,
	},
	/** Creatify account balance at start / reset. */
	creatifyCredits: 1000,
	/** Genviral credits per period at start / reset. */
	genviralCredits: 100,
	/** When true the clock stands still except through advanceTime(). */
	manualClock: false,
	/**
	 * When true every account starts (and resets) with sample records where a new account would have
	 * none of its own yet, as a user's account does: three Creatify links. The personas, voices, avatars,
	 * templates, packs and drafts the providers offer are there either way.
	 */
	sampleData: false,
	/** Oldest request-log entries are dropped beyond this many (stats keep counting). */
	maxLogEntries: 50000,
	/** Timeout of a webhook POST (Creatify). */
	webhookTimeoutMs: 2000,
	/**
	 * Precision of SixtySeconds' timestamps (`created_at`, `estimated_completion`…): whole seconds, as the provider
	 * writes them. A run that scales renders down (e.g. a tenth of their time) passes 100 here, so that a timestamp is
	 * as precise next to a render as a whole second is at real speed.
	 */
	timestampPrecisionMs: 1000,
};

function cloneDefaults() {
	return JSON.parse(JSON.stringify(DEFAULT_OPTIONS));
}

function validRange(r) {
	return (
		r && Number.isFinite(r.minMs) && Number.isFinite(r.maxMs) && r.minMs >= 0 && r.maxMs >= r.minMs
	);
}

function validRules(rules) {
	return (
		rules === null ||
		(Array.isArray(rules) &&
			rules.every(
				(r) =>
					Number.isInteger(r.limit) && r.limit > 0 && Number.isFinite(r.windowMs) && r.windowMs > 0,
			))
	);
}

/** Merges partial options into `base` (nested durations and rateLimits merge per key) and validates the result. */
function mergeOptions(base, partial = {}) {
	const out = { ...base, durations: { ...base.durations }, rateLimits: { ...base.rateLimits } };
	for (const [key, value] of Object.entries(partial)) {
		if (value === undefined) continue;
		if (key === 'durations') {
			// { minMs, maxMs } applies to every job kind; { creatify: {...} } to one.
			if ('minMs' in value || 'maxMs' in value) {
				for (const kind of JOB_KINDS) out.durations[kind] = { ...out.durations[kind], ...value };
			}
			for (const kind of JOB_KINDS) {
				if (value[kind]) out.durations[kind] = { ...out.durations[kind], ...value[kind] };
			}
		} else if (key === 'rateLimits') {
			for (const [name, rules] of Object.entries(value)) {
				if (!(name in DEFAULT_OPTIONS.rateLimits))
					throw new TypeError(`Unknown rateLimits key "${name}"`);
				out.rateLimits[name] = rules;
			}
		} else if (key in DEFAULT_OPTIONS) {
			out[key] = value;
		} else {
			throw new TypeError(`Unknown sandbox option "${key}"`);
		}
	}
	for (const kind of JOB_KINDS) {
		if (!validRange(out.durations[kind])) {
			throw new TypeError(`durations.${kind} must be { minMs, maxMs } with 0 <= minMs <= maxMs`);
		}
	}
	for (const [name, rules] of Object.entries(out.rateLimits)) {
		if (!validRules(rules))
			throw new TypeError(`rateLimits.${name} must be null or [{ limit, windowMs }]`);
	}
	if (!(out.failureRate >= 0 && out.failureRate <= 1))
		throw new TypeError('failureRate must be within 0..1');
	if (!Number.isSafeInteger(out.videoBytes) || out.videoBytes < 0) {
		throw new TypeError('videoBytes must be a non-negative integer');
	}
	return out;
}

/** Headers that carry a provider credential (the sandbox's keys go in these, and only these). */
const CREDENTIAL_HEADERS = ['authorization', 'x-api-id', 'x-api-key', 'access-token'];

/** For `/files`: 'missing' when no credential header arrived, else whether it holds one of the sandbox keys. */
function credentialSentToMedia(headers) {
	const sent = CREDENTIAL_HEADERS.filter((name) => headers[name] !== undefined);
	if (!sent.length) return 'missing';
	const keys = JSON.stringify(SANDBOX_KEYS);
	return sent.some((name) => keys.includes(String(headers[name]).replace(/^Bearer\s+/i, '')))
		? 'valid'
		: 'invalid';
}

function parseQuery(searchParams) {
	const all = {};
	for (const [k, v] of searchParams) {
		if (k in all) all[k] = [].concat(all[k], v);
		else all[k] = v;
	}
	return all;
}

function compileRoute(route) {
	const names = [];
	const source = route.path
		.split(/(\{[a-z_]+\})/i)
		.map((part) => {
			const m = /^\{([a-z_]+)\}$/i.exec(part);
			if (m) {
				names.push(m[1]);
				return '([^/]+)';
			}
			return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('');
	return {
		...route,
		regex: new RegExp(`^${source}$`),
		names,
		endpoint: `${route.method} ${route.path}`,
	};
}

/** Sends an answer; `headersOnly` sends its status line and headers (Content-Length included) and no body. */
function writeResponse(res, response, { headersOnly = false } = {}) {
	const headers = { ...(response.headers || {}) };
	let payload;
	if (response.json !== undefined) {
		payload = Buffer.from(JSON.stringify(response.json));
		headers['Content-Type'] = headers['Content-Type'] || 'application/json';
	} else if (response.raw !== undefined) {
		payload = Buffer.from(response.raw);
		headers['Content-Type'] = headers['Content-Type'] || 'application/json';
	} else {
		payload = Buffer.from(response.text || '');
		headers['Content-Type'] = headers['Content-Type'] || 'text/plain; charset=utf-8';
	}
	headers['Content-Length'] = payload.length;
	res.writeHead(response.status, headers);
	if (headersOnly) res.flushHeaders();
	else res.end(payload);
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class Sandbox {
	constructor(options = {}) {
		this.options = mergeOptions(cloneDefaults(), options);
		/** Provider and /files requests being handled (a slow fault's wait included), and who waits for none. */
		this.handling = 0;
		this.idleWaiters = [];
		this.server = http.createServer((req, res) => {
			const counted = !req.url.startsWith('/__sandbox');
			if (counted) this.handling += 1;
			this.handle(req, res)
				.catch((err) => this.internalError(res, err))
				.finally(() => {
					if (!counted) return;
					this.handling -= 1;
					if (this.handling === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
				});
		});
		this.sockets = new Set();
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.timers = new Set();
		this.origin = null;
		// The providers seed their data at creation, which already reads the clock and the PRNG.
		this.timeOffset = 0;
		this.manualBase = Date.now();
		this.rng = createRng(this.options.seed);

		const ctx = {
			now: () => this.now(),
			rng: () => this.rng(),
			options: () => this.options,
			origin: () => this.origin,
			pickDuration: (kind) => this.pickDuration(kind),
			decideFailure: (markerHit) => this.decideFailure(markerHit),
			videoUrl: (name, bytes) => this.videoUrl(bytes, name),
			fileUrl: (kind, name) => `${this.origin}/files/${kind}/${encodeURIComponent(name)}`,
			// For data stored before the origin is known (seeded at start) or kept across publicUrl changes:
			// store filePath() and turn it into a URL with abs() when answering.
			filePath: (kind, name) => `/files/${kind}/${encodeURIComponent(name)}`,
			abs: (value) =>
				typeof value === 'string' && value.startsWith('/files/') ? `${this.origin}${value}` : value,
			wakeAt: (clockMs) => this.wakeAt(clockMs),
			isoTime: (ms) => isoTimestamp(ms, this.options.timestampPrecisionMs),
		};
		this.providers = [
			createCreatify(ctx),
			createSixtySeconds(ctx),
			createTiktok(ctx),
			createGenviral(ctx),
		];
		for (const p of this.providers) p.compiled = p.routes.map(compileRoute);
		this.resetState();
	}

	// ---- lifecycle -------------------------------------------------------------------------------------------

	async listen() {
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, this.options.host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const { port } = this.server.address();
		const host = ['0.0.0.0', '::', ''].includes(this.options.host)
			? '127.0.0.1'
			: this.options.host;
		const hostPart = host.includes(':') ? `[${host}]` : host;
		this.listenOrigin = `http://${hostPart}:${port}`;
		this.origin = (this.options.publicUrl || this.listenOrigin).replace(/\/+$/, '');
		return this;
	}

	async close() {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		await new Promise((resolve) => {
			this.server.close(() => resolve());
			// Keep-alive and half-finished downloads would otherwise hold close() open.
			for (const socket of this.sockets) socket.destroy();
		});
	}

	resetState() {
		this.rng = createRng(this.options.seed);
		this.timeOffset = 0;
		this.manualBase = Date.now();
		this.seq = 0;
		this.log = [];
		this.faults = [];
		this.windows = new Map();
		this.statsData = {
			total: 0,
			byEndpoint: {},
			byProvider: {},
			rateViolations: 0,
			violations: [],
		};
		this.handlerErrors = [];
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		for (const p of this.providers) p.reset();
	}

	configure(partial = {}) {
		const before = this.now();
		this.options = mergeOptions(this.options, partial);
		if (partial.manualClock !== undefined) {
			// Switching clocks must not make time jump: rebase so that now() continues from where it was.
			this.manualBase = Date.now();
			this.timeOffset = before - (this.options.manualClock ? this.manualBase : Date.now());
		}
		if (this.origin && partial.publicUrl !== undefined) {
			this.origin = (this.options.publicUrl || this.listenOrigin).replace(/\/+$/, '');
		}
		for (const p of this.providers) if (p.configure) p.configure(partial);
		return this.options;
	}

	/** Resolves once no request is being handled, e.g. after a client gave up on a slow answer still in progress. */
	whenIdle() {
		if (this.handling === 0) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	// ---- clock, randomness, media ----------------------------------------------------------------------------

	now() {
		return (this.options.manualClock ? this.manualBase : Date.now()) + this.timeOffset;
	}

	advanceTime(ms) {
		if (!Number.isFinite(ms) || ms < 0)
			throw new TypeError('advanceTime(ms) needs a non-negative number');
		this.timeOffset += ms;
		this.sweep();
		return this.now();
	}

	pickDuration(kind) {
		const { minMs, maxMs } = this.options.durations[kind];
		return Math.round(minMs + this.rng() * (maxMs - minMs));
	}

	decideFailure(markerHit) {
		if (markerHit) return true;
		return this.options.failureRate > 0 && this.rng() < this.options.failureRate;
	}

	videoUrl(bytes = this.options.videoBytes, name = 'video') {
		const safe = String(name).replace(/[^A-Za-z0-9._-]/g, '-') || 'video';
		const file = safe.toLowerCase().endsWith('.mp4') ? safe : `${safe}.mp4`;
		return `${this.origin}/files/videos/${file}?bytes=${bytes}`;
	}

	/** Providers ask to be woken when a job ends (for webhooks); with the manual clock advanceTime() does it. */
	wakeAt(clockMs) {
		if (this.options.manualClock) return;
		const delay = Math.max(0, clockMs - this.now()) + 5;
		const t = setTimeout(() => {
			this.timers.delete(t);
			this.sweep();
		}, delay);
		t.unref();
		this.timers.add(t);
	}

	sweep() {
		const now = this.now();
		for (const p of this.providers) if (p.sweep) p.sweep(now);
	}

	// ---- faults ----------------------------------------------------------------------------------------------

	injectFault(rule) {
		if (!rule || typeof rule !== 'object') throw new TypeError('A fault rule must be an object');
		if (!FAULT_TYPES.includes(rule.type)) {
			throw new TypeError(`Fault type must be one of ${FAULT_TYPES.join(', ')}`);
		}
		if (rule.provider !== undefined && !PROVIDER_NAMES.includes(rule.provider)) {
			throw new TypeError(`Fault provider must be one of ${PROVIDER_NAMES.join(', ')}`);
		}
		if (
			rule.type === 'http' &&
			rule.status !== undefined &&
			!(rule.status >= 100 && rule.status <= 599)
		) {
			throw new TypeError('Fault status must be an HTTP status code');
		}
		if (
			rule.type === 'redirect' &&
			(rule.provider !== 'files' || typeof rule.location !== 'string')
		) {
			throw new TypeError('A redirect fault applies to provider "files" and needs a location');
		}
		const times = rule.times === undefined ? 1 : Number(rule.times);
		if (!(times >= 1)) throw new TypeError('Fault times must be >= 1');
		const stored = { ...rule, times, used: 0 };
		this.faults.push(stored);
		return { ...stored };
	}

	clearFaults() {
		this.faults = [];
	}

	takeFault(provider, method, path) {
		const index = this.faults.findIndex(
			(f) =>
				(f.provider === undefined || f.provider === provider) &&
				(f.method === undefined || String(f.method).toUpperCase() === method) &&
				(f.path === undefined || path.includes(f.path)),
		);
		if (index < 0) return null;
		const fault = this.faults[index];
		fault.used += 1;
		if (fault.used >= fault.times) this.faults.splice(index, 1);
		return fault;
	}

	// ---- rate limits -----------------------------------------------------------------------------------------

	/** Counts the request in every window of its groups; returns the violated rule if one is over its limit. */
	checkRateLimits(groups, entry) {
		const now = this.now();
		let violated = null;
		const touched = [];
		for (const group of groups) {
			group.rules.forEach((rule, i) => {
				const key = `${group.key}|${i}|${rule.windowMs}`;
				let w = this.windows.get(key);
				if (!w) {
					w = [];
					this.windows.set(key, w);
				}
				while (w.length && w[0] <= now - rule.windowMs) w.shift();
				if (!violated && w.length >= rule.limit) violated = { group: group.name, ...rule };
				touched.push(w);
			});
		}
		if (violated) {
			entry.rateLimited = true;
			this.statsData.rateViolations += 1;
			this.statsData.violations.push({
				seq: entry.seq,
				time: entry.time,
				provider: entry.provider,
				endpoint: entry.endpoint,
				rule: violated.group,
				limit: violated.limit,
				windowMs: violated.windowMs,
				enforced: this.options.enforceRateLimits,
			});
			// An enforced rejection does not use up quota: the provider did not serve it.
			if (this.options.enforceRateLimits) return violated;
		}
		for (const w of touched) w.push(now);
		return violated && this.options.enforceRateLimits ? violated : null;
	}

	// ---- request handling ------------------------------------------------------------------------------------

	async handle(req, res) {
		const url = new URL(req.url, 'http://sandbox.invalid');
		const pathname = url.pathname;
		if (pathname === '/__sandbox' || pathname.startsWith('/__sandbox/'))
			return this.control(req, res, url);

		const rawBody = await readBody(req);
		const method = req.method.toUpperCase();
		const query = parseQuery(url.searchParams);

		const entry = {
			seq: ++this.seq,
			time: new Date(this.now()).toISOString(),
			provider: null,
			method,
			path: pathname,
			endpoint: `${method} ${pathname}`,
			query,
			body: null,
			status: null,
			code: null,
			fault: null,
			auth: 'missing',
			rateLimited: false,
		};

		if (pathname.startsWith('/files/')) {
			entry.provider = 'files';
			entry.path = pathname.slice('/files'.length);
			entry.endpoint = `${method} /files/${entry.path.split('/')[1] || ''}/{name}`;
			// Media needs no credential; the log says whether one arrived anyway (a result URL must never get it).
			entry.auth = credentialSentToMedia(req.headers);
			const fault = this.takeFault('files', method, entry.path);
			if (fault) entry.fault = fault.type;
			if (fault && (fault.delayMs || fault.type === 'slow')) await sleep(fault.delayMs ?? 1000);
			if (fault && fault.type === 'drop') {
				this.record(entry);
				req.socket.destroy();
				return undefined;
			}
			if (fault && fault.type === 'redirect') {
				entry.status = fault.status || 302;
				this.record(entry);
				res.writeHead(entry.status, { Location: fault.location, 'Content-Length': 0 });
				res.end();
				return undefined;
			}
			if (
				fault &&
				['http', 'rateLimit', 'tiktokCode', 'malformed', 'missing'].includes(fault.type)
			) {
				const status =
					fault.type === 'rateLimit'
						? 429
						: fault.type === 'http'
							? fault.status || 500
							: fault.type === 'missing'
								? 404
								: 200;
				entry.status = status;
				this.record(entry);
				writeResponse(res, {
					status,
					text:
						fault.type === 'malformed'
							? '\x00\x01garbage'
							: fault.message || http.STATUS_CODES[status],
				});
				return undefined;
			}
			this.record(entry);
			entry.status = await serveFile({
				req,
				res,
				path: entry.path,
				query,
				defaultVideoBytes: this.options.videoBytes,
				cut: fault && { dropAfterProcessing: 'truncate', stall: 'stall' }[fault.type],
			});
			return undefined;
		}

		const provider = this.providers.find(
			(p) => pathname === p.prefix || pathname.startsWith(`${p.prefix}/`),
		);
		if (!provider) {
			writeResponse(res, {
				status: 404,
				json: {
					error: `No sandbox provider at ${pathname}. Use /creatify, /sixtyseconds/v1, /tiktok or /genviral/api/partner/v1.`,
				},
			});
			return undefined;
		}
		this.sweep();

		let path = pathname.slice(provider.prefix.length) || '/';
		if (provider.normalizePath) path = provider.normalizePath(path);
		entry.provider = provider.name;
		entry.path = path;
		entry.endpoint = `${method} ${path}`;

		let body;
		let bodyInvalid = false;
		const text = rawBody.toString('utf8');
		if (text.trim() !== '') {
			try {
				body = JSON.parse(text);
				entry.body = body;
			} catch {
				bodyInvalid = true;
				entry.body = text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
			}
		}

		const authInfo = provider.classifyAuth(req.headers);
		entry.auth = authInfo.auth;

		const matched = this.match(provider, method, path);
		if (matched.route) entry.endpoint = matched.route.endpoint;

		// 1. faults
		const fault = this.takeFault(provider.name, method, path);
		if (fault) entry.fault = fault.type;
		if (fault && (fault.delayMs || fault.type === 'slow')) await sleep(fault.delayMs ?? 1000);
		if (fault && fault.type === 'drop') {
			this.record(entry);
			req.socket.destroy();
			return undefined;
		}
		if (fault && ['http', 'tiktokCode', 'rateLimit', 'malformed'].includes(fault.type)) {
			const response = this.faultResponse(provider, fault);
			return this.finish(res, entry, provider, response, false);
		}

		// 2. route, 3. credential, 4. rate limits, 5. handler
		let response;
		if (!matched.route) {
			response = provider.notFound({ method, path, methodNotAllowed: matched.methodNotAllowed });
		} else {
			const rejection = provider.authorize(matched.route, authInfo);
			if (rejection) {
				response = rejection;
			} else {
				const groups = provider.rateLimitGroups(
					matched.route,
					authInfo.account,
					this.options.rateLimits,
				);
				const violated = groups.length ? this.checkRateLimits(groups, entry) : null;
				if (violated) {
					response = provider.rateLimited({
						retryAfterSec: Math.max(1, Math.ceil(violated.windowMs / 1000)),
					});
				} else {
					try {
						response = await matched.route.handler({
							method,
							path,
							params: matched.params,
							query,
							body,
							bodyInvalid,
							rawBody: text,
							headers: req.headers,
							account: authInfo.account,
						});
					} catch (err) {
						this.handlerErrors.push({
							seq: entry.seq,
							endpoint: entry.endpoint,
							message: String(err && err.stack),
						});
						response = provider.httpError({ status: 500, message: 'Internal sandbox error' });
					}
				}
			}
		}
		if (fault && fault.type === 'missing' && matched.route && response.status < 400) {
			response = this.withoutJobs(provider, response);
		}
		return this.finish(res, entry, provider, response, fault && fault.type);
	}

	/**
	 * The `missing` fault: the answer as if the provider did not show the jobs asked for (yet). A list (a JSON array,
	 * or TikTok's `data.list`) comes back empty; any other answer becomes the provider's 404.
	 */
	withoutJobs(provider, response) {
		const body = response.json;
		if (Array.isArray(body)) return { ...response, json: [] };
		if (body && body.data && Array.isArray(body.data.list)) {
			return { ...response, json: { ...body, data: { ...body.data, list: [] } } };
		}
		return provider.httpError({ status: 404, message: 'Not found.' });
	}

	match(provider, method, path) {
		let methodNotAllowed = false;
		for (const route of provider.compiled) {
			const m = route.regex.exec(path);
			if (!m) continue;
			if (route.method !== method) {
				methodNotAllowed = true;
				continue;
			}
			const params = {};
			route.names.forEach((name, i) => {
				params[name] = decodeURIComponent(m[i + 1]);
			});
			return { route, params };
		}
		return { route: null, methodNotAllowed };
	}

	faultResponse(provider, fault) {
		switch (fault.type) {
			case 'http':
				return provider.httpError({
					status: fault.status || 500,
					code: fault.code,
					message: fault.message,
				});
			case 'tiktokCode':
				return {
					status: 200,
					json: {
						code: fault.code ?? 50000,
						message: fault.message || 'Injected error',
						request_id: provider.requestId ? provider.requestId() : 'sandbox',
						data: {},
					},
				};
			case 'rateLimit':
				return provider.rateLimited({ retryAfterSec: fault.retryAfterSec ?? 1 });
			case 'malformed':
				return {
					status: 200,
					raw: '{"code": 0, "message": "OK", "data": {"list": [{"task_id": "7',
					headers: {},
				};
			default:
				throw new Error(`Unhandled fault ${fault.type}`);
		}
	}

	/** Logs and sends the answer; `faultType` dropAfterProcessing or stall cuts it off after the work is done. */
	finish(res, entry, provider, response, faultType) {
		entry.status = response.status;
		entry.code = provider.logCode(response);
		this.record(entry);
		if (faultType === 'dropAfterProcessing') {
			// The work is done (e.g. the paid job exists) but the client never hears about it.
			res.socket.destroy();
			return undefined;
		}
		if (faultType === 'stall') {
			// The status line and headers of the real answer, then silence until the client gives up.
			writeResponse(res, response, { headersOnly: true });
			return undefined;
		}
		writeResponse(res, response);
		return undefined;
	}

	record(entry) {
		this.log.push(entry);
		if (this.log.length > this.options.maxLogEntries)
			this.log.splice(0, this.log.length - this.options.maxLogEntries);
		const s = this.statsData;
		s.total += 1;
		s.byEndpoint[entry.endpoint] = (s.byEndpoint[entry.endpoint] || 0) + 1;
		s.byProvider[entry.provider] = (s.byProvider[entry.provider] || 0) + 1;
	}

	internalError(res, err) {
		this.handlerErrors.push({ seq: null, endpoint: null, message: String(err && err.stack) });
		if (!res.headersSent) writeResponse(res, { status: 500, text: 'Internal sandbox error' });
		else res.destroy();
	}

	// ---- reading state ---------------------------------------------------------------------------------------

	requests(filter = {}) {
		return this.log
			.filter(
				(e) =>
					(filter.provider === undefined || e.provider === filter.provider) &&
					(filter.endpoint === undefined || e.endpoint === filter.endpoint) &&
					(filter.method === undefined || e.method === String(filter.method).toUpperCase()),
			)
			.map((e) => JSON.parse(JSON.stringify(e)));
	}

	stats() {
		return JSON.parse(JSON.stringify(this.statsData));
	}

	snapshot() {
		const now = this.now();
		const state = { now: new Date(now).toISOString(), handlerErrors: this.handlerErrors.slice() };
		for (const p of this.providers) state[p.name] = p.snapshot(now);
		return state;
	}

	credentials() {
		const o = this.origin;
		const keys = SANDBOX_KEYS;
		return {
			creatifyApi: {
				apiId: keys.creatify.apiId,
				apiKey: keys.creatify.apiKey,
				baseUrl: `${o}/creatify`,
			},
			sixtySecondsApi: { apiKey: keys.sixtyseconds.apiKey, baseUrl: `${o}/sixtyseconds/v1` },
			tiktokBusinessApi: {
				accessToken: keys.tiktok.accessToken,
				environment: 'custom',
				baseUrl: `${o}/tiktok`,
			},
			genviralApi: { apiKey: keys.genviral.apiKey, baseUrl: `${o}/genviral/api/partner/v1` },
		};
	}

	// ---- control API -----------------------------------------------------------------------------------------

	async control(req, res, url) {
		const method = req.method.toUpperCase();
		const route = url.pathname.replace(/\/+$/, '');
		const reply = (status, json) => writeResponse(res, { status, json });
		let body = {};
		const raw = (await readBody(req)).toString('utf8');
		if (raw.trim()) {
			try {
				body = JSON.parse(raw);
			} catch {
				return reply(400, { error: 'Body must be JSON' });
			}
		}
		try {
			switch (`${method} ${route}`) {
				case 'GET /__sandbox/requests': {
					const q = parseQuery(url.searchParams);
					return reply(
						200,
						this.requests({ provider: q.provider, endpoint: q.endpoint, method: q.method }),
					);
				}
				case 'GET /__sandbox/stats':
					return reply(200, this.stats());
				case 'GET /__sandbox/faults':
					return reply(200, this.faults);
				case 'POST /__sandbox/faults':
					return reply(201, this.injectFault(body));
				case 'DELETE /__sandbox/faults':
					this.clearFaults();
					return reply(200, { ok: true });
				case 'POST /__sandbox/reset':
					this.resetState();
					return reply(200, { ok: true });
				case 'GET /__sandbox/config':
					return reply(200, this.options);
				case 'POST /__sandbox/config':
					return reply(200, this.configure(body));
				case 'GET /__sandbox/state':
					return reply(200, this.snapshot());
				case 'POST /__sandbox/time':
					return reply(200, {
						now: new Date(this.advanceTime(Number(body.advanceMs))).toISOString(),
					});
				case 'GET /__sandbox/info':
					return reply(200, { url: this.origin, credentials: this.credentials() });
				default:
					return reply(404, {
						error: 'Unknown control endpoint',
						endpoints: [
							'GET /__sandbox/requests?provider=&endpoint=&method=',
							'GET /__sandbox/stats',
							'GET|POST|DELETE /__sandbox/faults',
							'POST /__sandbox/reset',
							'GET|POST /__sandbox/config',
							'GET /__sandbox/state',
							'POST /__sandbox/time {advanceMs}',
							'GET /__sandbox/info',
						],
					});
			}
		} catch (err) {
			return reply(400, { error: err.message });
		}
	}
}

module.exports = { Sandbox, DEFAULT_OPTIONS, FAULT_TYPES, JOB_KINDS, mergeOptions };

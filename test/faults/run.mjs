#!/usr/bin/env node
/**
 * Fault matrix: every paid create of the package and its wait, under every fault the provider sandbox can inject.
 *
 *   npm run test:faults                  builds dist/ first, then runs every cell (about a minute and a half)
 *   npm run test:faults -- --no-build    uses the dist/ already there
 *   npm run test:faults -- --only=tiktok.avatar,sixtyseconds.create   some targets only
 *   npm run test:faults -- --fault=cLost,dStall                       some faults only
 *   npm run test:faults -- --mode=stop                                one error mode only (continue, stop)
 *   npm run test:faults -- --verbose     also prints what the node said in every failed cell
 *
 * Each cell runs one input item through the BUILT node (dist/) inside n8n-core's real engine
 * (test/helpers/n8nContext.js), with Wait for Completion and Download where the operation has them, against its own
 * sandbox over real HTTP, with one fault injected; every cell runs twice, with Continue On Fail on (the outcome is
 * the item's output) and off (the run stops: the outcome is the error n8n shows, which must be the node's own
 * NodeApiError or NodeOperationError). The outcome is checked against EXPECTED below, the same in both modes; what
 * the provider really holds is read from the sandbox (request log and state) and counted:
 *   - lost: an input item with no output, with an outcome that says nothing usable, or whose output leaves out a
 *     job the provider made for it (unless it says the job may have been created and where to look), that says
 *     "not created" while the provider made one, or that keeps a video with fewer bytes than the provider sent;
 *   - double_paid: an item whose paid create reached the provider's state more than once;
 *   - secrets: a sandbox credential found in any output item, error, execution hint, editor message or log line.
 * The targets run side by side (one sandbox and one credential id per cell, so rate limits never carry over); the
 * cells of a target run one after another. Printed: a table (faults × targets), the cells that differ from
 * EXPECTED with what the node said, the counts, and last one JSON line. Exit code 1 when a cell differs or a count
 * is not 0.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const argv = process.argv.slice(2);
const option = (name) =>
	argv
		.find((arg) => arg.startsWith(`--${name}=`))
		?.slice(name.length + 3)
		.split(',');

// ---- The expected outcome of every cell ---------------------------------------------------------------------

/**
 * ok     the item succeeded: every job the provider made for it is in the output, every download complete
 * job    the item failed, naming its job id(s) and the next step
 * not    the item failed as not created (and the provider holds nothing for it)
 * maybe  the item failed as "may have been created", saying where to check (the node cannot know the job id)
 * -      the fault does not apply to this operation
 */
const OUTCOMES = ['ok', 'job', 'not', 'maybe', '-'];

/** The faults, in table order: what is injected and where (create call, status reads, result download). */
const FAULTS = [
	{ id: 'c429', phase: 'create', label: 'rate-limit answer on create (429 / TikTok 40100)' },
	{ id: 'c5xx', phase: 'create', label: '5xx on create' },
	{ id: 'cRefused', phase: 'create', label: 'connection refused before sending' },
	{ id: 'cDrop', phase: 'create', label: 'connection dropped before the provider handled it' },
	{ id: 'cLost', phase: 'create', label: 'connection dropped after the provider accepted' },
	{ id: 'cSlow', phase: 'create', label: 'create answered after the Request Timeout' },
	{ id: 'cMalformed', phase: 'create', label: 'malformed create answer' },
	{ id: 'c200', phase: 'create', label: 'HTTP 200 with an error code (TikTok, Genviral ok:false)' },
	{ id: 'p5xx3', phase: 'poll', label: '5xx on 3 status reads in a row (tolerated)' },
	{ id: 'p5xx4', phase: 'poll', label: '5xx on 4 status reads in a row (beyond)' },
	{ id: 'pDrop3', phase: 'poll', label: 'dropped status reads, 3 in a row (tolerated)' },
	{ id: 'pDrop4', phase: 'poll', label: 'dropped status reads, 4 in a row (beyond)' },
	{ id: 'pMissing', phase: 'poll', label: 'job missing from a status answer' },
	{ id: 'd403', phase: 'download', label: 'result URL expired (403) at download' },
	{ id: 'd404', phase: 'download', label: 'result URL gone (404) at download' },
	{ id: 'dCut1', phase: 'download', label: 'download cut short once (< Content-Length)' },
	{ id: 'dCut3', phase: 'download', label: 'download cut short on every attempt' },
	{ id: 'dStall', phase: 'download', label: 'download stalls on every attempt' },
];

/**
 * One row per target, one column per fault (headed by its id; `|` only groups create, poll and download faults).
 * Genviral's import is synchronous (no wait, no download); Genviral's render is free, so only its wait and
 * downloads are in the matrix; Creatify's previews have nothing to download.
 */
const EXPECTED = `
                        c429 c5xx  cRefused cDrop cLost cSlow cMalformed c200 | p5xx3 p5xx4 pDrop3 pDrop4 pMissing | d403 d404 dCut1 dCut3 dStall
creatify.create         ok   maybe not      maybe maybe maybe maybe      -    | ok    job   ok     job    ok       | job  job  ok    job   job
creatify.preview        ok   maybe not      maybe maybe maybe maybe      -    | ok    job   ok     job    ok       | -    -    -     -     -
creatify.previews       ok   maybe not      maybe maybe maybe maybe      -    | ok    job   ok     job    ok       | -    -    -     -     -
creatify.render         ok   maybe not      maybe maybe maybe maybe      -    | ok    job   ok     job    ok       | job  job  ok    job   job
creatify.renderPreview  ok   maybe not      maybe maybe maybe maybe      -    | ok    job   ok     job    ok       | job  job  ok    job   job
sixtyseconds.create     ok   maybe not      maybe maybe maybe maybe      -    | ok    job   ok     job    ok       | job  job  ok    job   job
tiktok.refresh          ok   maybe not      maybe maybe maybe maybe      not  | ok    job   ok     job    ok       | job  job  ok    job   job
tiktok.avatar           ok   maybe not      maybe maybe maybe maybe      not  | ok    job   ok     job    ok       | job  job  ok    job   job
genviral.copy           ok   not   not      maybe maybe maybe maybe      not  | -     -     -      -      -        | -    -    -     -     -
genviral.render         -    -     -        -     -     -     -          -    | ok    job   ok     job    ok       | job  job  ok    job   job
`;

// ---- Settings ---------------------------------------------------------------------------------------------------

/** The credentials' Request Timeout in the matrix (a user can set it too); slow answers come after it. */
const REQUEST_TIMEOUT_S = 3;
const SLOW_MS = 5_000;
const VIDEO_BYTES = 64 * 1024;
/** Consecutive failed status reads the job engine tolerates (its default transient budget). */
const TOLERATED_READS = 3;
/** Attempts of a download (shared/download.ts). */
const DOWNLOAD_ATTEMPTS = 3;

const PRODUCT_URL = 'https://shop.example.com/products/fault-matrix';
const AVATAR_ID = '7301881390801371138';
const TIKTOK_PHOTO_URL = 'https://www.tiktok.com/@creator/photo/7499123456789012345';
const BACKGROUND_URL = 'https://cdn.example.com/backgrounds/fault-matrix.jpg';

// ---- Build and load ---------------------------------------------------------------------------------------------

if (!argv.includes('--no-build')) {
	process.stderr.write('Building dist/ …\n');
	execFileSync('npm', ['run', '--silent', 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

const { startSandbox, SANDBOX_KEYS } = require('../sandbox');
const { runNode, binarySize } = require('../helpers/n8nContext');
const coreRequire = createRequire(require.resolve('n8n-core'));
const { Container } = coreRequire('@n8n/di');
const { Logger } = coreRequire('@n8n/backend-common');
const load = (path, name) => require(`../../dist/${path}`)[name];
const NODES = {
	creatify: [
		load('nodes/Creatify/Creatify.node', 'Creatify'),
		load('credentials/CreatifyApi.credentials', 'CreatifyApi'),
	],
	sixtyseconds: [
		load('nodes/SixtySeconds/SixtySeconds.node', 'SixtySeconds'),
		load('credentials/SixtySecondsApi.credentials', 'SixtySecondsApi'),
	],
	refresh: [
		load('nodes/TikTokRefreshAds/TikTokRefreshAds.node', 'TikTokRefreshAds'),
		load('credentials/TiktokBusinessApi.credentials', 'TiktokBusinessApi'),
	],
	avatar: [
		load('nodes/TikTokDigitalAvatar/TikTokDigitalAvatar.node', 'TikTokDigitalAvatar'),
		load('credentials/TiktokBusinessApi.credentials', 'TiktokBusinessApi'),
	],
	genviral: [
		load('nodes/Genviral/Genviral.node', 'Genviral'),
		load('credentials/GenviralApi.credentials', 'GenviralApi'),
	],
};

/** Every log line the nodes write (n8n's logger), kept for the secrets count instead of printed. */
const logLines = [];
const keep = (level) => (message, meta) =>
	logLines.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
Container.set(Logger, {
	error: keep('error'),
	warn: keep('warn'),
	info: keep('info'),
	debug: keep('debug'),
	scoped() {
		return this;
	},
});

// ---- Targets: each paid create with its wait --------------------------------------------------------------------

const API = '/open_api/v1.3';
const bodyText = (entry) => JSON.stringify(entry.body ?? null);

/**
 * Setup requests go straight to the sandbox (free reads, or creates that are not the cell's own), before any fault.
 */
async function call(sandbox, method, path, body, headers) {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { 'Content-Type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await response.json();
	if (response.status >= 400)
		throw new Error(`setup ${method} ${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
	return json;
}
const creatifyHeaders = {
	'X-API-ID': SANDBOX_KEYS.creatify.apiId,
	'X-API-KEY': SANDBOX_KEYS.creatify.apiKey,
};

async function creatifyPreviewVideo(sandbox, marker, endpoint, extra = {}) {
	const link = await call(
		sandbox,
		'POST',
		'/creatify/api/links/',
		{ url: PRODUCT_URL },
		creatifyHeaders,
	);
	return await call(
		sandbox,
		'POST',
		`/creatify/api/link_to_videos/${endpoint}/`,
		{ link: link.id, name: marker, aspect_ratio: '9x16', ...extra },
		creatifyHeaders,
	);
}

const creatifyVideosNamed = (state, marker) =>
	state.creatify.videos.filter((video) => video.name === marker).map((video) => video.id);

const creatify = (id, label, create, parameters, more = {}) => ({
	id,
	label,
	node: 'creatify',
	provider: 'creatify',
	credential: 'creatifyApi',
	create,
	poll: { method: 'GET', path: '/api/link_to_videos/' },
	download: '/videos/',
	parameters,
	sentBy: (entry, marker) => bodyText(entry).includes(marker),
	createdJobs: (state, marker) => creatifyVideosNamed(state, marker),
	...more,
});

/** A render does not make a new video: the job is the prepared preview, "made" once a render was accepted. */
const renderOf = (ctx) => ({
	sentBy: (entry) => entry.path.includes(ctx.videoId),
	createdJobs: (state, marker, accepted) => (accepted > 0 ? [ctx.videoId] : []),
});

const TARGETS = [
	creatify(
		'creatify.create',
		'Creatify Video → Create',
		{ endpoint: 'POST /api/link_to_videos/', path: '/api/link_to_videos/' },
		(marker) => ({
			resource: 'video',
			operation: 'create',
			source: 'productUrl',
			productUrl: PRODUCT_URL,
			additionalFields: { name: marker },
			pollInterval: 1,
			timeout: 60,
			downloadVideo: true,
		}),
	),
	creatify(
		'creatify.preview',
		'Creatify Create Preview',
		{ endpoint: 'POST /api/link_to_videos/preview/', path: '/link_to_videos/preview/' },
		(marker) => ({
			resource: 'video',
			operation: 'createPreview',
			source: 'productUrl',
			productUrl: PRODUCT_URL,
			additionalFields: { name: marker },
			waitForCompletion: true,
			pollInterval: 1,
			timeout: 60,
		}),
		{ download: undefined },
	),
	creatify(
		'creatify.previews',
		'Creatify Create Previews',
		{ endpoint: 'POST /api/link_to_videos/preview_list_async/', path: '/preview_list_async/' },
		(marker) => ({
			resource: 'video',
			operation: 'createPreviews',
			source: 'productUrl',
			productUrl: PRODUCT_URL,
			aspectRatios: ['9x16'],
			additionalFields: { name: marker },
			pollInterval: 1,
			timeout: 60,
		}),
		{ download: undefined },
	),
	creatify(
		'creatify.render',
		'Creatify Render',
		{ endpoint: 'POST /api/link_to_videos/{id}/render/', path: '/render/' },
		(marker, ctx) => ({
			resource: 'video',
			operation: 'render',
			videoId: ctx.videoId,
			pollInterval: 1,
			timeout: 60,
			downloadVideo: true,
		}),
		{
			async setup(sandbox, marker) {
				const video = await creatifyPreviewVideo(sandbox, marker, 'preview');
				return { videoId: video.id, ...renderOf({ videoId: video.id }) };
			},
		},
	),
	creatify(
		'creatify.renderPreview',
		'Creatify Render Single Preview',
		{
			endpoint: 'POST /api/link_to_videos/{id}/render_single_preview/',
			path: '/render_single_preview/',
		},
		(marker, ctx) => ({
			resource: 'video',
			operation: 'renderSinglePreview',
			videoId: ctx.videoId,
			mediaJob: ctx.mediaJob,
			pollInterval: 1,
			timeout: 60,
			downloadVideo: true,
		}),
		{
			async setup(sandbox, marker) {
				const video = await creatifyPreviewVideo(sandbox, marker, 'preview_list_async', {
					aspect_ratios: ['9x16'],
				});
				// Previews are ready halfway through a job's duration.
				sandbox.advanceTime(5_000);
				const ready = await call(
					sandbox,
					'GET',
					`/creatify/api/link_to_videos/${video.id}/`,
					undefined,
					creatifyHeaders,
				);
				return {
					videoId: video.id,
					mediaJob: ready.previews[0].media_job,
					...renderOf({ videoId: video.id }),
				};
			},
		},
	),
	{
		id: 'sixtyseconds.create',
		label: 'SixtySeconds Video → Create',
		node: 'sixtyseconds',
		provider: 'sixtyseconds',
		credential: 'sixtySecondsApi',
		create: { endpoint: 'POST /videos', path: '/videos' },
		poll: { method: 'GET', path: '/videos/' },
		download: '/videos/',
		parameters: (marker) => ({
			resource: 'video',
			operation: 'create',
			title: marker,
			template: { __rl: true, mode: 'id', value: 'tmpl_welcome_message' },
			customerData: 'inputItem',
			pollInterval: 1,
			timeout: 60,
			downloadVideo: true,
		}),
		sentBy: (entry, marker) => bodyText(entry).includes(marker),
		createdJobs: (state, marker) =>
			state.sixtyseconds.videos.filter((video) => video.title === marker).map((video) => video.id),
	},
	{
		id: 'tiktok.refresh',
		label: 'TikTok Refresh Task → Create',
		node: 'refresh',
		provider: 'tiktok',
		credential: 'tiktokBusinessApi',
		create: {
			endpoint: `POST ${API}/creative/aigc/refresh_video/task/create/`,
			path: '/refresh_video/task/create/',
		},
		poll: { method: 'GET', path: '/aigc/video/task/list/' },
		download: '/videos/',
		errorCode: { type: 'tiktokCode', code: 40002, message: 'Invalid parameters' },
		parameters: (marker, ctx, sandbox) => ({
			resource: 'refreshTask',
			operation: 'create',
			source: 'videoUrl',
			videoUrl: sandbox.videoUrl(undefined, 'fault-matrix-ad.mp4'),
			strategy: 'ADD_HOOK',
			hookType: 'RECOMMENDED',
			productCategory: 'GAMES',
			productDescription: `A puzzle game for commuters (${marker}).`,
			pollInterval: 1,
			timeout: 60,
			downloadVideo: true,
		}),
		sentBy: (entry, marker) => bodyText(entry).includes(marker),
		// One item per cell and a fresh sandbox: every refresh task belongs to the cell's item.
		createdJobs: (state) => state.tiktok.refreshTasks.map((task) => task.task_id),
	},
	{
		id: 'tiktok.avatar',
		label: 'TikTok Avatar Video → Create',
		node: 'avatar',
		provider: 'tiktok',
		credential: 'tiktokBusinessApi',
		create: {
			endpoint: `POST ${API}/creative/digital_avatar/video/task/create/`,
			path: '/digital_avatar/video/task/create/',
		},
		poll: { method: 'GET', path: '/digital_avatar/video/task/get/' },
		download: '/videos/',
		errorCode: { type: 'tiktokCode', code: 40002, message: 'Invalid parameters' },
		parameters: (marker) => ({
			resource: 'avatarVideo',
			operation: 'create',
			avatar: { __rl: true, mode: 'id', value: AVATAR_ID },
			script: `Hello, this is our new product (${marker}).`,
			additionalFields: { videoName: marker },
			pollInterval: 1,
			timeout: 60,
			downloadVideo: true,
		}),
		sentBy: (entry, marker) => bodyText(entry).includes(marker),
		createdJobs: (state, marker) =>
			state.tiktok.avatarTasks
				.filter((task) => task.video_name === marker)
				.map((task) => task.task_id),
	},
	{
		id: 'genviral.copy',
		label: 'Genviral Copy from TikTok',
		node: 'genviral',
		provider: 'genviral',
		credential: 'genviralApi',
		create: { endpoint: 'POST /slideshows/copy-tiktok/import', path: '/copy-tiktok/import' },
		errorCode: { type: 'http', status: 200, code: 'import_failed', message: 'Import failed' },
		parameters: (marker) => ({
			resource: 'slideshow',
			operation: 'copyFromTiktok',
			tiktokUrl: TIKTOK_PHOTO_URL,
			backgroundImages: 'urls',
			imageUrls: BACKGROUND_URL,
			additionalFields: { title: marker },
		}),
		sentBy: (entry, marker) => bodyText(entry).includes(marker),
		createdJobs: (state, marker) =>
			state.genviral.slideshows
				.filter((slideshow) => slideshow.title === marker)
				.map((slideshow) => slideshow.id),
	},
	{
		id: 'genviral.render',
		label: 'Genviral Slideshow → Render',
		node: 'genviral',
		provider: 'genviral',
		credential: 'genviralApi',
		poll: { method: 'GET', path: '/slideshows/' },
		download: '/images/',
		async setup(sandbox, marker) {
			const answer = await call(
				sandbox,
				'POST',
				'/genviral/api/partner/v1/slideshows/copy-tiktok/import',
				{ url: TIKTOK_PHOTO_URL, pack_images: [BACKGROUND_URL], title: marker },
				{ Authorization: `Bearer ${SANDBOX_KEYS.genviral.apiKey}` },
			);
			const slideshowId = answer.data.slideshow.id;
			return {
				slideshowId,
				sentBy: (entry) => entry.path.includes(slideshowId),
				createdJobs: () => [slideshowId],
			};
		},
		parameters: (marker, ctx) => ({
			resource: 'slideshow',
			operation: 'render',
			slideshow: { __rl: true, mode: 'id', value: ctx.slideshowId },
			pollInterval: 1,
			timeout: 60,
			downloadImages: true,
		}),
	},
];

// ---- One cell ---------------------------------------------------------------------------------------------------

/** The fault rules of a cell (none for a refused connection: the credential points at a closed port). */
function faultRules(fault, target) {
	const { provider } = target;
	const create = target.create && { provider, method: 'POST', path: target.create.path };
	const poll = target.poll && { provider, ...target.poll };
	const download = target.download && { provider: 'files', path: target.download };
	switch (fault.id) {
		case 'c429':
			return [{ ...create, type: 'rateLimit' }];
		case 'c5xx':
			return [{ ...create, type: 'http', status: 500 }];
		case 'cRefused':
			return [];
		case 'cDrop':
			return [{ ...create, type: 'drop' }];
		case 'cLost':
			return [{ ...create, type: 'dropAfterProcessing' }];
		case 'cSlow':
			return [{ ...create, type: 'slow', delayMs: SLOW_MS }];
		case 'cMalformed':
			return [{ ...create, type: 'malformed' }];
		case 'c200':
			return [{ ...create, ...target.errorCode }];
		case 'p5xx3':
			return [{ ...poll, type: 'http', status: 503, times: TOLERATED_READS }];
		case 'p5xx4':
			return [{ ...poll, type: 'http', status: 503, times: TOLERATED_READS + 1 }];
		case 'pDrop3':
			return [{ ...poll, type: 'drop', times: TOLERATED_READS }];
		case 'pDrop4':
			return [{ ...poll, type: 'drop', times: TOLERATED_READS + 1 }];
		case 'pMissing':
			return [{ ...poll, type: 'missing' }];
		case 'd403':
			return [{ ...download, type: 'http', status: 403 }];
		case 'd404':
			return [{ ...download, type: 'http', status: 404 }];
		case 'dCut1':
			return [{ ...download, type: 'dropAfterProcessing' }];
		case 'dCut3':
			return [{ ...download, type: 'dropAfterProcessing', times: DOWNLOAD_ATTEMPTS }];
		case 'dStall':
			return [{ ...download, type: 'stall', times: DOWNLOAD_ATTEMPTS }];
		default:
			throw new Error(`no rule for fault ${fault.id}`);
	}
}

/** A loopback port nothing listens on: connecting to it is refused. */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

function credentialsFor(target, sandbox, refusedOrigin) {
	const data = { ...sandbox.credentials[target.credential], requestTimeout: REQUEST_TIMEOUT_S };
	if (refusedOrigin) data.baseUrl = data.baseUrl.replace(sandbox.url, refusedOrigin);
	return { [target.credential]: data };
}

const NOT_CREATED =
	/\bnot created\b|nothing was (created|charged|sent)|no (video|draft) was (made|started|created)/i;
const MAYBE_CREATED = /may have been (created|accepted)/i;
const CHECK_LIST = /\bcheck\b.*\b(get many|list|genviral)\b|before running again/i;
const NEXT_STEP = /\b(run|open|download (it|the video) again)\b/i;

function errorText(json) {
	return `${json.error ?? ''} ${json.errorDescription ?? ''}`;
}

/** The errors a node may stop a run with: its own, with a message for the user (not a TypeError or n8n's own). */
const NODE_ERRORS = new Set(['NodeApiError', 'NodeOperationError']);
/** The error's class name: the run data may hold it as a plain object (n8n's serialised form keeps `name`). */
const errorName = (error) =>
	error.name && error.name !== 'Error' ? error.name : (error.constructor?.name ?? 'Error');

/**
 * The output items a user reads: with Continue On Fail, the node's output; without it, the error that stopped the
 * run, read like a failed item (n8n shows its message and description).
 */
function outputsOf(result, mode) {
	const outputs = result.items.filter((item) => (item.pairedItem?.item ?? 0) === 0);
	if (mode === 'continue' || outputs.length > 0 || !result.error) return outputs;
	const { message, description } = result.error;
	return [{ json: { error: message, errorDescription: description ?? '' } }];
}

/** The cell's outcome as a user reads it from the output, and whether it leaves a paid job unaccounted for. */
async function classify(result, jobs, target, mode) {
	if (mode === 'stop' && result.error && !NODE_ERRORS.has(errorName(result.error))) {
		return {
			outcome: 'lost',
			why: `the run stopped with a ${errorName(result.error)}, not the node's own error`,
			text: result.error.message,
		};
	}
	const outputs = outputsOf(result, mode);
	if (outputs.length === 0)
		return { outcome: 'lost', why: result.error?.message ?? 'no output item' };
	const failed = outputs.find((item) => item.json.error !== undefined);
	const shown = JSON.stringify(outputs.map((item) => item.json));
	const unnamed = jobs.filter((id) => !shown.includes(id));
	if (!failed) {
		if (unnamed.length > 0)
			return { outcome: 'lost', why: `jobs not in the output: ${unnamed.join(', ')}` };
		for (const item of outputs) {
			for (const binary of Object.values(item.binary ?? {})) {
				const size = await binarySize(binary);
				if (binary.mimeType === 'video/mp4' && size !== VIDEO_BYTES) {
					return {
						outcome: 'incomplete',
						why: `a ${size}-byte video kept (${VIDEO_BYTES} expected)`,
					};
				}
			}
			if (target.download && Object.keys(item.binary ?? {}).length === 0) {
				return { outcome: 'incomplete', why: 'no file downloaded' };
			}
		}
		return { outcome: 'ok' };
	}
	const text = errorText(failed.json);
	if (NOT_CREATED.test(text)) {
		return jobs.length === 0
			? { outcome: 'not', text }
			: {
					outcome: 'lost',
					why: `says not created, but the provider holds ${jobs.join(', ')}`,
					text,
				};
	}
	if (MAYBE_CREATED.test(text)) {
		return CHECK_LIST.test(text)
			? { outcome: 'maybe', text }
			: { outcome: 'lost', why: 'no place to check', text };
	}
	if (jobs.length > 0 && unnamed.length === 0 && NEXT_STEP.test(text))
		return { outcome: 'job', text };
	return {
		outcome: 'lost',
		why: unnamed.length ? `jobs not named: ${unnamed.join(', ')}` : 'no next step in the error',
		text,
	};
}

/** Paid creates that reached the provider's state: handled and answered as accepted (or accepted, then lost). */
function acceptedCreates(sandbox, target, ctx, marker) {
	if (!target.create) return 0;
	const sentBy = ctx.sentBy ?? target.sentBy;
	return sandbox
		.requests({ provider: target.provider, endpoint: target.create.endpoint })
		.filter((entry) => sentBy(entry, marker))
		.filter(
			(entry) =>
				!['drop', 'http', 'rateLimit', 'tiktokCode', 'malformed'].includes(entry.fault) &&
				!entry.rateLimited &&
				entry.status < 400 &&
				(entry.code === null || entry.code === 0),
		).length;
}

const SECRETS = Object.values(SANDBOX_KEYS).flatMap((keys) => Object.values(keys));

function secretsIn(result, logFrom) {
	const { error } = result;
	const texts = [
		JSON.stringify(result.items),
		error
			? JSON.stringify({
					message: error.message,
					description: error.description,
					context: error.context,
				})
			: '',
		...result.hints,
		...result.uiMessages,
		...logLines.slice(logFrom),
	];
	return SECRETS.filter((secret) => texts.some((text) => text.includes(secret)));
}

async function runCell(target, fault, mode, sandbox, index) {
	const marker = `fx-${target.id}-${fault.id}-${mode}`;
	sandbox.reset();
	const ctx = target.setup ? await target.setup(sandbox, marker) : {};
	const refusedOrigin =
		fault.id === 'cRefused' ? `http://127.0.0.1:${await closedPort()}` : undefined;
	for (const rule of faultRules(fault, target)) sandbox.injectFault(rule);
	const [nodeType, credentialType] = NODES[target.node];
	const logFrom = logLines.length;
	const started = Date.now();
	const result = await runNode({
		nodeType: new nodeType(),
		credentialTypes: [new credentialType()],
		credentials: credentialsFor(target, sandbox, refusedOrigin),
		// A credential of its own: no rate-limit hold carries over from another cell.
		credentialId: `faults-${target.id}-${mode}-${index}`,
		parameters: target.parameters(marker, ctx, sandbox),
		items: [{ input: marker }],
		continueOnFail: mode === 'continue',
	});
	const ms = Date.now() - started;
	// A slow fault may still be creating the job the node gave up on: count once the sandbox is done.
	await sandbox.whenIdle();
	const accepted = acceptedCreates(sandbox, target, ctx, marker);
	const jobs = (ctx.createdJobs ?? target.createdJobs)(sandbox.state, marker, accepted);
	const seen = await classify(result, jobs, target, mode);
	return {
		target: target.id,
		fault: fault.id,
		mode,
		ms,
		...seen,
		accepted,
		jobs,
		secrets: secretsIn(result, logFrom),
		nodeError: result.error?.message,
	};
}

// ---- Run, print, exit -------------------------------------------------------------------------------------------

/** EXPECTED as { target: { fault: outcome } }, checked against FAULTS, TARGETS and OUTCOMES. */
function expectedOutcomes() {
	const [header, ...rows] = EXPECTED.trim()
		.split('\n')
		.map((line) => line.split(/\s+/).filter((cell) => cell && cell !== '|'));
	const faultIds = FAULTS.map((fault) => fault.id);
	if (header.join() !== faultIds.join())
		throw new Error(`EXPECTED's columns must be ${faultIds.join(' ')}`);
	const table = {};
	for (const [targetId, ...cells] of rows) {
		if (!TARGETS.some((target) => target.id === targetId))
			throw new Error(`EXPECTED: unknown target ${targetId}`);
		if (cells.length !== faultIds.length)
			throw new Error(`EXPECTED['${targetId}'] has ${cells.length} cells`);
		for (const cell of cells)
			if (!OUTCOMES.includes(cell)) throw new Error(`EXPECTED: unknown outcome ${cell}`);
		table[targetId] = Object.fromEntries(faultIds.map((id, index) => [id, cells[index]]));
	}
	for (const target of TARGETS)
		if (!table[target.id]) throw new Error(`EXPECTED has no row for ${target.id}`);
	return table;
}

const expected = expectedOutcomes();
const onlyTargets = option('only');
const onlyFaults = option('fault');
/** Continue On Fail on, then off. */
const modes = option('mode') ?? ['continue', 'stop'];
for (const mode of modes)
	if (!['continue', 'stop'].includes(mode))
		throw new Error(`--mode: continue or stop, not ${mode}`);
const targets = TARGETS.filter((target) => !onlyTargets || onlyTargets.includes(target.id));
const faults = FAULTS.filter((fault) => !onlyFaults || onlyFaults.includes(fault.id));

const started = Date.now();
const cells = (
	await Promise.all(
		targets.map(async (target) => {
			const sandbox = await startSandbox({
				durations: { minMs: 100, maxMs: 300 },
				videoBytes: VIDEO_BYTES,
				seed: 11,
			});
			const done = [];
			try {
				for (const mode of modes) {
					for (const [index, fault] of faults.entries()) {
						if (expected[target.id][fault.id] === '-') continue;
						done.push(await runCell(target, fault, mode, sandbox, index));
					}
				}
			} finally {
				await sandbox.close();
			}
			return done;
		}),
	)
).flat();
const wallMs = Date.now() - started;

const MODE_TITLES = {
	continue: "Continue On Fail on (the outcome is the item's output)",
	stop: 'Continue On Fail off (the outcome is the error that stops the run)',
};
const cellOf = (targetId, faultId, mode) =>
	cells.find((cell) => cell.target === targetId && cell.fault === faultId && cell.mode === mode);
const differs = (cell) => cell.outcome !== expected[cell.target][cell.fault];
const width = Math.max(...faults.map((fault) => fault.label.length));
const columns = targets.map((target, index) => `T${index + 1}`);
const lines = [];
for (const mode of modes) {
	if (lines.length) lines.push('');
	lines.push(MODE_TITLES[mode]);
	lines.push(`${'fault'.padEnd(width)}  ${columns.map((column) => column.padEnd(6)).join(' ')}`);
	for (const [index, fault] of faults.entries()) {
		if (index > 0 && fault.phase !== faults[index - 1].phase) lines.push('');
		const row = targets.map((target) => {
			const cell = cellOf(target.id, fault.id, mode);
			if (!cell) return '-'.padEnd(6);
			return (differs(cell) ? `${cell.outcome}!` : cell.outcome).padEnd(6);
		});
		lines.push(`${fault.label.padEnd(width)}  ${row.join(' ')}`);
	}
}
lines.push('');
targets.forEach((target, index) => lines.push(`T${index + 1} = ${target.label} (${target.id})`));
lines.push(
	'ok = succeeded · job = failed naming its job id and the next step · not = failed as not created · maybe = failed as "may have been created", with where to check · ! = not the expected outcome',
);

if (argv.includes('--verbose')) {
	for (const cell of cells.filter((one) => one.text)) {
		lines.push('');
		lines.push(
			`${cell.target} × ${cell.fault} × ${cell.mode} (${cell.outcome}): ${cell.text.trim()}`,
		);
	}
}

const mismatches = cells.filter(differs);
for (const cell of mismatches) {
	lines.push('');
	lines.push(
		`✗ ${cell.target} × ${cell.fault} × ${cell.mode}: expected ${expected[cell.target][cell.fault]}, got ${cell.outcome}`,
	);
	if (cell.why) lines.push(`    ${cell.why}`);
	if (cell.text) lines.push(`    node said: ${cell.text.trim()}`);
	if (cell.nodeError) lines.push(`    node error: ${cell.nodeError}`);
}

const lost = cells.filter((cell) => ['lost', 'incomplete'].includes(cell.outcome)).length;
const doublePaid = cells.filter((cell) => cell.accepted > 1).length;
const secrets = cells.reduce((sum, cell) => sum + cell.secrets.length, 0);
for (const cell of cells.filter((one) => one.accepted > 1 || one.secrets.length)) {
	lines.push(
		`✗ ${cell.target} × ${cell.fault} × ${cell.mode}: ${cell.accepted} paid creates accepted, secrets: ${cell.secrets.length}`,
	);
}
const slowest = [...cells].sort((a, b) => b.ms - a.ms)[0];
lines.push('');
lines.push(
	`${cells.length} scenarios in ${(wallMs / 1000).toFixed(1)} s (slowest cell ${slowest ? `${slowest.target} × ${slowest.fault} × ${slowest.mode}, ${(slowest.ms / 1000).toFixed(1)} s` : '-'}); ${mismatches.length} differ from the table; lost ${lost}, double paid ${doublePaid}, secrets ${secrets}`,
);
process.stdout.write(`${lines.join('\n')}\n`);
process.stdout.write(
	`${JSON.stringify({ scenarios: cells.length, lost, double_paid: doublePaid, secrets })}\n`,
);
process.exit(mismatches.length || lost || doublePaid || secrets ? 1 : 0);

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { chunk, forEachConcurrently } from '../shared/concurrency';
import type { DownloadSettings, WaitDefaults, WaitSettings } from '../shared/descriptions';
import {
	downloadProperties,
	readDownloadSettings,
	readReuseSettings,
	readWaitSettings,
	reuseProperties,
	waitProperties,
} from '../shared/descriptions';
import { isNotFound, settle } from '../shared/errors';
import type { ItemOutput } from '../shared/items';
import { planItems } from '../shared/items';
import type {
	JobAdapter,
	JobRequest,
	JobResult,
	JobState,
	ReuseOptions,
	TrackedJob,
} from '../shared/jobEngine';
import { runJobs } from '../shared/jobEngine';
import { errorForItem } from '../shared/jobEngine/messages';
import type { JobOutputOptions } from '../shared/jobOutput';
import { jobResultsToItems } from '../shared/jobOutput';
import type { StatusTable } from '../shared/jobStates';
import { jobStateOf } from '../shared/jobStates';
import type { ApiContext } from '../shared/request';
import { isJsonObject } from '../shared/request';
import { FREE_CALL_RETRY, settleFreeCall } from '../shared/transport';
import { enumSchema, switchValue, validateParameters } from '../shared/validation';
import { API_DEFAULTS } from './enums';
import type { ChargeEstimate } from './credits';
import { checkCreditsFirst, readCheckCreditsFirst, renderEstimate } from './credits';
import { listOf } from './lists';
import { CREATIFY_MAX_CONCURRENT_REQUESTS, creatifyApiRequest } from './transport';
import {
	aspectRatioProperty,
	aspectRatioSchema,
	captionSettingsProperty,
	checkCreditsProperty,
	httpUrl,
	readVideoFields,
	simplifyProperty,
	sourceProperties,
	uuidSchema,
	videoAdditionalFields,
	videoFieldsSchema,
	videoMainProperties,
	videoRequestFields,
	visualStyleProperty,
} from './fields';

/** Creatify link-to-video job: `pending, in_queue, running, failed, done`. A preview can exist while pending. */
export const CREATIFY_JOB_STATUSES: StatusTable = {
	pending: ['pending', 'in_queue', 'running'],
	succeeded: ['done'],
	failed: ['failed'],
};

/** A link_to_videos job as Creatify returns it (request fields echoed, plus the job's own). */
export interface CreatifyVideo extends IDataObject {
	id: string;
	status?: string;
	failed_reason?: string | null;
	video_output?: string | null;
	video_thumbnail?: string | null;
	editor_url?: string | null;
	credits_used?: number | null;
	previews?: IDataObject[];
	preview?: string | null;
}

/** A render takes a few minutes; long videos with the Aurora models take longer. */
export const VIDEO_WAIT_DEFAULTS: WaitDefaults = { pollIntervalSeconds: 10, timeoutSeconds: 1200 };
/** Previews come well before a render would. */
export const PREVIEW_WAIT_DEFAULTS: WaitDefaults = { pollIntervalSeconds: 5, timeoutSeconds: 600 };

/** `GET /api/link_to_videos/?ids=` takes up to 100 comma-separated ids. */
export const VIDEO_IDS_PER_READ = 100;

export const VIDEO_LABEL = 'Creatify video';
export const RESUME_HINT =
	'Run "Video → Get" with Wait for Completion on these video IDs to pick up the videos';
const PREVIEWS_RESUME_HINT =
	'Run "Video → Get" with Output "Previews" and Wait for Completion on these video IDs to pick up the previews';
export const LIST_HINT = '"Video → Get Many" (newest first)';

/**
 * Reads videos by id: one `GET /api/link_to_videos/?ids=a,b,…` for up to 100 ids, then `GET /{id}/` for each id the
 * answer lacks, so an API that ignores `ids` (the filter is documented for Creatify's sibling lists) still works.
 * When an answer holds videos that were not asked for, the list evidently ignores `ids`: later reads of this run go
 * straight to `GET /{id}/`. An id Creatify does not know (404) is left out of the result.
 */
export class VideoReader {
	private idsIgnored = false;

	constructor(private readonly context: ApiContext) {}

	async read(ids: string[]): Promise<CreatifyVideo[]> {
		const wanted = new Set(ids);
		const found = new Map<string, CreatifyVideo>();
		if (!this.idsIgnored) {
			const answer: unknown = await creatifyApiRequest.call(
				this.context,
				'GET',
				'/link_to_videos/',
				{
					qs: { ids: ids.join(',') },
				},
			);
			for (const video of listOf(answer)) {
				const id = String(video.id);
				if (wanted.has(id)) found.set(id, video as CreatifyVideo);
				else this.idsIgnored = true;
			}
		}
		const missing = ids.filter((id) => !found.has(id));
		await forEachConcurrently(missing, CREATIFY_MAX_CONCURRENT_REQUESTS, async (id) => {
			const read = await settle(
				creatifyApiRequest.call(this.context, 'GET', `/link_to_videos/${encodeURIComponent(id)}/`),
			);
			if (!read.ok) {
				if (!isNotFound(read.error)) throw read.error;
				return;
			}
			if (isJsonObject(read.value) && read.value.id !== undefined)
				found.set(id, read.value as CreatifyVideo);
		});
		return ids.filter((id) => found.has(id)).map((id) => found.get(id) as CreatifyVideo);
	}
}

/** A video's state: Creatify's documented statuses (`pending → in_queue → running → done | failed`). */
export const videoState = (video: CreatifyVideo): JobState =>
	jobStateOf(CREATIFY_JOB_STATUSES, video.status);

/**
 * A `preview_list_async` job's state: ready once its previews are there — while its status can still be pending —
 * failed when Creatify says so, finished also when it is done without previews.
 */
export const previewsState = (video: CreatifyVideo): JobState => {
	const state = videoState(video);
	if (state === 'failed') return 'failed';
	if (Array.isArray(video.previews) && video.previews.length > 0) return 'succeeded';
	return state;
};

/** A `/preview/` job's state: ready once its `preview` URL is there. */
export const previewState = (video: CreatifyVideo): JobState => {
	const state = videoState(video);
	if (state === 'failed') return 'failed';
	return typeof video.preview === 'string' && video.preview !== '' ? 'succeeded' : state;
};

export interface VideoAdapterOptions<TRequest> {
	/** The paid call for one request; returns Creatify's answer (the job). None for reads. */
	submit?: (request: TRequest) => Promise<unknown>;
	state?: (video: CreatifyVideo) => JobState;
	/** Waiting for previews rather than a finished video. */
	previews?: boolean;
	/** For paid calls on an existing video (renders): what the job is called and where a lost one shows. */
	jobLabel?: string;
	listHint?: string;
}

export type VideoAdapter<TRequest> = JobAdapter<TRequest, CreatifyVideo> & {
	/** Creatify's answer to each create, by video id: the output when not waiting. */
	created: Map<string, CreatifyVideo>;
};

/**
 * The job engine's view of link_to_videos jobs. One paid call per item (Creatify takes one video per request), and
 * status reads of up to 100 ids at once through `VideoReader`.
 */
export function videoJobAdapter<TRequest>(
	context: IExecuteFunctions,
	options: VideoAdapterOptions<TRequest>,
): VideoAdapter<TRequest> {
	const reader = new VideoReader(context);
	const created = new Map<string, CreatifyVideo>();
	return {
		created,
		jobLabel: options.jobLabel ?? VIDEO_LABEL,
		submitBatchSize: 1,
		async submit([request]) {
			if (!options.submit)
				throw new NodeOperationError(context.getNode(), 'This operation creates no video');
			const answer = await options.submit(request);
			// An answer without an id is left to the engine, which reports that the video may exist anyway.
			if (!isJsonObject(answer) || answer.id === undefined || answer.id === null)
				return [{ jobIds: [] }];
			const video = answer as CreatifyVideo;
			created.set(String(video.id), video);
			return [{ jobIds: [String(video.id)] }];
		},
		statusBatchSize: VIDEO_IDS_PER_READ,
		fetchStatuses: async (ids) => await reader.read(ids),
		jobId: (video) => String(video.id),
		state: options.state ?? videoState,
		status: (video) => (typeof video.status === 'string' ? video.status : undefined),
		failureReason: (video) =>
			typeof video.failed_reason === 'string' && video.failed_reason !== ''
				? video.failed_reason
				: undefined,
		resumeHint: options.previews ? PREVIEWS_RESUME_HINT : RESUME_HINT,
		notFound: (id) => ({
			message: `Creatify has no video with ID ${id}`,
			description:
				'Check Video IDs: each is the id returned by Video → Create (or a preview operation), and videos are only visible to the Creatify account (credential) that made them.',
		}),
		listHint: options.listHint ?? LIST_HINT,
	};
}

/** The fields Simplify keeps: what a workflow goes on with. */
const SIMPLE_FIELDS = [
	'id',
	'name',
	'status',
	'failed_reason',
	'progress',
	'link',
	'media_job',
	'video_output',
	'video_thumbnail',
	'editor_url',
	'preview',
	'credits_used',
	'duration',
] as const;

/** One video as output: everything Creatify answered, or the main fields (Simplify). */
export function videoJson(video: IDataObject, simplify: boolean): IDataObject {
	if (!simplify) return { ...video };
	const json: IDataObject = {};
	for (const field of SIMPLE_FIELDS) json[field] = video[field] ?? null;
	return json;
}

/** The output of a tracked job: as last read, else as the create answered, else what is known. */
export function trackedVideo(
	job: TrackedJob<CreatifyVideo>,
	created?: Map<string, CreatifyVideo>,
): CreatifyVideo {
	return job.job ?? created?.get(job.id) ?? { id: job.id, status: 'pending' };
}

/** One output item per preview of a preview-list job, each with what Render Single Preview needs. */
export function previewItemsJson(video: IDataObject): IDataObject[] {
	const previews = Array.isArray(video.previews) ? (video.previews as IDataObject[]) : [];
	return previews.map((preview, index) => ({
		video_id: video.id,
		media_job: preview.media_job ?? null,
		visual_style: preview.visual_style ?? null,
		aspect_ratio: preview.aspect_ratio ?? null,
		url: preview.url ?? null,
		editor_url: preview.editor_url ?? null,
		duration: preview.duration ?? null,
		preview_index: index,
		status: video.status ?? null,
		name: video.name ?? null,
		link: video.link ?? null,
		credits_used: video.credits_used ?? null,
	}));
}

/** Output items of previews: every item holding a video with previews becomes one item per preview. */
export function expandPreviews(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.flatMap((item) => {
		if (item.json.error !== undefined || !Array.isArray(item.json.previews)) return [item];
		const previews = previewItemsJson(item.json);
		return previews.length
			? previews.map((json) => ({ json, pairedItem: item.pairedItem }))
			: [item];
	});
}

/** No path separators or control characters in a stored file name. */
function safeFileName(name: string): string {
	return (
		[...name]
			.map((char) => (/[\\/:*?"<>|]/.test(char) || char < ' ' ? '_' : char))
			.join('')
			.trim()
			.slice(0, 200) || 'video'
	);
}

export function videoDownload(
	context: IExecuteFunctions,
): DownloadSettings & NonNullable<JobOutputOptions<CreatifyVideo>['download']> {
	return {
		...readDownloadSettings.call(context),
		videoUrl: (video) => (typeof video.video_output === 'string' ? video.video_output : undefined),
		fileName: (video) =>
			`${safeFileName(typeof video.name === 'string' && video.name ? video.name : String(video.id))}.mp4`,
		hint: 'Run "Video → Get" for the video\'s current URL, or turn off Download Video to keep the URL only.',
		credentialType: 'creatifyApi',
	};
}

/**
 * A failed item (Continue On Fail) keeps what Creatify said about its video: the status, `failed_reason` and the
 * credits already used, next to the error and `video_ids`.
 */
export function addFailureFacts(
	output: Map<number, INodeExecutionData[]>,
	results: Array<JobResult<CreatifyVideo>>,
): void {
	for (const result of results) {
		if (!result.error) continue;
		const job = result.jobs.find((candidate) => candidate.state !== 'succeeded');
		if (!job?.job) continue;
		for (const item of output.get(result.itemIndex) ?? []) {
			if (item.json.error === undefined) continue;
			item.json.status = job.job.status ?? null;
			item.json.failed_reason = job.job.failed_reason ?? null;
			item.json.credits_used = job.job.credits_used ?? null;
		}
	}
}

export interface VideoRunOptions<TRequest> {
	adapter: VideoAdapter<TRequest>;
	requests: Array<JobRequest<TRequest>>;
	/** Read (and checked) before anything was sent: `readWaitSettings`. */
	wait: WaitSettings;
	/** Read (and checked) before anything was sent: `readReuseSettings`. */
	reuse: ReuseOptions | undefined;
	/** Output fields added to every item of an input, e.g. its product URL. */
	extra?: (itemIndex: number) => IDataObject;
	/** Download finished videos when asked (not for previews). */
	download: boolean;
	/** Keep the job's `previews` in the output, for `expandPreviews`. */
	previews?: boolean;
}

/**
 * Runs paid link_to_videos calls through the job engine — every item's call first, then waiting for all of them
 * together — and adds their output items to `output`.
 */
export async function runVideoJobs<TRequest>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	output: ItemOutput,
	{ adapter, requests, wait, reuse, extra, download, previews }: VideoRunOptions<TRequest>,
): Promise<Array<JobResult<CreatifyVideo>>> {
	const simplify = switchValue(this.getNodeParameter('simplify', 0, true), true);
	const results = await (runJobs<TRequest, CreatifyVideo>).call(this, adapter, requests, {
		...wait,
		stopOnFirstError: !this.continueOnFail(),
		reuse,
		// One video per create: as many creates at once as the transport lets through.
		submitConcurrency: CREATIFY_MAX_CONCURRENT_REQUESTS,
	});
	const byItem = await (jobResultsToItems<CreatifyVideo>).call(this, items, results, adapter, {
		jobIdsField: 'video_ids',
		toJson: (job, itemIndex) => {
			const video = trackedVideo(job, adapter.created);
			return {
				...videoJson(video, simplify),
				...(previews ? { previews: video.previews ?? [] } : {}),
				...extra?.(itemIndex),
			};
		},
		download: download ? videoDownload(this) : undefined,
	});
	addFailureFacts(byItem, results);
	output.add(byItem);
	return results;
}

/**
 * Every paid call that starts from a link — Video → Create, Create Preview and Create Previews — in three steps:
 *
 * 1. Every item is read and validated before anything is sent (and, with Check Credits First, the run's estimated
 *    cost is checked against the balance), so bad input in item 7 costs nothing for items 1–6.
 * 2. Items given a Product URL get their link first: one link per distinct URL, every one of them made before the
 *    first paid call, so a page Creatify cannot read fails only its own items and costs nothing.
 * 3. The job engine sends one paid call per item and, when waiting, waits for all of them together.
 */

/** One item's plan: where its link comes from, and the request without `link`. */
export interface PlannedVideo {
	productUrl?: string;
	linkId?: string;
	body: IDataObject;
}

const sourceSchema = z.object({
	source: enumSchema(['productUrl', 'linkId'], 'must be "productUrl" or "linkId"'),
	productUrl: z.string().optional(),
	link: z.string().optional(),
});

const productUrlSchema = httpUrl('the product page');
const linkIdSchema = uuidSchema('link');

/**
 * Reads and validates one item: its source, the shared video fields and the operation's own fields (`extra`, a
 * zod schema over parameter names and a function building their request fields).
 */
export function readPlannedVideo<TExtra extends z.ZodRawShape>(
	this: IExecuteFunctions,
	itemIndex: number,
	properties: INodeProperties[],
	extra: {
		shape: TExtra;
		/** Whether the operation has the single Visual Style field. */
		visualStyle?: boolean;
		read(itemIndex: number): IDataObject;
		body(values: z.infer<z.ZodObject<TExtra>>): IDataObject;
	},
): PlannedVideo {
	// The source decides which field holds the link, so it is checked first.
	const { source } = validateParameters.call(
		this,
		sourceSchema.pick({ source: true }),
		{ source: this.getNodeParameter('source', itemIndex) },
		properties,
		itemIndex,
	);
	const schema = sourceSchema
		.merge(videoFieldsSchema)
		.extend(extra.shape)
		.superRefine((input, context) => {
			const check = input.source === 'productUrl' ? productUrlSchema : linkIdSchema;
			const field = input.source === 'productUrl' ? 'productUrl' : 'link';
			const result = check.safeParse(input[field] ?? '');
			if (!result.success) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: [field],
					message: result.error.issues[0].message,
				});
			}
		});
	const raw: IDataObject = {
		source,
		...(source === 'productUrl'
			? { productUrl: this.getNodeParameter('productUrl', itemIndex, '') }
			: { link: this.getNodeParameter('link', itemIndex, '', { extractValue: true }) }),
		...readVideoFields.call(this, itemIndex, { visualStyle: extra.visualStyle ?? true }),
		...extra.read(itemIndex),
	};
	const input = validateParameters.call(this, schema, raw, properties, itemIndex);
	const body = {
		...extra.body(input as z.infer<z.ZodObject<TExtra>>),
		...videoRequestFields(input),
	};
	return input.source === 'productUrl'
		? { productUrl: productUrlSchema.parse(input.productUrl), body }
		: { linkId: String(input.link).trim(), body };
}

export interface LinkedCreateOptions {
	/** The paid endpoint, e.g. "/link_to_videos/". */
	endpoint: string;
	plan(itemIndex: number): PlannedVideo;
	/** The estimated cost of one planned request, for Check Credits First. */
	estimate(body: IDataObject): ChargeEstimate;
	waitDefaults: WaitDefaults;
	state?: (video: CreatifyVideo) => JobState;
	/** One output item per preview of each job (Create Previews). */
	previews?: boolean;
	/** Download finished videos when asked. */
	download: boolean;
}

/** Steps 1–3 above for every input item; output in input order. */
export async function createFromLinks(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	options: LinkedCreateOptions,
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(this, items, (itemIndex) => options.plan(itemIndex));
	// Node-level, and checked before the links are made.
	const wait = readWaitSettings.call(this, options.waitDefaults);
	const reuse = readReuseSettings.call(this);
	await checkCreditsFirst.call(
		this,
		planned.map(({ request }) => options.estimate(request.body)),
	);

	const urls = planned.flatMap(({ request }) => (request.productUrl ? [request.productUrl] : []));
	const links = urls.length ? await createLinksForUrls(this, urls) : new Map();
	const requests: Array<JobRequest<IDataObject>> = [];
	const productUrls = new Map<number, string>();
	for (const { itemIndex, request } of planned) {
		let linkId = request.linkId;
		if (request.productUrl !== undefined) {
			productUrls.set(itemIndex, request.productUrl);
			const link = links.get(request.productUrl);
			if (!link || 'error' in link) {
				const error = errorForItem(this.getNode(), itemIndex, link?.error ?? 'no link was made', {
					description: `Creatify could not make a link from ${request.productUrl}, so no video was started for this item and nothing was charged for it.`,
				});
				output.fail(itemIndex, error, { product_url: request.productUrl, credits_used: 0 });
				continue;
			}
			linkId = link.linkId;
		}
		requests.push({
			itemIndex,
			request: { link: linkId, ...request.body },
			// A product URL gets a new link each run: the same video in a later run is the same URL and settings.
			...(request.productUrl !== undefined
				? { identity: { productUrl: request.productUrl, ...request.body } }
				: {}),
		});
	}

	const adapter = videoJobAdapter<IDataObject>(this, {
		submit: async (body) => await creatifyApiRequest.call(this, 'POST', options.endpoint, { body }),
		state: options.state,
		previews: options.previews,
	});
	await runVideoJobs.call(this, items, output, {
		adapter,
		requests,
		wait,
		reuse,
		extra: (itemIndex) =>
			productUrls.has(itemIndex) ? { product_url: productUrls.get(itemIndex) } : {},
		download: options.download,
		previews: options.previews,
	});
	const result = output.inInputOrder();
	return options.previews ? expandPreviews(result) : result;
}

export interface LinkedCreateOperation {
	/** The paid endpoint, e.g. "/link_to_videos/". */
	endpoint: string;
	/** What Wait for Completion waits for, e.g. "every video", and whether it is on by default. */
	wait: { defaults: WaitDefaults; what: string; waitByDefault?: boolean };
	/** What a reused job is called in "Reuse Jobs", e.g. "video". */
	reuse: string;
	/** Offer Download Video. */
	download: boolean;
	estimate: LinkedCreateOptions['estimate'];
	state?: LinkedCreateOptions['state'];
}

/**
 * Video → Create and Video → Create Preview: the same fields (a product URL or link, the aspect ratio and the video
 * settings) sent to a different paid endpoint, with a different price and wait. One item, one job.
 */
export function linkedCreateOperation(config: LinkedCreateOperation) {
	const properties: INodeProperties[] = [
		...sourceProperties,
		aspectRatioProperty,
		...videoMainProperties,
		visualStyleProperty,
		videoAdditionalFields,
		captionSettingsProperty,
		checkCreditsProperty,
		...waitProperties(
			config.wait.defaults,
			config.wait.what,
			config.wait.waitByDefault === false ? { waitByDefault: false } : undefined,
		),
		...(config.download ? downloadProperties() : []),
		...reuseProperties(config.reuse),
		simplifyProperty,
	];
	async function execute(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		return await createFromLinks.call(this, items, {
			endpoint: config.endpoint,
			plan: (itemIndex) =>
				readPlannedVideo.call(this, itemIndex, properties, {
					shape: { aspectRatio: aspectRatioSchema },
					read: (index) => ({ aspectRatio: this.getNodeParameter('aspectRatio', index, '9x16') }),
					body: ({ aspectRatio }) => ({ aspect_ratio: aspectRatio }),
				}),
			estimate: config.estimate,
			waitDefaults: config.wait.defaults,
			...(config.state ? { state: config.state } : {}),
			download: config.download,
		});
	}
	return { properties, execute };
}

/** What one render item names: the preview job, and for Render Single Preview the preview chosen. */
export interface RenderRequest {
	videoId: string;
	mediaJob?: string;
}

/**
 * Render and Render Single Preview: the paid render of a preview job, one per input item, waited for together.
 * With Check Credits First the preview jobs are read first (free, 100 per call) for the model and length each render
 * will be charged for.
 */
export async function runRenders(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	options: {
		plan(itemIndex: number): RenderRequest;
		submit(request: RenderRequest): Promise<unknown>;
	},
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(this, items, (itemIndex) => options.plan(itemIndex));
	const wait = readWaitSettings.call(this, VIDEO_WAIT_DEFAULTS);
	const reuse = readReuseSettings.call(this);

	if (readCheckCreditsFirst.call(this)) {
		const reader = new VideoReader(this);
		const ids = [...new Set(planned.map(({ request }) => request.videoId))];
		const videos = new Map<string, CreatifyVideo>();
		for (const batch of chunk(ids, VIDEO_IDS_PER_READ))
			for (const video of await reader.read(batch)) videos.set(String(video.id), video);
		await checkCreditsFirst.call(
			this,
			planned.map(({ request }) => {
				const video = videos.get(request.videoId);
				const model =
					typeof video?.model_version === 'string'
						? video.model_version
						: API_DEFAULTS.model_version;
				const length = Number(video?.video_length ?? API_DEFAULTS.video_length);
				return renderEstimate(model, Number.isFinite(length) ? length : API_DEFAULTS.video_length);
			}),
		);
	}

	// The video exists before its render: a render whose answer was lost shows on the video itself.
	const adapter = videoJobAdapter<RenderRequest>(this, {
		submit: options.submit,
		jobLabel: 'Creatify render',
		listHint:
			'"Video → Get" on the video ID of this item (a render that started shows in_queue, running or done)',
	});
	await runVideoJobs.call(this, items, output, {
		adapter,
		requests: planned,
		wait,
		reuse,
		download: true,
	});
	return output.inInputOrder();
}

/**
 * Creatify links: a product page scraped (or described with parameters) once, then used by any number of videos.
 */

/** The fields of a link, whether Creatify answers them flat or under `link`. */
export function linkJson(answer: unknown): IDataObject {
	if (!isJsonObject(answer)) return {};
	const nested = answer.link;
	if (answer.id === undefined && isJsonObject(nested)) return { ...(nested as IDataObject) };
	const flat = { ...(answer as IDataObject) };
	// Some answers repeat the link's fields under `link`: keep them once.
	if (isJsonObject(nested)) delete flat.link;
	return flat;
}

/** The id of a link answer, or undefined when Creatify returned none. */
export function linkIdOf(answer: unknown): string | undefined {
	const id = linkJson(answer).id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** `POST /api/links/ {url}`: Creatify scrapes the page into a link. */
export async function createLinkFromUrl(
	context: IExecuteFunctions,
	url: string,
): Promise<IDataObject> {
	const answer = await creatifyApiRequest.call(context, 'POST', '/links/', { body: { url } });
	const link = linkJson(answer);
	if (linkIdOf(link) === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			'Creatify made the link but returned no link ID',
			{
				description: 'Try again; if it keeps happening, look for the link with "Link → Get Many".',
			},
		);
	}
	return link;
}

/**
 * Makes one link per distinct product URL, all of them before the caller starts any paid video, so a page Creatify
 * cannot read fails only the items that use it and costs nothing. Making a link is free, so a link request that
 * failed for a passing reason is sent again (at worst Creatify keeps one unused link); a refusal ("Failed to scrape
 * url", "Link must have at least one image or one video") is final.
 * Returns, per URL, the link id or the error.
 */
export async function createLinksForUrls(
	context: IExecuteFunctions,
	urls: string[],
): Promise<Map<string, { linkId: string } | { error: unknown }>> {
	const signal = context.getExecutionCancelSignal() ?? undefined;
	const results = new Map<string, { linkId: string } | { error: unknown }>();
	await forEachConcurrently([...new Set(urls)], CREATIFY_MAX_CONCURRENT_REQUESTS, async (url) => {
		const made = await settleFreeCall(
			async () => await createLinkFromUrl(context, url),
			FREE_CALL_RETRY,
			{ signal },
		);
		results.set(url, made.ok ? { linkId: String(made.value.id) } : { error: made.error });
	});
	return results;
}

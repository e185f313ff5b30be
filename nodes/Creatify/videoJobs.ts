import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachConcurrently } from '../shared/concurrency';
import type { DownloadSettings, WaitDefaults, WaitSettings } from '../shared/descriptions';
import { readDownloadSettings } from '../shared/descriptions';
import type { ItemOutput } from '../shared/items';
import type {
	JobAdapter,
	JobRequest,
	JobResult,
	JobState,
	ReuseOptions,
	TrackedJob,
} from '../shared/jobEngine';
import { runJobs } from '../shared/jobEngine';
import type { JobOutputOptions } from '../shared/jobOutput';
import { jobResultsToItems } from '../shared/jobOutput';
import { CREATIFY_JOB_STATUSES, jobStateOf } from '../shared/jobStates';
import type { ApiContext } from '../shared/request';
import { isJsonObject } from '../shared/request';
import { switchValue } from '../shared/validation';
import { isNotFound, listOf, settle } from './pagination';
import { creatifyApiRequest, CREATIFY_MAX_CONCURRENT_REQUESTS } from './transport';

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

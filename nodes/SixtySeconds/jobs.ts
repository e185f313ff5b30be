import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DownloadSettings, WaitDefaults, WaitSettings } from '../shared/descriptions';
import { readDownloadSettings, readReuseSettings } from '../shared/descriptions';
import { failureKind, isNotFound } from '../shared/errors';
import type { ItemOutput, PlannedItem } from '../shared/items';
import type { JobAdapter, JobRequest, TrackedJob } from '../shared/jobEngine';
import { runJobs } from '../shared/jobEngine';
import type { JobOutputOptions } from '../shared/jobOutput';
import { jobResultsToItems } from '../shared/jobOutput';
import type { StatusTable } from '../shared/jobStates';
import { jobStateOf } from '../shared/jobStates';
import type { ApiContext } from '../shared/request';
import {
	SIXTYSECONDS_MAX_CONCURRENT_REQUESTS,
	SIXTYSECONDS_READ_RETRY,
	sixtySecondsApiRequest,
} from './transport';

/** SixtySeconds video: `draft, processing, published, failed`. */
export const SIXTYSECONDS_VIDEO_STATUSES: StatusTable = {
	pending: ['draft', 'processing'],
	succeeded: ['published'],
	failed: ['failed'],
};

/** The body of POST /videos (SixtySeconds Videos API reference). Optional fields are left out when the user left them empty. */
export interface VideoRequest extends IDataObject {
	title: string;
	template_id: string;
	customer_data: IDataObject;
	ai_messaging?: { tone?: string; length?: string; focus_points?: string[] };
	aspect_ratio: string;
	project_id?: string;
}

/** A video as GET /videos/{video_id} returns it; url, thumbnail and duration stay null until published. */
export interface Video extends IDataObject {
	id: string;
	status: string;
	title?: string;
	url?: string | null;
	thumbnail?: string | null;
	duration?: number | null;
}

/** What the node reads from an item, validated: the request before empty fields are dropped. */
export interface VideoInput {
	title: string;
	templateId: string;
	customerData: IDataObject;
	aspectRatio: string;
	tone?: string;
	length?: string;
	focusPoints?: string[];
	projectId?: string;
}

/** The POST /videos body: only what the user gave (no empty ai_messaging, project_id or focus_points). */
export function videoRequestBody(input: VideoInput): VideoRequest {
	const aiMessaging: NonNullable<VideoRequest['ai_messaging']> = {};
	if (input.tone) aiMessaging.tone = input.tone;
	if (input.length) aiMessaging.length = input.length;
	if (input.focusPoints?.length) aiMessaging.focus_points = input.focusPoints;
	return {
		title: input.title,
		template_id: input.templateId,
		customer_data: input.customerData,
		...(Object.keys(aiMessaging).length ? { ai_messaging: aiMessaging } : {}),
		aspect_ratio: input.aspectRatio,
		...(input.projectId ? { project_id: input.projectId } : {}),
	};
}

/** "Most videos are processed within 1-3 minutes" (SixtySeconds Videos API reference); the first check is timed by the create answer. */
export const VIDEO_WAIT_DEFAULTS: WaitDefaults = { pollIntervalSeconds: 10, timeoutSeconds: 900 };

/**
 * A video still in `draft` after this many status checks in a row is reported instead of waited for. SixtySeconds
 * documents `draft` as "created but not yet submitted for processing" and no API call that submits a draft, so
 * such a video would otherwise be waited for until the timeout. The few checks leave room for a video that shows
 * `draft` for a moment before processing starts.
 */
export const DRAFT_CHECKS = 3;

/**
 * How precise a timestamp is: SixtySeconds writes whole seconds ("2025-03-03T14:25:30Z"), so an estimate measured
 * between two of them can be up to a second short; decimals, where a timestamp has them, make it that much finer.
 */
function timestampPrecisionMs(timestamp: string): number {
	const decimals = /\.(\d+)(?:Z|[+-]\d{2}:?\d{2})?$/i.exec(timestamp)?.[1].length ?? 0;
	return 10 ** (3 - Math.min(decimals, 3));
}

const RESUME_HINT =
	'Run "Video → Get" with Wait for Completion on these video IDs to pick up the videos';

/**
 * When to read a new video's status first: at `estimated_completion` ("The response to the create video endpoint
 * includes an estimated_completion timestamp", Videos API reference). Measured from the answer's own `created_at`, so the
 * difference between SixtySeconds' clock and this server's does not matter; without `created_at`, from now.
 */
export function firstCheckAfterMs(
	created: IDataObject,
	now: number = Date.now(),
): number | undefined {
	const estimatedText = String(created.estimated_completion ?? '');
	const estimated = Date.parse(estimatedText);
	if (Number.isNaN(estimated)) return undefined;
	const createdText = String(created.created_at ?? '');
	const createdAt = Date.parse(createdText);
	const wait = estimated - (Number.isNaN(createdAt) ? now : createdAt);
	// Both times are rounded down: read once the later end of that rounding has passed, so one read finds it done.
	const precision = Math.max(
		timestampPrecisionMs(estimatedText),
		Number.isNaN(createdAt) ? 1 : timestampPrecisionMs(createdText),
	);
	return wait > 0 ? wait + precision : undefined;
}

function isDraft(video: IDataObject | undefined): boolean {
	return typeof video?.status === 'string' && video.status.trim().toLowerCase() === 'draft';
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** GET /videos/{video_id}; undefined when SixtySeconds has no such video (HTTP 404). */
export async function readVideo(context: ApiContext, videoId: string): Promise<Video | undefined> {
	let failure: unknown;
	try {
		const video = (await sixtySecondsApiRequest.call(
			context,
			'GET',
			`/videos/${encodeURIComponent(videoId)}`,
		)) as Video;
		return { ...video, id: String(video.id ?? videoId) };
	} catch (error) {
		failure = error;
	}
	if (isNotFound(failure)) return undefined;
	// The transport's own NodeApiError, passed on as it is.
	throw failure;
}

/**
 * The job engine's view of SixtySeconds videos: one POST /videos per item, one GET /videos/{video_id} per status
 * read (SixtySeconds has no batch read). The transport keeps at most a few requests in flight per credential, so
 * 100 items never burst 100 requests at once. `created` collects the create answers (for their
 * `estimated_completion` and for the output when not waiting).
 */
export function videoAdapter(
	context: IExecuteFunctions,
	created: Map<string, IDataObject> = new Map(),
): JobAdapter<VideoRequest, Video> {
	/** Status checks in a row that found each video in draft. */
	const draftChecks = new Map<string, number>();
	return {
		jobLabel: 'SixtySeconds video',
		submitBatchSize: 1,
		async submit([request]) {
			const answer = (await sixtySecondsApiRequest.call(context, 'POST', '/videos', {
				body: request,
			})) as IDataObject;
			const id =
				typeof answer.id === 'string' || typeof answer.id === 'number' ? String(answer.id) : '';
			// An answer without an id is left to the engine, which reports that the video may exist anyway.
			if (!id) return [{ jobIds: [] }];
			created.set(id, answer);
			return [{ jobIds: [id], firstCheckAfterMs: firstCheckAfterMs(answer) }];
		},
		statusBatchSize: 1,
		async fetchStatuses([videoId]) {
			// A 404 leaves the video out of the answer: the engine retries it a few times while waiting (a video
			// just created may not be readable at once) and reports it as not found on a plain read.
			const video = await readVideo(context, videoId);
			if (!video) return [];
			if (isDraft(video)) draftChecks.set(video.id, (draftChecks.get(video.id) ?? 0) + 1);
			else draftChecks.delete(video.id);
			return [video];
		},
		jobId: (video) => String(video.id),
		state: (video) =>
			isDraft(video) && (draftChecks.get(String(video.id)) ?? 0) >= DRAFT_CHECKS
				? 'failed'
				: jobStateOf(SIXTYSECONDS_VIDEO_STATUSES, video.status),
		status: (video) => text(video.status),
		// Not documented; passed on when SixtySeconds sends a reason under one of the usual names.
		failureReason: (video) =>
			text(video.failure_reason) ?? text(video.error_message) ?? text(video.error),
		failureMessage: (video, videoId) =>
			isDraft(video)
				? {
						message: `SixtySeconds video ${videoId} is still a draft: it was created but not submitted for processing`,
						description: `SixtySeconds reported "draft" on ${DRAFT_CHECKS} status checks in a row, and its API has no call that submits a draft, so waiting longer would not help. Open the video in SixtySeconds and submit it, then run "Video → Get" with Wait for Completion on ${videoId}. Don't run Create again for this item: that would make a second video.`,
					}
				: undefined,
		resumeHint: RESUME_HINT,
		notFound: (videoId) => ({
			message: `SixtySeconds has no video with ID ${videoId}`,
			description:
				'Check Video IDs: each is the id returned by Video → Create (e.g. vid_12345abcde), and videos are only visible to the SixtySeconds account whose API key created them.',
		}),
		listHint: '"Video → Get Many" (newest first)',
	};
}

/**
 * Output fields of one video: id, status, url, thumbnail and duration first, then what was asked for and the rest
 * of SixtySeconds' answer (analytics, updated_at…). Before the first read (not waiting) the create answer and the
 * request fill in; url, thumbnail and duration are null until the video is published.
 */
export function videoJson(
	videoId: string,
	video: IDataObject | undefined,
	createdAnswer?: IDataObject,
	request?: VideoRequest,
): IDataObject {
	const source: IDataObject = { ...request, ...createdAnswer, ...video, id: videoId };
	return {
		id: videoId,
		status: source.status ?? 'processing',
		title: source.title ?? '',
		url: source.url ?? null,
		thumbnail: source.thumbnail ?? null,
		duration: source.duration ?? null,
		template_id: source.template_id ?? null,
		aspect_ratio: source.aspect_ratio ?? null,
		project_id: source.project_id ?? null,
		customer_data: source.customer_data ?? null,
		ai_messaging: source.ai_messaging ?? null,
		created_at: source.created_at ?? null,
		...(createdAnswer?.estimated_completion
			? { estimated_completion: createdAnswer.estimated_completion }
			: {}),
		...source,
	};
}

export function trackedVideoJson(job: TrackedJob<Video>): IDataObject {
	return videoJson(job.id, job.job);
}

function fileNameOf(video: Video): string {
	const title = String(video.title ?? '')
		.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 100);
	return `${title || video.id}.mp4`;
}

/** "Download Video" for published videos: the video `url`, named after the title. */
export function videoDownload(
	context: IExecuteFunctions,
): DownloadSettings & NonNullable<JobOutputOptions<Video>['download']> {
	return {
		...readDownloadSettings.call(context),
		videoUrl: (video) => text(video.url),
		fileName: fileNameOf,
		hint: 'SixtySeconds keeps published videos on its CDN; run "Video → Get" on this video ID for its current URL and try again.',
		credentialType: 'sixtySecondsApi',
	};
}

/** Creates the videos of all valid items (one request each) and waits for all of them together if asked. */
export async function runVideos(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	requests: Array<JobRequest<VideoRequest>>,
	/** Read (and checked) before anything was sent: `readWaitSettings`. */
	wait: WaitSettings,
): Promise<Map<number, INodeExecutionData[]>> {
	const created = new Map<string, IDataObject>();
	const adapter = videoAdapter(this, created);
	const results = await (runJobs<VideoRequest, Video>).call(this, adapter, requests, {
		...wait,
		stopOnFirstError: !this.continueOnFail(),
		reuse: readReuseSettings.call(this),
		// One video per create: as many creates at once as the transport lets through.
		submitConcurrency: SIXTYSECONDS_MAX_CONCURRENT_REQUESTS,
	});
	const byItem = new Map(requests.map(({ itemIndex, request }) => [itemIndex, request]));
	return await (jobResultsToItems<Video>).call(this, items, results, adapter, {
		jobIdsField: 'video_ids',
		toJson: (job, itemIndex) =>
			videoJson(job.id, job.job, created.get(job.id), byItem.get(itemIndex)),
		download: videoDownload(this),
	});
}

/**
 * GET /templates/{template_id} for each template the items use, before any video is created: a template that does
 * not exist, or an aspect ratio it does not offer (`available_aspect_ratios`, SixtySeconds templates reference:
 * https://api.sixtyseconds.video/docs/api-reference/templates), fails its items here, so nothing is created for
 * them. Reading a template is free. If SixtySeconds cannot be asked right now (5xx, network), the create itself
 * still checks the template. Returns the items that may go on.
 */
export async function checkTemplates(
	context: IExecuteFunctions,
	planned: Array<PlannedItem<VideoRequest>>,
	output: ItemOutput,
): Promise<Array<PlannedItem<VideoRequest>>> {
	const templateIds = [...new Set(planned.map(({ request }) => request.template_id))];
	const problems = new Map<string, unknown>();
	const templates = new Map<string, IDataObject>();
	for (const templateId of templateIds) {
		try {
			templates.set(
				templateId,
				(await sixtySecondsApiRequest.call(
					context,
					'GET',
					`/templates/${encodeURIComponent(templateId)}`,
					{ retry: SIXTYSECONDS_READ_RETRY },
				)) as IDataObject,
			);
		} catch (error) {
			if (isNotFound(error)) {
				problems.set(
					templateId,
					new NodeOperationError(
						context.getNode(),
						`Template ${templateId} was not found in this SixtySeconds account`,
						{
							description:
								'Choose the template from the list (Template → From List), or look up its ID with "Template → Get Many". No video was created for this item.',
						},
					),
				);
			} else if (failureKind(error) === 'permanent') {
				problems.set(templateId, error);
			}
		}
	}

	const ready: Array<PlannedItem<VideoRequest>> = [];
	for (const entry of planned) {
		const { template_id: templateId, aspect_ratio: aspectRatio } = entry.request;
		const problem = problems.get(templateId);
		if (problem) {
			output.fail(entry.itemIndex, problem);
			continue;
		}
		const template = templates.get(templateId);
		const offered = Array.isArray(template?.available_aspect_ratios)
			? template.available_aspect_ratios.map(String)
			: [];
		if (offered.length > 0 && !offered.includes(aspectRatio)) {
			output.fail(
				entry.itemIndex,
				new NodeOperationError(
					context.getNode(),
					`Aspect Ratio ${aspectRatio} is not offered by template "${String(template?.name ?? templateId)}" (${templateId})`,
					{
						description: `The template offers ${offered.join(', ')}: choose one of them in Aspect Ratio. No video was created for this item.`,
					},
				),
			);
			continue;
		}
		ready.push(entry);
	}
	return ready;
}

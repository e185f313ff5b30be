import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DownloadSettings, WaitDefaults, WaitSettings } from '../shared/descriptions';
import { readDownloadSettings } from '../shared/descriptions';
import type { ItemOutput, PlannedItem } from '../shared/items';
import type { JobAdapter, JobRequest, ReuseOptions, TrackedJob } from '../shared/jobEngine';
import { runJobs } from '../shared/jobEngine';
import type { JobOutputOptions } from '../shared/jobOutput';
import { jobResultsToItems, reusedFields } from '../shared/jobOutput';
import { jobStateOf } from '../shared/jobStates';
import { RATE_LIMIT_RETRY } from '../shared/transport';
import { TIKTOK_TASK_STATUSES } from '../TikTok/jobs';
import {
	tiktokApiRequest,
	TIKTOK_READ_LIMITS,
	TIKTOK_REFRESH_CREATE_LIMITS,
} from '../TikTok/transport';
import { REFRESH_VIDEO } from './enums';

/** What to do to the video: the create body without its video_id. */
export interface RefreshTaskSettings {
	video_refresh_strategy_list: string[];
	add_hook?: {
		hook_type: string;
		product_category: string;
		product_description?: string;
		holiday_theme?: string;
	};
}

/** The body of POST /creative/aigc/refresh_video/task/create/ (TikTok API for Business, Refresh Ads documentation). */
export interface RefreshTaskRequest extends IDataObject, RefreshTaskSettings {
	video_id: string;
}

/** A task as GET /creative/aigc/video/task/list/ returns it; result fields stay empty until SUCCESS. */
export interface RefreshTask extends IDataObject {
	task_id: string;
	aigc_video_type?: string;
	status: string;
	video_name?: string;
	video_id?: string;
	preview_url?: string;
}

/** TikTok: "The time required to process each task is usually within one minute." */
export const REFRESH_WAIT_DEFAULTS: WaitDefaults = { pollIntervalSeconds: 5, timeoutSeconds: 600 };

/** The task list takes at most 5 task IDs per call. */
const TASK_IDS_PER_READ = 5;

const RESUME_HINT =
	'Run "Refresh Task → Get" with Wait for Completion on these task IDs to pick up the videos';

/** Reads up to 5 refresh tasks. `aigc_video_type` is always sent: without it TikTok returns dubbing tasks only. */
async function readRefreshTasks(
	context: IExecuteFunctions,
	taskIds: string[],
): Promise<RefreshTask[]> {
	const data = (await tiktokApiRequest.call(context, 'GET', '/creative/aigc/video/task/list/', {
		qs: { aigc_video_type: REFRESH_VIDEO, task_ids: taskIds },
	})) as { list?: RefreshTask[] };
	return Array.isArray(data.list) ? data.list : [];
}

/**
 * The job engine's view of refresh tasks. One create is one request (TikTok takes one video per call) and may
 * return several task IDs (RECOMMENDED: 4). Creates are paced to TikTok's 1 per second and 5 per minute by the
 * transport's rate limiter, across every item and every run of this n8n process.
 */
export function refreshTaskAdapter(
	context: IExecuteFunctions,
): JobAdapter<RefreshTaskRequest, RefreshTask> {
	return {
		jobLabel: 'TikTok refresh task',
		submitBatchSize: 1,
		async submit([request]) {
			const data = (await tiktokApiRequest.call(
				context,
				'POST',
				'/creative/aigc/refresh_video/task/create/',
				{ body: request, rateLimits: [TIKTOK_REFRESH_CREATE_LIMITS] },
			)) as { task_ids?: unknown };
			// An answer without task IDs is left to the engine, which reports that the task may exist anyway.
			const taskIds = Array.isArray(data.task_ids) ? data.task_ids.map(String) : [];
			return [{ jobIds: taskIds }];
		},
		statusBatchSize: TASK_IDS_PER_READ,
		readLimits: TIKTOK_READ_LIMITS,
		fetchStatuses: async (taskIds) => await readRefreshTasks(context, taskIds),
		jobId: (task) => String(task.task_id),
		state: (task) => jobStateOf(TIKTOK_TASK_STATUSES, task.status),
		status: (task) => (typeof task.status === 'string' ? task.status : undefined),
		// TikTok documents no failure reason for refresh tasks; pass one on if it ever sends one.
		failureReason: (task) => (typeof task.error_msg === 'string' ? task.error_msg : undefined),
		resumeHint: RESUME_HINT,
		notFound: (taskId) => ({
			message: `TikTok has no refresh task with ID ${taskId}`,
			description:
				'Check Task IDs: each is one of the task_ids returned by Refresh Task → Create, and tasks are only visible to the TikTok For Business account (credential) that created them.',
		}),
		listHint: '"Refreshed Video → Get Many" (finished videos appear there)',
	};
}

/** Output fields of one refresh task (one refreshed video). */
export function refreshTaskJson(task: RefreshTask | undefined, taskId: string): IDataObject {
	return {
		task_id: taskId,
		status: task?.status ?? 'SUBMITTED',
		video_id: task?.video_id ?? '',
		video_name: task?.video_name ?? '',
		preview_url: task?.preview_url ?? '',
		aigc_video_type: task?.aigc_video_type ?? REFRESH_VIDEO,
	};
}

export function trackedTaskJson(job: TrackedJob<RefreshTask>): IDataObject {
	return refreshTaskJson(job.job, job.id);
}

/** "Download Video" for refreshed videos: the preview URL, named after the video. */
export function refreshDownload(
	context: IExecuteFunctions,
): DownloadSettings & NonNullable<JobOutputOptions<RefreshTask>['download']> {
	return {
		...readDownloadSettings.call(context),
		videoUrl: (task) => (typeof task.preview_url === 'string' ? task.preview_url : undefined),
		fileName: (task) => `${task.video_name || task.video_id || task.task_id}.mp4`,
		hint: 'TikTok preview URLs are valid for six hours after they are issued: within them, run "Refresh Task → Get" with Download Video on to download the video again; after them, TikTok needs a new refresh task (Refresh Task → Create) for a new URL.',
		credentialType: 'tiktokBusinessApi',
	};
}

/**
 * POST /file/video/ad/upload/ with `use_scenario: AIGC`: TikTok fetches the video from the URL into the stock
 * library and returns its `video_id`, which a refresh task takes. Uploading is free.
 */
export async function uploadVideoByUrl(
	context: IExecuteFunctions,
	videoUrl: string,
): Promise<string> {
	const data = (await tiktokApiRequest.call(context, 'POST', '/file/video/ad/upload/', {
		body: { upload_type: 'UPLOAD_BY_URL', use_scenario: 'AIGC', video_url: videoUrl },
		// Uploading is free, and a refusal for rate (another n8n worker may share the app's limit) took nothing.
		retry: RATE_LIMIT_RETRY,
	})) as { video_id?: unknown };
	const videoId = data.video_id;
	if ((typeof videoId !== 'string' && typeof videoId !== 'number') || videoId === '') {
		throw new NodeOperationError(
			context.getNode(),
			'TikTok accepted the upload but returned no video_id',
			{
				description:
					'Try again; if it keeps happening, check the video URL with "Video → Upload by URL".',
			},
		);
	}
	return String(videoId);
}

/** What one input item asks for: the request without its video_id, and where the video comes from. */
export interface PlannedRefresh {
	videoUrl?: string;
	videoId?: string;
	request: RefreshTaskSettings;
}

/**
 * The create flow of Refresh Task → Create, after every item was validated:
 * 1. Videos given by URL are uploaded first, all of them before the first create: uploading is free, and a URL
 *    TikTok cannot use then fails its item before any paid task exists. Items sharing a URL share one upload.
 * 2. The job engine creates the tasks, paced to 1 per second and 5 per minute across all items by the transport's
 *    rate limiter, and waits for all of them together while later creates are still queued.
 */
export async function runRefreshTasks(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	planned: Array<PlannedItem<PlannedRefresh>>,
	output: ItemOutput,
	wait: WaitSettings,
	reuse: ReuseOptions | undefined,
): Promise<void> {
	const uploads = new Map<string, Promise<string>>();
	const requests: Array<JobRequest<RefreshTaskRequest>> = [];
	for (const { itemIndex, request: plan } of planned) {
		try {
			let videoId = plan.videoId;
			if (plan.videoUrl !== undefined) {
				let upload = uploads.get(plan.videoUrl);
				if (!upload) {
					upload = uploadVideoByUrl(this, plan.videoUrl);
					uploads.set(plan.videoUrl, upload);
				}
				videoId = await upload;
			}
			requests.push({
				itemIndex,
				request: { ...plan.request, video_id: videoId as string },
				// The same refresh in a later run is the same video (by URL or ID) and settings, whatever ID this run's
				// upload of the URL got.
				identity: { ...plan.request, video: plan.videoUrl ?? plan.videoId },
			});
		} catch (error) {
			output.fail(itemIndex, error, { video_url: plan.videoUrl ?? '' });
		}
	}

	const adapter = refreshTaskAdapter(this);
	const results = await runJobs.call(this, adapter, requests, {
		...wait,
		stopOnFirstError: !this.continueOnFail(),
		reuse,
	});

	// What each input asked for, repeated on each of its videos (TikTok does not say which hook a video got).
	const askedFor = new Map(
		requests.map(({ itemIndex, request }) => [itemIndex, requestSummary(request)]),
	);
	const itemOfTask = new Map(
		results.flatMap((result) => result.jobs.map((job) => [job.id, result.itemIndex])),
	);
	output.add(
		await jobResultsToItems.call(this, items, results, adapter, {
			jobIdsField: 'task_ids',
			toJson: (job: TrackedJob<RefreshTask>) => ({
				...trackedTaskJson(job),
				...askedFor.get(itemOfTask.get(job.id) ?? -1),
			}),
			download: refreshDownload(this),
		}),
	);

	if (!wait.waitForCompletion) {
		// Not waiting: one item per input with all its task IDs (Recommended creates 4 at once).
		for (const result of results) {
			if (result.outcome !== 'submitted') continue;
			output.set(result.itemIndex, {
				task_ids: result.jobs.map((job) => job.id),
				status: 'SUBMITTED',
				finished: false,
				aigc_video_type: REFRESH_VIDEO,
				...askedFor.get(result.itemIndex),
				...reusedFields(result),
			});
		}
	}
}

/** The source video and what was asked for, as output fields. */
function requestSummary(request: RefreshTaskRequest): IDataObject {
	return {
		source_video_id: request.video_id,
		strategy: request.video_refresh_strategy_list,
		...(request.add_hook ? { requested_hook_type: request.add_hook.hook_type } : {}),
	};
}

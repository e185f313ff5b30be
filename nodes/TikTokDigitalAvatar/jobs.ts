import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { WaitDefaults } from '../shared/descriptions';
import { readDownloadSettings, readReuseSettings, readWaitSettings } from '../shared/descriptions';
import type { JobAdapter, JobRequest, TrackedJob } from '../shared/jobEngine';
import { runJobs } from '../shared/jobEngine';
import { jobResultsToItems } from '../shared/jobOutput';
import { jobStateOf } from '../shared/jobStates';
import { TIKTOK_TASK_STATUSES } from '../TikTok/jobs';
import { tiktokApiRequest, TIKTOK_READ_LIMITS } from '../TikTok/transport';

/** One material package of POST /creative/digital_avatar/video/task/create/ (TikTok API for Business, Digital Avatar documentation). */
export interface MaterialPackage extends IDataObject {
	avatar_id: string;
	script: string;
	video_name?: string;
	package_id?: string;
}

/** A task as GET /creative/digital_avatar/video/task/get/ returns it. */
export interface AvatarTask extends IDataObject {
	task_id: string;
	status: string;
	video_name?: string;
	avatar_video_id?: string;
	preview_url?: string;
}

/** TikTok renders most scripts in under 100–200 s, long ones in under 500 s. */
export const AVATAR_WAIT_DEFAULTS: WaitDefaults = { pollIntervalSeconds: 10, timeoutSeconds: 900 };

/** Both task endpoints take at most 5: 5 packages per create, 5 task IDs per status read. */
const TIKTOK_TASK_BATCH = 5;

export function avatarTaskAdapter(
	context: IExecuteFunctions,
): JobAdapter<MaterialPackage, AvatarTask> {
	return {
		jobLabel: 'TikTok digital avatar task',
		submitBatchSize: TIKTOK_TASK_BATCH,
		async submit(packages) {
			const data = (await tiktokApiRequest.call(
				context,
				'POST',
				'/creative/digital_avatar/video/task/create/',
				{ body: { material_packages: packages } },
			)) as { list?: Array<{ task_id?: string; package_id?: string | null; error_msg?: string }> };
			const list = data.list ?? [];
			// TikTok answers one entry per package, in the order sent; a package it refused has an error_msg.
			return packages.map((_, index) => {
				const entry = list[index];
				if (!entry) return { error: 'TikTok returned no task for this package' };
				if (entry.error_msg || !entry.task_id) {
					return { error: entry.error_msg || 'TikTok returned no task ID for this package' };
				}
				return { jobIds: [String(entry.task_id)] };
			});
		},
		statusBatchSize: TIKTOK_TASK_BATCH,
		readLimits: TIKTOK_READ_LIMITS,
		async fetchStatuses(taskIds) {
			const data = (await tiktokApiRequest.call(
				context,
				'GET',
				'/creative/digital_avatar/video/task/get/',
				{ qs: { task_ids: taskIds } },
			)) as { list?: AvatarTask[] };
			return data.list ?? [];
		},
		jobId: (task) => String(task.task_id),
		state: (task) => jobStateOf(TIKTOK_TASK_STATUSES, task.status),
		failureReason: (task) => (typeof task.error_msg === 'string' ? task.error_msg : undefined),
		resumeHint:
			'Run "Avatar Video → Get" with Wait for Completion on these task IDs to pick up the videos',
		listHint: '"Avatar Video → Get Many" (finished videos appear there)',
		notFound: (taskId) => ({
			message: `TikTok has no digital avatar task with ID ${taskId}`,
			description:
				'Check Task IDs: each is one of the task_ids returned by Avatar Video → Create, and tasks are only visible to the TikTok For Business account (credential) that created them.',
		}),
	};
}

/** Output fields of one avatar video task. */
export function avatarTaskJson(
	job: TrackedJob<AvatarTask>,
	request?: MaterialPackage,
): IDataObject {
	const task = job.job;
	return {
		task_id: job.id,
		status: task?.status ?? 'SUBMITTED',
		avatar_video_id: task?.avatar_video_id ?? '',
		preview_url: task?.preview_url ?? '',
		video_name: task?.video_name ?? request?.video_name ?? '',
		...(request ? { package_id: request.package_id ?? null, avatar_id: request.avatar_id } : {}),
	};
}

export function avatarDownload(context: IExecuteFunctions) {
	return {
		...readDownloadSettings.call(context),
		videoUrl: (task: AvatarTask) => task.preview_url,
		fileName: (task: AvatarTask) => `${task.video_name || task.task_id}.mp4`,
		hint: 'TikTok preview URLs are valid for six hours after they are issued: run "Avatar Video → Get Many" for a fresh preview URL of the video, or "Avatar Video → Get" with Download Video on to download it again.',
		credentialType: 'tiktokBusinessApi',
	};
}

/** Creates the avatar video tasks of all valid items (5 packages per request) and waits for them if asked. */
export async function runAvatarTasks(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	packages: Array<JobRequest<MaterialPackage>>,
): Promise<Map<number, INodeExecutionData[]>> {
	const adapter = avatarTaskAdapter(this);
	const wait = readWaitSettings.call(this, AVATAR_WAIT_DEFAULTS);
	const results = await (runJobs<MaterialPackage, AvatarTask>).call(this, adapter, packages, {
		...wait,
		stopOnFirstError: !this.continueOnFail(),
		reuse: readReuseSettings.call(this),
	});
	const requests = new Map(packages.map(({ itemIndex, request }) => [itemIndex, request]));
	return await (jobResultsToItems<AvatarTask>).call(this, items, results, adapter, {
		jobIdsField: 'task_ids',
		toJson: (job, itemIndex) => avatarTaskJson(job, requests.get(itemIndex)),
		download: avatarDownload(this),
	});
}

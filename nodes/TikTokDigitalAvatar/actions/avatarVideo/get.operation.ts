import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { downloadProperties, waitProperties } from '../../../shared/descriptions';
import { getJobs } from '../../../shared/getJobs';
import { previewUrlNotice, TIKTOK_DOWNLOAD_NOTICE } from '../../../TikTok/legalNotices';
import { readTaskIds, taskIdsProperty } from '../../../TikTok/taskIds';
import {
	AVATAR_WAIT_DEFAULTS,
	avatarDownload,
	avatarTaskAdapter,
	avatarTaskJson,
} from '../../avatarTasks';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get avatar video tasks',
	description:
		'Get avatar video tasks by task ID, optionally waiting until they finish. Outputs task_id, status, avatar_video_id, preview_url and video_name per task.',
} as const;

const CREATED_BY = 'Avatar Video → Create';

export const properties: INodeProperties[] = [
	taskIdsProperty(CREATED_BY, '7301881390801371138, 7301881390801371139'),
	...waitProperties(AVATAR_WAIT_DEFAULTS, 'every task', { waitByDefault: false }),
	...downloadProperties(TIKTOK_DOWNLOAD_NOTICE),
	previewUrlNotice,
];

/**
 * GET /creative/digital_avatar/video/task/get/ — every item's task IDs are read together (5 per request); with
 * Wait for Completion the reads repeat until every task is SUCCESS or FAILED. One output item per task.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await getJobs(this, items, {
		adapter: avatarTaskAdapter(this),
		readIds: (itemIndex) => readTaskIds(this, itemIndex, CREATED_BY, properties),
		waitDefaults: AVATAR_WAIT_DEFAULTS,
		output: {
			jobIdsField: 'task_ids',
			toJson: (job) => avatarTaskJson(job),
			download: avatarDownload(this),
		},
	});
}

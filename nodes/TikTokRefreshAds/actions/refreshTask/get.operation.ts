import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { downloadProperties, waitProperties } from '../../../shared/descriptions';
import { getJobs } from '../../../shared/getJobs';
import { previewUrlNotice, TIKTOK_DOWNLOAD_NOTICE } from '../../../TikTok/legalNotices';
import { readTaskIds, taskIdsProperty } from '../../../TikTok/taskIds';
import {
	REFRESH_WAIT_DEFAULTS,
	refreshDownload,
	refreshTaskAdapter,
	trackedTaskJson,
} from '../../refreshTasks';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get refresh tasks',
	description:
		'Get refresh tasks by task ID, optionally waiting until they finish. Outputs task_id, status, video_id, video_name and preview_url per task.',
} as const;

const CREATED_BY = 'Refresh Task → Create';

export const properties: INodeProperties[] = [
	taskIdsProperty(CREATED_BY, '7412345678901234567, 7412345678901234568'),
	...waitProperties(REFRESH_WAIT_DEFAULTS, 'every task', { waitByDefault: false }),
	...downloadProperties(TIKTOK_DOWNLOAD_NOTICE),
	previewUrlNotice,
];

/**
 * GET /creative/aigc/video/task/list/ (always with aigc_video_type=REFRESH_VIDEO) for the task IDs of every item,
 * read together 5 per request; with Wait for Completion, until every task has finished. One output item per task
 * ID, paired with the item that named it.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await getJobs(this, items, {
		adapter: refreshTaskAdapter(this),
		readIds: (itemIndex) => readTaskIds(this, itemIndex, CREATED_BY, properties),
		waitDefaults: REFRESH_WAIT_DEFAULTS,
		output: {
			jobIdsField: 'task_ids',
			toJson: trackedTaskJson,
			download: refreshDownload(this),
		},
	});
}

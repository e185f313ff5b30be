import { taskGetOperation } from '../../../TikTok/jobs';
import {
	REFRESH_WAIT_DEFAULTS,
	refreshDownload,
	refreshTaskAdapter,
	trackedTaskJson,
} from '../../jobs';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get refresh tasks',
	description:
		'Get refresh tasks by task ID, optionally waiting until they finish. Outputs task_id, status, video_id, video_name and preview_url per task.',
} as const;

/**
 * GET /creative/aigc/video/task/list/ (always with aigc_video_type=REFRESH_VIDEO) for the task IDs of every item
 * (see taskGetOperation).
 */
export const { properties, execute } = taskGetOperation({
	createdBy: 'Refresh Task → Create',
	example: '7412345678901234567, 7412345678901234568',
	waitDefaults: REFRESH_WAIT_DEFAULTS,
	adapter: refreshTaskAdapter,
	toJson: trackedTaskJson,
	download: refreshDownload,
});

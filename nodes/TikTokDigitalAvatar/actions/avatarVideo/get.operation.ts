import { taskGetOperation } from '../../../TikTok/jobs';
import {
	AVATAR_WAIT_DEFAULTS,
	avatarDownload,
	avatarTaskAdapter,
	avatarTaskJson,
} from '../../jobs';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get avatar video tasks',
	description:
		'Get avatar video tasks by task ID, optionally waiting until they finish. Outputs task_id, status, avatar_video_id, preview_url and video_name per task.',
} as const;

/** GET /creative/digital_avatar/video/task/get/ for the task IDs of every item (see taskGetOperation). */
export const { properties, execute } = taskGetOperation({
	createdBy: 'Avatar Video → Create',
	example: '7301881390801371138, 7301881390801371139',
	waitDefaults: AVATAR_WAIT_DEFAULTS,
	adapter: avatarTaskAdapter,
	toJson: (job) => avatarTaskJson(job),
	download: avatarDownload,
});

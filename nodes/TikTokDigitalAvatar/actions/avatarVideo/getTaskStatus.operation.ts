import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadProperties, readWaitSettings, waitProperties } from '../../../shared/descriptions';
import { failedItem, withItemIndex } from '../../../shared/items';
import type { JobTarget } from '../../../shared/jobEngine';
import { waitForJobs } from '../../../shared/jobEngine';
import { jobResultsToItems } from '../../../shared/jobOutput';
import { parseIdList } from '../../../shared/validation';
import { PREVIEW_URL_VALIDITY, TIKTOK_DOWNLOAD_NOTICE } from '../../../TikTok/legalNotices';
import type { AvatarTask } from '../../avatarTasks';
import {
	AVATAR_WAIT_DEFAULTS,
	avatarDownload,
	avatarTaskAdapter,
	avatarTaskJson,
} from '../../avatarTasks';

const properties: INodeProperties[] = [
	{
		displayName: 'Task IDs',
		name: 'taskIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7301881390801371138, 7301881390801371139',
		description:
			'One or more task IDs returned by Create, separated by commas. All items are read together, 5 per request.',
	},
	...waitProperties({ ...AVATAR_WAIT_DEFAULTS }, 'every task').map((property) =>
		property.name === 'waitForCompletion' ? { ...property, default: false } : property,
	),
	...downloadProperties(TIKTOK_DOWNLOAD_NOTICE),
	{
		displayName: `Output per task: task_id, status (SUBMITTED, PROCESSING, SUCCESS or FAILED), avatar_video_id, preview_url, video_name. ${PREVIEW_URL_VALIDITY}`,
		name: 'taskStatusNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['avatarVideo'], operation: ['getTaskStatus'] } },
	properties,
);

/**
 * GET /creative/digital_avatar/video/task/get/ — every item's task IDs are read together (5 per request); with
 * Wait for Completion the reads repeat until every task is SUCCESS or FAILED. One output item per task.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[][] = items.map(() => []);
	const targets: JobTarget[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const jobIds = parseIdList.call(
				this,
				this.getNodeParameter('taskIds', itemIndex),
				'Task IDs',
				itemIndex,
			);
			targets.push({ itemIndex, jobIds });
		} catch (error) {
			if (!this.continueOnFail()) throw withItemIndex.call(this, error, itemIndex);
			output[itemIndex] = [failedItem(items[itemIndex], itemIndex, error)];
		}
	}

	const adapter = avatarTaskAdapter(this);
	const wait = readWaitSettings.call(this, AVATAR_WAIT_DEFAULTS);
	// Without waiting, every status is read once and returned as it is.
	const results = await (waitForJobs<AvatarTask>).call(this, adapter, targets, {
		...wait,
		stopOnFirstError: !this.continueOnFail(),
	});
	const byItem = await (jobResultsToItems<AvatarTask>).call(this, items, results, adapter, {
		jobIdsField: 'task_ids',
		toJson: (job) => avatarTaskJson(job),
		download: avatarDownload(this),
	});
	for (const [itemIndex, itemOutput] of byItem) output[itemIndex] = itemOutput;
	return output.flat();
}

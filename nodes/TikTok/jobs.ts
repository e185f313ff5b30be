import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { WaitDefaults } from '../shared/descriptions';
import { downloadProperties, waitProperties } from '../shared/descriptions';
import { getJobs } from '../shared/getJobs';
import type { JobAdapter, TrackedJob } from '../shared/jobEngine';
import type { JobOutputOptions } from '../shared/jobOutput';
import type { StatusTable } from '../shared/jobStates';
import { previewUrlNotice, readTaskIds, taskIdsProperty, TIKTOK_DOWNLOAD_NOTICE } from './fields';

/** TikTok digital avatar video task and AIGC (refresh) video task: `SUBMITTED, PROCESSING, SUCCESS, FAILED`. */
export const TIKTOK_TASK_STATUSES: StatusTable = {
	pending: ['SUBMITTED', 'PROCESSING'],
	succeeded: ['SUCCESS'],
	failed: ['FAILED'],
};

export interface TaskGetConfig<TTask> {
	/** The operation whose task_ids this Get reads, e.g. "Avatar Video → Create". */
	createdBy: string;
	/** Example IDs for the field's placeholder. */
	example: string;
	waitDefaults: WaitDefaults;
	adapter(context: IExecuteFunctions): JobAdapter<unknown, TTask>;
	toJson(job: TrackedJob<TTask>): IDataObject;
	download(context: IExecuteFunctions): NonNullable<JobOutputOptions<TTask>['download']>;
}

/**
 * The Get of a TikTok task (Avatar Video → Get, Refresh Task → Get): both take task IDs, read them together 5 per
 * request and, with Wait for Completion, until every task is SUCCESS or FAILED. One output item per task, paired
 * with the item that named it. Only the endpoint (in the adapter) and the output fields differ.
 */
export function taskGetOperation<TTask>(config: TaskGetConfig<TTask>) {
	const properties: INodeProperties[] = [
		taskIdsProperty(config.createdBy, config.example),
		...waitProperties(config.waitDefaults, 'every task', { waitByDefault: false }),
		...downloadProperties(TIKTOK_DOWNLOAD_NOTICE),
		previewUrlNotice,
	];
	async function execute(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		return await getJobs(this, items, {
			adapter: config.adapter(this),
			readIds: (itemIndex) => readTaskIds(this, itemIndex, config.createdBy, properties),
			waitDefaults: config.waitDefaults,
			output: {
				jobIdsField: 'task_ids',
				toJson: (job) => config.toJson(job),
				download: config.download(this),
			},
		});
	}
	return { properties, execute };
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { downloadProperties, readWaitSettings, waitProperties } from '../../../shared/descriptions';
import { failureKind } from '../../../shared/errors';
import { failedItem, withItemIndex } from '../../../shared/items';
import type { JobTarget } from '../../../shared/jobEngine';
import { waitForJobs } from '../../../shared/jobEngine';
import { jobResultsToItems } from '../../../shared/jobOutput';
import { validateParameters } from '../../../shared/validation';
import { PREVIEW_URL_VALIDITY, TIKTOK_DOWNLOAD_NOTICE } from '../../../TikTok/legalNotices';
import { parseTaskIds, taskIdsSchema } from '../../descriptions';
import type { RefreshTask } from '../../refreshTasks';
import {
	readRefreshTasks,
	REFRESH_WAIT_DEFAULTS,
	refreshDownload,
	refreshTaskAdapter,
	refreshTaskJson,
	TASK_IDS_PER_READ,
	trackedTaskJson,
} from '../../refreshTasks';

const properties: INodeProperties[] = [
	{
		displayName: 'Task IDs',
		name: 'taskIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7412345678901234567, 7412345678901234568',
		description:
			'One or more refresh task IDs (task_ids from Refresh Task → Create), separated by commas. The IDs of all input items are read together, 5 per request.',
	},
	// A plain read by default; turn waiting on to resume after a create that timed out.
	...waitProperties(REFRESH_WAIT_DEFAULTS, 'every task').map((property) =>
		property.name === 'waitForCompletion' ? { ...property, default: false } : property,
	),
	...downloadProperties(TIKTOK_DOWNLOAD_NOTICE),
	{
		displayName: `One output item per task ID: task_id, status (SUBMITTED, PROCESSING, SUCCESS or FAILED), video_id, video_name, preview_url and aigc_video_type. video_id and preview_url are empty until SUCCESS. ${PREVIEW_URL_VALIDITY}`,
		name: 'getOutputNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['refreshTask'], operation: ['get'] } },
	properties,
);

const schema = z.object({ taskIds: taskIdsSchema });
const labels = { taskIds: 'Task IDs' };

function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size)
		chunks.push(values.slice(start, start + size));
	return chunks;
}

/**
 * Reads tasks 5 per request. A batch refused as a whole with a permanent error (one malformed or foreign ID can
 * do that) is read again one ID at a time, so that one bad ID does not fail the items that named the others.
 */
async function readAll(
	context: IExecuteFunctions,
	taskIds: string[],
	found: Map<string, RefreshTask>,
	problems: Map<string, unknown>,
): Promise<void> {
	for (const batch of chunk(taskIds, TASK_IDS_PER_READ)) {
		try {
			for (const task of await readRefreshTasks(context, batch))
				found.set(String(task.task_id), task);
		} catch (error) {
			if (batch.length > 1 && failureKind(error) === 'permanent') {
				for (const id of batch) await readAll(context, [id], found, problems);
			} else {
				for (const id of batch) problems.set(id, error);
			}
		}
	}
}

/** Without waiting: the current state of every task, whatever its status. */
async function readOnce(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	targets: JobTarget[],
): Promise<Map<number, INodeExecutionData[]>> {
	const found = new Map<string, RefreshTask>();
	const problems = new Map<string, unknown>();
	await readAll(this, [...new Set(targets.flatMap((target) => target.jobIds))], found, problems);

	const output = new Map<number, INodeExecutionData[]>();
	for (const { itemIndex, jobIds } of targets) {
		const problemId = jobIds.find((id) => problems.has(id) || !found.has(id));
		if (problemId === undefined) {
			output.set(
				itemIndex,
				jobIds.map((id) => ({
					json: refreshTaskJson(found.get(id), id),
					pairedItem: { item: itemIndex },
				})),
			);
			continue;
		}
		const error =
			problems.get(problemId) ??
			new NodeOperationError(this.getNode(), `TikTok has no refresh task with ID ${problemId}`, {
				itemIndex,
				description:
					'Check the ID: it is one of the task_ids returned by Refresh Task → Create, and tasks are only visible to the TikTok For Business account (credential) that created them.',
			});
		if (!this.continueOnFail()) throw withItemIndex.call(this, error, itemIndex);
		output.set(itemIndex, [failedItem(items[itemIndex], itemIndex, error, { task_ids: jobIds })]);
	}
	return output;
}

/**
 * GET /creative/aigc/video/task/list/ (always with aigc_video_type=REFRESH_VIDEO) for the task IDs of every item,
 * read together 5 per request; with Wait for Completion, through the job engine until every task has finished.
 * One output item per task ID, paired with the item that named it.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const output = new Map<number, INodeExecutionData[]>();
	const targets: JobTarget[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const input = validateParameters.call(
				this,
				schema,
				{ taskIds: parseTaskIds(this.getNodeParameter('taskIds', itemIndex)) },
				labels,
				itemIndex,
			);
			targets.push({ itemIndex, jobIds: input.taskIds });
		} catch (error) {
			if (!continueOnFail) throw withItemIndex.call(this, error, itemIndex);
			output.set(itemIndex, [failedItem(items[itemIndex], itemIndex, error)]);
		}
	}

	const wait = readWaitSettings.call(this, REFRESH_WAIT_DEFAULTS);
	let read: Map<number, INodeExecutionData[]>;
	if (wait.waitForCompletion) {
		const adapter = refreshTaskAdapter(this);
		const results = await waitForJobs.call(this, adapter, targets, {
			...wait,
			stopOnFirstError: !continueOnFail,
		});
		read = await jobResultsToItems.call(this, items, results, adapter, {
			jobIdsField: 'task_ids',
			toJson: trackedTaskJson,
			download: refreshDownload(this),
		});
	} else {
		read = await readOnce.call(this, items, targets);
	}

	return items.flatMap((_, itemIndex) => output.get(itemIndex) ?? read.get(itemIndex) ?? []);
}

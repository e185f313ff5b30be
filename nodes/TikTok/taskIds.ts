import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { parseIdList, validateParameters } from '../shared/validation';

/**
 * TikTok task IDs (after `parseIdList`): at least one, each a number written as a string. Video IDs, which start
 * with "v", are something else and get a message saying so. `createdBy` names the operation that returns them.
 */
export function taskIdsSchema(createdBy: string) {
	return z
		.array(z.string())
		.min(1, `needs at least one task ID (task_ids from ${createdBy})`)
		.superRefine((ids, context) => {
			const wrong = ids.find((id) => !/^\d+$/.test(id));
			if (wrong !== undefined) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `must hold task IDs, numbers such as 7412345678901234567; "${wrong.slice(0, 60)}" is not one${
						/^v/i.test(wrong) ? ' (IDs starting with "v" are video IDs, not task IDs)' : ''
					}`,
				});
			}
		});
}

/** The "Task IDs" field of the Get operations. */
export function taskIdsProperty(createdBy: string, example: string): INodeProperties {
	return {
		displayName: 'Task IDs',
		name: 'taskIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${example}`,
		description: `One or more task IDs (task_ids from ${createdBy}), separated by commas. The IDs of all input items are read together, 5 per request.`,
	};
}

/** The task IDs one item names, validated before anything is read. */
export function readTaskIds(
	context: IExecuteFunctions,
	itemIndex: number,
	createdBy: string,
	properties: INodeProperties[],
): string[] {
	const schema = z.object({ taskIds: taskIdsSchema(createdBy) });
	const value = { taskIds: parseIdList(context.getNodeParameter('taskIds', itemIndex)) };
	return validateParameters.call(context, schema, value, properties, itemIndex).taskIds;
}

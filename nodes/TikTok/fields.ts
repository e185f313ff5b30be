import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { parseIdList, validateParameters } from '../shared/validation';

/**
 * Notices TikTok's Creative GenAI API terms require before an end user uploads assets for AI generation and before
 * they download AI-generated assets (the Refresh Ads and Digital Avatar documentation, "Legal requirements for developers"). Not showing them
 * violates TikTok's Developer Terms, so every operation that uploads or offers a download shows them.
 */
export const TIKTOK_UPLOAD_NOTICE =
	"By uploading assets, you confirm that you have the necessary legal rights to these assets, the assets do not include any user generated content, and you are authorized to grant TikTok permission to scan and modify the assets. You may not upload any assets that would violate TikTok's Ad Policies or Community Guidelines.";

export const TIKTOK_DOWNLOAD_NOTICE =
	'If you choose to download and edit any output, you agree that such output can only be shared or published on TikTok-branded platforms, and that you will not intentionally remove or modify any watermarks contained therein.';

/** TikTok preview URLs last six hours; every field or output that carries one says so. */
export const PREVIEW_URL_VALIDITY =
	'Preview URLs expire six hours after they are issued; download or store the video before then (after that a new task is needed).';

/** The six-hour expiry, shown where an operation returns a preview URL. */
export const previewUrlNotice: INodeProperties = {
	displayName: PREVIEW_URL_VALIDITY,
	name: 'previewUrlNotice',
	type: 'notice',
	default: '',
};

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

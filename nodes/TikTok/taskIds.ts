import { z } from 'zod';

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

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executePerItem } from '../../../shared/items';
import { readRemainingCredits } from '../../credits';

export const option = {
	name: 'Get Remaining Credits',
	value: 'getRemainingCredits',
	action: 'Get the remaining credits',
	description: "Read the account's credit balance (free). Outputs remaining_credits.",
} as const;

export const properties: INodeProperties[] = [];

/** GET /api/remaining_credits/ → `{remaining_credits}`. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		() => ({}),
		async () => ({ remaining_credits: await readRemainingCredits.call(this) }),
	);
}

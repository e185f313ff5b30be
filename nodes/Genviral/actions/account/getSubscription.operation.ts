import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { executePerItem } from '../../../shared/items';
import { genviralRead } from '../../transport';

export const option = {
	name: 'Get Subscription',
	value: 'getSubscription',
	action: 'Get the subscription',
	description:
		'Get the plan and credits of the workspace. Outputs tier, status, credits_remaining, credits_limit, credits_used_this_period, credits_reset_at and credits.',
} as const;

export const properties: INodeProperties[] = [];

/**
 * The subscription in flat fields. The Partner API docs show `data.subscription` ({status, tier, billing_interval,
 * renews_at, credits}) next to `scope` and `workspace_id`; the fields are also read when they sit directly in
 * `data`.
 */
export function subscriptionJson(data: IDataObject): IDataObject {
	const subscription = (
		data.subscription && typeof data.subscription === 'object' ? data.subscription : data
	) as IDataObject;
	const credits = (
		subscription.credits && typeof subscription.credits === 'object' ? subscription.credits : {}
	) as IDataObject;
	const rest = { ...data };
	delete rest.subscription;
	return {
		...rest,
		...subscription,
		tier: subscription.tier ?? null,
		status: subscription.status ?? null,
		credits_remaining: credits.remaining ?? null,
		credits_limit: credits.limit ?? null,
		credits_used_this_period: credits.used_this_period ?? null,
		credits_reset_at: credits.reset_at ?? null,
		credits,
	};
}

/** GET /subscription — free; one output item per input item. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		() => undefined,
		async () => subscriptionJson(await genviralRead(this, '/subscription')),
	);
}

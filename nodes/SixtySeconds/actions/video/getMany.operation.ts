import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { toOptions, valuesOf } from '../../../shared/enums';
import { executePerItem } from '../../../shared/items';
import { emptyAsUndefined, validateParameters } from '../../../shared/validation';
import { sixtySecondsListAll } from '../../lists';
import { VIDEO_STATUSES } from '../../enums';

export const option = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many videos',
	description:
		"List the videos of your account, newest first, optionally by status. Outputs each video's ID, title, status, duration, creation time, URL and thumbnail.",
} as const;

export const properties: INodeProperties[] = [
	...paginationProperties(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: toOptions(VIDEO_STATUSES),
				default: 'published',
				description: 'Only videos with this status',
			},
		],
	},
];

const schema = z.object({
	status: z
		.enum(valuesOf(VIDEO_STATUSES), {
			errorMap: () => ({ message: 'must be draft, processing, published or failed' }),
		})
		.optional(),
});

/**
 * GET /videos with `status`, `page` and `limit` (at most 100 per page); Return All follows `pagination.next_page`
 * until the last page.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		(itemIndex) => {
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const { status } = validateParameters.call(
				this,
				schema,
				{ status: emptyAsUndefined(filters.status) },
				properties,
				itemIndex,
			);
			return { ...readPagination.call(this, itemIndex), qs: status ? { status } : {} };
		},
		async ({ limit, qs }) => await sixtySecondsListAll.call(this, '/videos', qs, limit),
	);
}

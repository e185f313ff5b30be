import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { executePerItem } from '../../../shared/items';
import { sixtySecondsListAll } from '../../lists';

export const option = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many templates',
	description:
		"List the templates of your account, optionally of one category. Outputs each template's ID, name, description, duration, thumbnail and preview URLs, category and available aspect ratios.",
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
				displayName: 'Category',
				name: 'category',
				type: 'string',
				default: '',
				placeholder: 'e.g. onboarding',
				description: 'Only templates of this category',
			},
		],
	},
];

/**
 * GET /templates with `category`, `page` and `limit` (at most 100 per page; SixtySeconds templates reference:
 * https://api.sixtyseconds.video/docs/api-reference/templates); Return All follows `pagination.next_page`.
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
			const category = String(filters.category ?? '').trim();
			return { ...readPagination.call(this, itemIndex), qs: category ? { category } : {} };
		},
		async ({ limit, qs }) => await sixtySecondsListAll.call(this, '/templates', qs, limit),
	);
}

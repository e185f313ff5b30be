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
import { SLIDESHOW_STATUSES } from '../../enums';
import { genviralListAll } from '../../lists';

export const option = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many slideshows',
	description:
		'List the slideshows of your workspace, newest first, filtered by status and title. Outputs the ID, title, status, slide_count, has_rendered_slide and preview_image_url of each slideshow.',
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
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. hook',
				description: 'Only slideshows whose title contains this text',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: toOptions(SLIDESHOW_STATUSES),
				default: 'draft',
				description: 'Only slideshows with this status',
			},
		],
	},
];

const filtersSchema = z.object({
	status: z
		.enum(valuesOf(SLIDESHOW_STATUSES), {
			errorMap: () => ({ message: 'must be "draft" or "rendered"' }),
		})
		.optional(),
	search: z.string().optional(),
});

/** GET /slideshows with `status`, `search` and limit/offset pages (up to 100 per page). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		(itemIndex) => {
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const { status, search } = validateParameters.call(
				this,
				filtersSchema,
				{
					status: emptyAsUndefined(filters.status),
					search: typeof filters.search === 'string' && filters.search ? filters.search : undefined,
				},
				properties,
				itemIndex,
			);
			const qs: IDataObject = {};
			if (status) qs.status = status;
			if (search) qs.search = search;
			return { ...readPagination.call(this, itemIndex), qs };
		},
		async ({ limit, qs }) => await genviralListAll(this, '/slideshows', 'slideshows', qs, limit),
	);
}

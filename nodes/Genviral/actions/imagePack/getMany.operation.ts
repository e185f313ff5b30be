import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { executePerItem } from '../../../shared/items';
import { genviralListAll } from '../../lists';

export const option = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many image packs',
	description:
		'List the image packs of your workspace, optionally with public packs. Outputs the ID, name, image_count, preview_image_url and is_public of each pack.',
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
				displayName: 'Include Public Packs',
				name: 'includePublic',
				type: 'boolean',
				default: true,
				description: "Whether to also list Genviral's public packs, not only your own",
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. fitness',
				description:
					'Only packs whose name, or the descriptions and keywords of their images, match this text',
			},
		],
	},
];

/** GET /packs with `search`, `include_public` and limit/offset pages (up to 100 per page). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		(itemIndex) => {
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const qs: IDataObject = {};
			if (typeof filters.search === 'string' && filters.search !== '') qs.search = filters.search;
			if (typeof filters.includePublic === 'boolean') qs.include_public = filters.includePublic;
			return { ...readPagination.call(this, itemIndex), qs };
		},
		async ({ limit, qs }) => await genviralListAll(this, '/packs', 'packs', qs, limit),
	);
}

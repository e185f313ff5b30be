import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { executePerItem } from '../../../shared/items';
import { linkJson } from '../../jobs';
import { creatifyListAll } from '../../lists';

export const option = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many links',
	description:
		'List the links of your account, newest first. Outputs ID, URL, title, description, image_urls, video_urls, logo_url, reviews per link.',
} as const;

export const properties: INodeProperties[] = [...paginationProperties()];

/** GET /api/links/paginated/ (100 per page), or the plain list GET /api/links/ where there is no paginated variant. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		(itemIndex) => readPagination.call(this, itemIndex),
		async ({ limit }) => (await creatifyListAll.call(this, '/links/', limit)).map(linkJson),
	);
}

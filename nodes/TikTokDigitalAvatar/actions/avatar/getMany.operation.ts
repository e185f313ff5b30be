import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { executePerItem } from '../../../shared/items';
import { tiktokListAll } from '../../../TikTok/lists';

export const option = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many avatars',
	description:
		'List the digital avatars of your account: avatar_id, avatar_name, avatar_thumbnail, avatar_preview_url',
} as const;

export const properties: INodeProperties[] = [...paginationProperties()];

/** GET /creative/digital_avatar/get/ — the digital avatars available to this TikTok For Business account. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		(itemIndex) => readPagination.call(this, itemIndex),
		async ({ limit }) => await tiktokListAll.call(this, '/creative/digital_avatar/get/', {}, limit),
	);
}

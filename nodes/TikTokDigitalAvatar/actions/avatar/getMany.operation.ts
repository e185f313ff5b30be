import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { mapEachItem } from '../../../shared/items';
import { PREVIEW_URL_VALIDITY } from '../../../TikTok/legalNotices';
import { TIKTOK_MAX_PAGE_SIZE, tiktokListAll } from '../../../TikTok/pagination';

const properties: INodeProperties[] = [
	{
		displayName: `Returns avatar_id, avatar_name, avatar_thumbnail and avatar_preview_url per avatar. ${PREVIEW_URL_VALIDITY}`,
		name: 'avatarListNotice',
		type: 'notice',
		default: '',
	},
	...paginationProperties(TIKTOK_MAX_PAGE_SIZE, 'avatars'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['avatar'], operation: ['getMany'] } },
	properties,
);

/** GET /creative/digital_avatar/get/ — the digital avatars available to this TikTok For Business account. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await mapEachItem.call(this, items, async (itemIndex) => {
		const { limit } = readPagination.call(this, itemIndex);
		return (await tiktokListAll.call(
			this,
			'/creative/digital_avatar/get/',
			{},
			limit,
		)) as IDataObject[];
	});
}

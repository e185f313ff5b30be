import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { mapEachItem } from '../../../shared/items';
import { PREVIEW_URL_VALIDITY } from '../../../TikTok/legalNotices';
import { TIKTOK_MAX_PAGE_SIZE, tiktokListAll } from '../../../TikTok/pagination';
import { REFRESH_VIDEO } from '../../refreshAds.enums';

const properties: INodeProperties[] = [
	...paginationProperties(TIKTOK_MAX_PAGE_SIZE, 'videos'),
	{
		displayName: `Returns aigc_video_type, video_id, video_name, create_time (UTC, YYYY-MM-DD HH:MM:SS) and preview_url per refreshed video; only videos whose task succeeded are listed. ${PREVIEW_URL_VALIDITY}`,
		name: 'videoListNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['refreshedVideo'], operation: ['getMany'] } },
	properties,
);

/**
 * GET /creative/aigc/video/list/ with aigc_video_types=["REFRESH_VIDEO"] (without it TikTok lists dubbed videos
 * only). TikTok answers `data: {}` while no refresh task has succeeded: that is an empty list, not an error.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await mapEachItem.call(this, items, async (itemIndex) => {
		const { limit } = readPagination.call(this, itemIndex);
		return await tiktokListAll.call(
			this,
			'/creative/aigc/video/list/',
			{ aigc_video_types: [REFRESH_VIDEO] },
			limit,
		);
	});
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { executePerItem } from '../../../shared/items';
import { previewUrlNotice } from '../../../TikTok/fields';
import { tiktokListAll } from '../../../TikTok/lists';
import { REFRESH_VIDEO } from '../../enums';

export const option = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many refreshed videos',
	description:
		'List the refreshed videos of your account (only tasks that succeeded). Outputs video_id, video_name, create_time (UTC) and preview_url per video.',
} as const;

export const properties: INodeProperties[] = [...paginationProperties(), previewUrlNotice];

/**
 * GET /creative/aigc/video/list/ with aigc_video_types=["REFRESH_VIDEO"] (without it TikTok lists dubbed videos
 * only). TikTok answers `data: {}` while no refresh task has succeeded: that is an empty list, not an error.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		(itemIndex) => readPagination.call(this, itemIndex),
		async ({ limit }) =>
			await tiktokListAll.call(
				this,
				'/creative/aigc/video/list/',
				{ aigc_video_types: [REFRESH_VIDEO] },
				limit,
			),
	);
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { executePerItem } from '../../../shared/items';
import { readSimplify, simplifyProperty } from '../../fields';
import { creatifyListAll } from '../../lists';
import { videoJson } from '../../jobs';

export const option = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many videos',
	description:
		'List the videos of your account, newest first. Outputs ID, name, status, video_output, video_thumbnail, editor_url (valid 24 hours) and credits_used per video.',
} as const;

export const properties: INodeProperties[] = [...paginationProperties(), simplifyProperty];

/** GET /api/link_to_videos/paginated/ (100 per page), or the plain list where there is no paginated variant. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		(itemIndex) => ({
			...readPagination.call(this, itemIndex),
			simplify: readSimplify.call(this, itemIndex),
		}),
		async ({ limit, simplify }) =>
			(await creatifyListAll.call(this, '/link_to_videos/', limit)).map((video) =>
				videoJson(video, simplify),
			),
	);
}

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { mapEachItem } from '../../../shared/items';
import { toUtcDate } from '../../../shared/validation';
import { PREVIEW_URL_VALIDITY } from '../../../TikTok/legalNotices';
import { TIKTOK_MAX_PAGE_SIZE, tiktokListAll } from '../../../TikTok/pagination';
import { avatarLocator } from '../../descriptions';

const properties: INodeProperties[] = [
	...paginationProperties(TIKTOK_MAX_PAGE_SIZE, 'videos'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			avatarLocator({ description: 'Only videos made with this avatar', required: false }),
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only videos created on or after this day (UTC)',
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Only videos created on or before this day (UTC)',
			},
		],
	},
	{
		displayName: `Returns avatar_video_id, video_name, create_time (UTC), preview_url, video_cover_url and avatar_id per video. ${PREVIEW_URL_VALIDITY}`,
		name: 'videoListNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['avatarVideo'], operation: ['getMany'] } },
	properties,
);

/** GET /creative/digital_avatar/video/list/ with the `filtering` object (JSON-encoded by the transport). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await mapEachItem.call(this, items, async (itemIndex) => {
		const { limit } = readPagination.call(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const filtering: IDataObject = {};
		if (filters.avatar) {
			const avatarId = this.getNodeParameter('filters.avatar', itemIndex, '', {
				extractValue: true,
			}) as string;
			if (avatarId) filtering.avatar_id = avatarId;
		}
		const startDate = toUtcDate(String(filters.startDate ?? ''));
		const endDate = toUtcDate(String(filters.endDate ?? ''));
		if (startDate) filtering.start_date = startDate;
		if (endDate) filtering.end_date = endDate;

		const qs = Object.keys(filtering).length ? { filtering } : {};
		return await tiktokListAll.call(this, '/creative/digital_avatar/video/list/', qs, limit);
	});
}

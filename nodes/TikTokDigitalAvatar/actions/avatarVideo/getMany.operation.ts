import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { paginationProperties, readPagination } from '../../../shared/descriptions';
import { executePerItem } from '../../../shared/items';
import { calendarDaySchema, validateParameters } from '../../../shared/validation';
import { previewUrlNotice } from '../../../TikTok/fields';
import { tiktokListAll } from '../../../TikTok/lists';
import { avatarIdSchema, avatarLocator } from '../../fields';

export const option = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many avatar videos',
	description:
		'List the avatar videos of your account, filtered by avatar and date. Outputs avatar_video_id, video_name, create_time (UTC), preview_url, video_cover_url and avatar_id per video.',
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
			avatarLocator({ description: 'Only videos made with this avatar', required: false }),
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				typeOptions: { dateOnly: true },
				default: '',
				description: 'Only videos created on or after this day',
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				typeOptions: { dateOnly: true },
				default: '',
				description: 'Only videos created on or before this day',
			},
		],
	},
	previewUrlNotice,
];

/** The filters; TikTok's days are a closed interval, and a start after the end is refused here first. */
const filtersSchema = z
	.object({
		avatar: z.preprocess(
			(value) =>
				value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value,
			avatarIdSchema.optional(),
		),
		startDate: calendarDaySchema,
		endDate: calendarDaySchema,
	})
	.superRefine(({ startDate, endDate }, context) => {
		if (startDate && endDate && startDate > endDate) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['startDate'],
				message: `must not be after End Date (${startDate} is after ${endDate})`,
			});
		}
	});

/**
 * GET /creative/digital_avatar/video/list/ with the `filtering` object (JSON-encoded by the transport). TikTok
 * takes the days as YYYY-MM-DD: the calendar days the user picked, whatever the server's time zone.
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
			const { avatar, startDate, endDate } = validateParameters.call(
				this,
				filtersSchema,
				{
					avatar: filters.avatar
						? this.getNodeParameter('filters.avatar', itemIndex, '', { extractValue: true })
						: undefined,
					startDate: filters.startDate,
					endDate: filters.endDate,
				},
				properties,
				itemIndex,
			);
			const filtering: IDataObject = {};
			if (avatar) filtering.avatar_id = avatar;
			if (startDate) filtering.start_date = startDate;
			if (endDate) filtering.end_date = endDate;
			return { ...readPagination.call(this, itemIndex), filtering };
		},
		async ({ limit, filtering }) =>
			await tiktokListAll.call(
				this,
				'/creative/digital_avatar/video/list/',
				Object.keys(filtering).length ? { filtering } : {},
				limit,
			),
	);
}

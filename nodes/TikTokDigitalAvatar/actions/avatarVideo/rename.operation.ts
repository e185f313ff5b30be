import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { executePerItem } from '../../../shared/items';
import { validateParameters } from '../../../shared/validation';
import { tiktokApiRequest } from '../../../TikTok/transport';

export const option = {
	name: 'Rename',
	value: 'rename',
	action: 'Rename an avatar video',
	description: 'Change the name of an avatar video',
} as const;

export const properties: INodeProperties[] = [
	{
		displayName: 'Avatar Video ID',
		name: 'avatarVideoId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. v10033g50000clop4gfog65trj42pavg',
		description: 'The avatar_video_id returned by Create or Get',
	},
	{
		displayName: 'New Name',
		name: 'fileName',
		type: 'string',
		required: true,
		default: '',
		description: 'The new name of the video, 1–100 characters. Duplicate names are allowed.',
	},
];

const schema = z.object({
	avatarVideoId: z.string().trim().min(1, 'is required'),
	fileName: z
		.string()
		.min(1, 'is required (1–100 characters)')
		.max(100, 'must be at most 100 characters (TikTok limit)'),
});

/**
 * POST /file/video/ad/update/ — renames a digital avatar video. Every item's new name is checked before the first
 * rename, so a bad row never leaves the batch half renamed.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		(itemIndex) =>
			validateParameters.call(
				this,
				schema,
				{
					avatarVideoId: this.getNodeParameter('avatarVideoId', itemIndex),
					fileName: this.getNodeParameter('fileName', itemIndex),
				},
				properties,
				itemIndex,
			),
		async ({ avatarVideoId, fileName }) => {
			await tiktokApiRequest.call(this, 'POST', '/file/video/ad/update/', {
				body: { avatar_video_id: avatarVideoId, file_name: fileName },
			});
			return { avatar_video_id: avatarVideoId, video_name: fileName, renamed: true };
		},
	);
}

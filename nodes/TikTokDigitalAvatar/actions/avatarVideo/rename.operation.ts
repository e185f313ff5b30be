import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { mapEachItem } from '../../../shared/items';
import { validateParameters } from '../../../shared/validation';
import { tiktokApiRequest } from '../../../TikTok/transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Avatar Video ID',
		name: 'avatarVideoId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. v10033g50000clop4gfog65trj42pavg',
		description: 'The avatar_video_id returned by Create or Get Task Status',
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

export const description = updateDisplayOptions(
	{ show: { resource: ['avatarVideo'], operation: ['rename'] } },
	properties,
);

const schema = z.object({
	avatarVideoId: z.string().trim().min(1, 'is required'),
	fileName: z
		.string()
		.min(1, 'must be 1–100 characters')
		.max(100, 'must be 1–100 characters (TikTok limit)'),
});
const labels = { avatarVideoId: 'Avatar Video ID', fileName: 'New Name' };

/** POST /file/video/ad/update/ — renames a digital avatar video. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await mapEachItem.call(this, items, async (itemIndex) => {
		const input = validateParameters.call(
			this,
			schema,
			{
				avatarVideoId: this.getNodeParameter('avatarVideoId', itemIndex),
				fileName: this.getNodeParameter('fileName', itemIndex),
			},
			labels,
			itemIndex,
		);
		await tiktokApiRequest.call(this, 'POST', '/file/video/ad/update/', {
			body: { avatar_video_id: input.avatarVideoId, file_name: input.fileName },
		});
		return { avatar_video_id: input.avatarVideoId, video_name: input.fileName, renamed: true };
	});
}

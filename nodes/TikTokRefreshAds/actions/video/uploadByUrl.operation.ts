import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { mapEachItem } from '../../../shared/items';
import { validateParameters } from '../../../shared/validation';
import { uploadNotice, videoUrlProperty, videoUrlSchema } from '../../descriptions';
import { uploadVideoByUrl } from '../../refreshTasks';

const properties: INodeProperties[] = [
	uploadNotice,
	videoUrlProperty(),
	{
		displayName:
			'Returns video_id (pass it to Refresh Task → Create, Source "Video ID") and video_url. Uploading is free; TikTok also accepts .mpeg and .avi here, but refresh tasks work best with .mp4 or .mov.',
		name: 'uploadOutputNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['uploadByUrl'] } },
	properties,
);

const schema = z.object({ videoUrl: videoUrlSchema });
const labels = { videoUrl: 'Video URL' };

/** POST /file/video/ad/upload/ (UPLOAD_BY_URL, use_scenario AIGC) — one upload per input item. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await mapEachItem.call(this, items, async (itemIndex) => {
		const input = validateParameters.call(
			this,
			schema,
			{ videoUrl: this.getNodeParameter('videoUrl', itemIndex) },
			labels,
			itemIndex,
		);
		const videoId = await uploadVideoByUrl(this, input.videoUrl);
		return { video_id: videoId, video_url: input.videoUrl };
	});
}

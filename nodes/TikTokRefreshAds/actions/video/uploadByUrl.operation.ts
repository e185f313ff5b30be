import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { executePerItem } from '../../../shared/items';
import { validateParameters } from '../../../shared/validation';
import { uploadNotice, videoUrlProperty, videoUrlSchema } from '../../fields';
import { uploadVideoByUrl } from '../../jobs';

export const option = {
	name: 'Upload by URL',
	value: 'uploadByUrl',
	action: 'Upload a video by URL',
	description:
		'Upload a video from a public URL to the TikTok stock library (free). Outputs the video_id a refresh task takes.',
} as const;

export const properties: INodeProperties[] = [uploadNotice, videoUrlProperty()];

const schema = z.object({ videoUrl: videoUrlSchema });

/** POST /file/video/ad/upload/ (UPLOAD_BY_URL, use_scenario AIGC) — one upload per input item. */
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
				{ videoUrl: this.getNodeParameter('videoUrl', itemIndex) },
				properties,
				itemIndex,
			),
		async ({ videoUrl }) => ({
			video_id: await uploadVideoByUrl(this, videoUrl),
			video_url: videoUrl,
		}),
	);
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { downloadProperties, reuseProperties, waitProperties } from '../../../shared/descriptions';
import { renderEstimate } from '../../credits';
import {
	aspectRatioProperty,
	captionSettingsProperty,
	checkCreditsProperty,
	simplifyProperty,
	sourceProperties,
	videoAdditionalFields,
	videoMainProperties,
	visualStyleProperty,
} from '../../descriptions';
import { createFromLinks, readPlannedVideo } from '../../videoCreates';
import { VIDEO_WAIT_DEFAULTS } from '../../videoJobs';
import { aspectRatioSchema, chargedSettings } from '../../videoSettings';

export const option = {
	name: 'Create',
	value: 'create',
	action: 'Create a video from a product',
	description:
		'Make a video ad from a product URL or link, one per input item. Outputs ID, status, video_output, video_thumbnail, editor_url (valid 24 hours) and credits_used.',
} as const;

export const properties: INodeProperties[] = [
	...sourceProperties,
	aspectRatioProperty,
	...videoMainProperties,
	visualStyleProperty,
	videoAdditionalFields,
	captionSettingsProperty,
	checkCreditsProperty,
	...waitProperties(VIDEO_WAIT_DEFAULTS, 'every video'),
	...downloadProperties(),
	...reuseProperties('video'),
	simplifyProperty,
];

/**
 * POST /api/link_to_videos/ — one video per input item, from its product URL (the link is made in the same step)
 * or its link ID; waited for together and optionally downloaded.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await createFromLinks.call(this, items, {
		endpoint: '/link_to_videos/',
		plan: (itemIndex) =>
			readPlannedVideo.call(this, itemIndex, properties, {
				shape: { aspectRatio: aspectRatioSchema },
				read: (index) => ({ aspectRatio: this.getNodeParameter('aspectRatio', index, '9x16') }),
				body: ({ aspectRatio }) => ({ aspect_ratio: aspectRatio }),
			}),
		estimate: (body) => {
			const { model, videoLength } = chargedSettings(body);
			return renderEstimate(model, videoLength);
		},
		waitDefaults: VIDEO_WAIT_DEFAULTS,
		download: true,
	});
}

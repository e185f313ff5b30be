import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { reuseProperties, waitProperties } from '../../../shared/descriptions';
import { previewCredits } from '../../creatify.enums';
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
import { PREVIEW_WAIT_DEFAULTS, previewState } from '../../videoJobs';
import { aspectRatioSchema, chargedSettings } from '../../videoSettings';

export const option = {
	name: 'Create Preview',
	value: 'createPreview',
	action: 'Create a video preview',
	description:
		'Make one preview of a video (1 credit per 30 s) to check before paying for the render. Outputs ID, status, preview (an embeddable page URL) and credits_used; render it with "Render".',
} as const;

export const properties: INodeProperties[] = [
	...sourceProperties,
	aspectRatioProperty,
	...videoMainProperties,
	visualStyleProperty,
	videoAdditionalFields,
	captionSettingsProperty,
	checkCreditsProperty,
	...waitProperties(PREVIEW_WAIT_DEFAULTS, 'the preview page', { waitByDefault: false }),
	...reuseProperties('preview'),
	simplifyProperty,
];

/**
 * POST /api/link_to_videos/preview/ — one preview per input item. Creatify's answer carries the preview page URL
 * (`preview`); Wait for Completion waits until it is there, for an answer that does not carry it yet.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await createFromLinks.call(this, items, {
		endpoint: '/link_to_videos/preview/',
		plan: (itemIndex) =>
			readPlannedVideo.call(this, itemIndex, properties, {
				shape: { aspectRatio: aspectRatioSchema },
				read: (index) => ({ aspectRatio: this.getNodeParameter('aspectRatio', index, '9x16') }),
				body: ({ aspectRatio }) => ({ aspect_ratio: aspectRatio }),
			}),
		estimate: (body) => {
			const { videoLength } = chargedSettings(body);
			return { what: `preview (${videoLength} s)`, credits: previewCredits(videoLength) };
		},
		waitDefaults: PREVIEW_WAIT_DEFAULTS,
		state: previewState,
		download: false,
	});
}

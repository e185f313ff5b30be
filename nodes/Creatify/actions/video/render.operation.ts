import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { downloadProperties, reuseProperties, waitProperties } from '../../../shared/descriptions';
import { validateParameters } from '../../../shared/validation';
import { checkCreditsProperty, simplifyProperty, uuidSchema, videoIdProperty } from '../../fields';
import { runRenders, VIDEO_WAIT_DEFAULTS } from '../../jobs';
import { creatifyApiRequest } from '../../transport';

export const option = {
	name: 'Render',
	value: 'render',
	action: 'Render a video preview',
	description:
		'Render the video of a preview made with "Create Preview" (charged like a video). Outputs ID, status, video_output, video_thumbnail, editor_url (valid 24 hours) and credits_used.',
} as const;

export const properties: INodeProperties[] = [
	videoIdProperty('The id of a preview made with "Video → Create Preview"'),
	checkCreditsProperty,
	...waitProperties(VIDEO_WAIT_DEFAULTS, 'every video'),
	...downloadProperties(),
	...reuseProperties('render'),
	simplifyProperty,
];

const schema = z.object({ videoId: uuidSchema('video') });

/** POST /api/link_to_videos/{id}/render/ (no body) — one render per input item, waited for together. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runRenders.call(this, items, {
		plan: (itemIndex) => {
			const { videoId } = validateParameters.call(
				this,
				schema,
				{ videoId: this.getNodeParameter('videoId', itemIndex) },
				properties,
				itemIndex,
			);
			return { videoId };
		},
		submit: async ({ videoId }) =>
			await creatifyApiRequest.call(this, 'POST', `/link_to_videos/${videoId}/render/`),
	});
}

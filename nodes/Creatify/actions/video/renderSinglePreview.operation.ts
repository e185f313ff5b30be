import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { downloadProperties, reuseProperties, waitProperties } from '../../../shared/descriptions';
import { validateParameters } from '../../../shared/validation';
import { checkCreditsProperty, simplifyProperty, uuidSchema, videoIdProperty } from '../../fields';
import { runRenders, VIDEO_WAIT_DEFAULTS } from '../../jobs';
import { creatifyApiRequest } from '../../transport';

export const option = {
	name: 'Render Single Preview',
	value: 'renderSinglePreview',
	action: 'Render one of several video previews',
	description:
		'Render the one preview you picked among those made with "Create Previews". Outputs ID, status, video_output, video_thumbnail, editor_url (valid 24 hours) and credits_used.',
} as const;

export const properties: INodeProperties[] = [
	videoIdProperty('The video_id of the previews, from "Video → Create Previews"'),
	{
		displayName: 'Media Job',
		name: 'mediaJob',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0b7d7e39-3f1c-4d7e-9a59-6d2f1a000001',
		description: 'The media_job of the preview to render (one output item of "Create Previews")',
	},
	checkCreditsProperty,
	...waitProperties(VIDEO_WAIT_DEFAULTS, 'every video'),
	...downloadProperties(),
	...reuseProperties('render'),
	simplifyProperty,
];

const schema = z.object({ videoId: uuidSchema('video'), mediaJob: uuidSchema('media job') });

/**
 * POST /api/link_to_videos/{id}/render_single_preview/ `{media_job}` — one render per input item, waited for
 * together. Creatify renders the chosen preview's visual style and aspect ratio.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runRenders.call(this, items, {
		plan: (itemIndex) =>
			validateParameters.call(
				this,
				schema,
				{
					videoId: this.getNodeParameter('videoId', itemIndex),
					mediaJob: this.getNodeParameter('mediaJob', itemIndex),
				},
				properties,
				itemIndex,
			),
		submit: async ({ videoId, mediaJob }) =>
			await creatifyApiRequest.call(
				this,
				'POST',
				`/link_to_videos/${videoId}/render_single_preview/`,
				{ body: { media_job: mediaJob } },
			),
	});
}

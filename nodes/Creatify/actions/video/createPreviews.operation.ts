import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { reuseProperties, waitProperties } from '../../../shared/descriptions';
import { toOptions, valuesOf } from '../../../shared/enums';
import { enumSchema, parseIdList } from '../../../shared/validation';
import { ASPECT_RATIOS, previewCredits, VISUAL_STYLES } from '../../enums';
import {
	captionSettingsProperty,
	chargedSettings,
	checkCreditsProperty,
	sourceProperties,
	videoAdditionalFields,
	videoMainProperties,
} from '../../fields';
import {
	createFromLinks,
	PREVIEW_WAIT_DEFAULTS,
	previewsState,
	readPlannedVideo,
} from '../../jobs';

export const option = {
	name: 'Create Previews',
	value: 'createPreviews',
	action: 'Create video previews',
	description:
		'Make previews in several visual styles and aspect ratios at once (1 credit per 30 s for all of them). Outputs one item per preview: video_id, media_job, visual_style, aspect_ratio, URL, editor_url; render one with "Render Single Preview".',
} as const;

export const properties: INodeProperties[] = [
	...sourceProperties,
	{
		displayName: 'Visual Styles',
		name: 'visualStyles',
		type: 'multiOptions',
		options: toOptions(VISUAL_STYLES),
		default: [],
		description:
			'The templates to preview; one preview per style and aspect ratio. Leave empty to let Creatify choose. An expression may give other template names (a list, or text separated by commas).',
	},
	{
		displayName: 'Aspect Ratios',
		name: 'aspectRatios',
		type: 'multiOptions',
		options: toOptions(ASPECT_RATIOS),
		default: ['9x16'],
		description: 'The shapes to preview; one preview per style and aspect ratio',
	},
	...videoMainProperties,
	videoAdditionalFields,
	captionSettingsProperty,
	checkCreditsProperty,
	...waitProperties(PREVIEW_WAIT_DEFAULTS, 'the previews'),
	...reuseProperties('previews'),
];

const previewListShape = {
	visualStyles: z
		.array(z.string().trim().min(1).max(255, 'must hold names of at most 255 characters'), {
			invalid_type_error: 'must be a list of template names, or text separated by commas',
		})
		.max(50, 'must hold at most 50 styles'),
	aspectRatios: z.array(
		enumSchema(valuesOf(ASPECT_RATIOS), "must hold Creatify's aspect ratios only: 9x16, 16x9, 1x1"),
		{ invalid_type_error: 'must be a list of aspect ratios, or text separated by commas' },
	),
};

/**
 * A list from the dropdown, or from an expression as a list or as text separated by commas. Anything else (a number,
 * an object) is left as it is, for the schema to refuse with the field's name.
 */
function listParameter(this: IExecuteFunctions, name: string, itemIndex: number): unknown {
	const value = this.getNodeParameter(name, itemIndex, []) as unknown;
	if (value === null || value === undefined) return [];
	const texts =
		typeof value === 'string' ||
		(Array.isArray(value) && value.every((entry) => typeof entry === 'string'));
	return texts ? parseIdList(value) : value;
}

/**
 * POST /api/link_to_videos/preview_list_async/ — one job per input item with a preview per visual style × aspect
 * ratio. Wait for Completion waits until the previews are there, which is before the job's status says done (the
 * previews are ready while it is still pending).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await createFromLinks.call(this, items, {
		endpoint: '/link_to_videos/preview_list_async/',
		plan: (itemIndex) =>
			readPlannedVideo.call(this, itemIndex, properties, {
				shape: previewListShape,
				visualStyle: false,
				read: (index) =>
					({
						visualStyles: listParameter.call(this, 'visualStyles', index),
						aspectRatios: listParameter.call(this, 'aspectRatios', index),
					}) as IDataObject,
				body: ({ visualStyles, aspectRatios }) => {
					const body: IDataObject = {};
					if (visualStyles.length) body.visual_styles = visualStyles;
					if (aspectRatios.length) body.aspect_ratios = aspectRatios;
					return body;
				},
			}),
		estimate: (body) => {
			const { videoLength } = chargedSettings(body);
			return { what: `set of previews (${videoLength} s)`, credits: previewCredits(videoLength) };
		},
		waitDefaults: PREVIEW_WAIT_DEFAULTS,
		state: previewsState,
		previews: true,
		download: false,
	});
}

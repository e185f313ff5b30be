import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { waitProperties } from '../../../shared/descriptions';
import { planItems } from '../../../shared/items';
import { isUuid, validateParameters } from '../../../shared/validation';
import { downloadImagesProperties, locatorValue, slideshowLocator } from '../../fields';
import { RENDER_WAIT_DEFAULTS, renderSlideshows } from '../../jobs';

export const option = {
	name: 'Render',
	value: 'render',
	action: 'Render a slideshow',
	description:
		"Render a slideshow to images, one per input item, and wait until it is rendered. Outputs the slideshow's ID, status, preview_image_url, last_rendered_at, slide_count and rendered_image_urls.",
} as const;

export const properties: INodeProperties[] = [
	slideshowLocator({
		required: true,
		description:
			'The slideshow to render, e.g. the slideshow_id of "Copy from TikTok" (use By ID with an expression)',
	}),
	...waitProperties(RENDER_WAIT_DEFAULTS, 'every slideshow render'),
	...downloadImagesProperties(),
];

const schema = z.object({
	slideshow: z
		.string()
		.trim()
		.min(1, 'is required: choose a slideshow from the list or enter its ID')
		.refine(isUuid, 'must be a slideshow ID, a UUID such as 2ab58bb0-0c39-45c0-a4d5-b6852f9d7fc0'),
});

/**
 * POST /slideshows/{id}/render — one render per input item (about 2–5 seconds per slide), a few at a time; with
 * Wait for Completion (on by default) GET /slideshows/{id} confirms each one is `rendered` and picks up the
 * rendered slideshow. Every slideshow ID is checked before the first render.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(
		this,
		items,
		(itemIndex) =>
			validateParameters.call(
				this,
				schema,
				{ slideshow: locatorValue(this, 'slideshow', itemIndex) },
				properties,
				itemIndex,
			).slideshow,
	);

	const rendered = await renderSlideshows.call(this, items, planned);
	output.add(rendered);
	return output.inInputOrder();
}

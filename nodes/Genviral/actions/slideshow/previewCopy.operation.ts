import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { planItems } from '../../../shared/items';
import { validateParameters } from '../../../shared/validation';
import { previewEach } from '../../jobs';
import { TIKTOK_URL_EXAMPLE, tiktokUrlSchema } from '../../fields';
import { MAX_IMPORTED_SLIDES } from '../../enums';

export const option = {
	name: 'Preview Copy',
	value: 'previewCopy',
	action: 'Preview a TikTok slideshow copy',
	description:
		'Check a TikTok post before copying it, for free. Outputs preview_id (valid about 10 minutes), source_url, images, slide_count, total_slides, capped and estimated_credits.',
} as const;

export const properties: INodeProperties[] = [
	{
		displayName: 'TikTok URL',
		name: 'tiktokUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${TIKTOK_URL_EXAMPLE}`,
		description: `Link of a TikTok photo (slideshow) post, full or short (vm.tiktok.com). The preview shows the slides a copy would take (at most ${MAX_IMPORTED_SLIDES}) and what it would cost; it spends no credits.`,
	},
];

const schema = z.object({ tiktokUrl: tiktokUrlSchema });

/**
 * POST /slideshows/copy-tiktok/preview — one preview per input item, free and cached by Genviral for 10 minutes
 * (its `preview_id` can be given to "Copy from TikTok"). Previews go a few at a time, like a copy's previews.
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
				{ tiktokUrl: this.getNodeParameter('tiktokUrl', itemIndex) },
				properties,
				itemIndex,
			).tiktokUrl,
	);
	const previews = await previewEach(
		this,
		planned.map(({ itemIndex, request }) => ({ itemIndex, url: request })),
	);
	for (const { itemIndex } of planned) {
		const outcome = previews.get(itemIndex);
		if (outcome?.error !== undefined) output.fail(itemIndex, outcome.error);
		else if (outcome?.preview) output.set(itemIndex, outcome.preview);
	}
	return output.inInputOrder();
}

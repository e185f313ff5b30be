import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { executePerItem } from '../../../shared/items';
import { validateParameters } from '../../../shared/validation';
import { createLinkFromUrl } from '../../jobs';
import { httpUrl } from '../../fields';

export const option = {
	name: 'Create from URL',
	value: 'createFromUrl',
	action: 'Create a link from a product URL',
	description:
		'Let Creatify read a product page into a link (free). Outputs the link: ID, URL, title, description, image_urls, video_urls, logo_url, reviews.',
} as const;

export const properties: INodeProperties[] = [
	{
		displayName: 'Product URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://shop.example.com/products/kettle',
		description:
			'The public product page Creatify reads title, description, images and videos from',
	},
];

const schema = z.object({ url: httpUrl('the product page') });

/** POST /api/links/ `{url}` — one link per input item. */
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
				{ url: this.getNodeParameter('url', itemIndex) },
				properties,
				itemIndex,
			),
		async ({ url }) => await createLinkFromUrl(this, url),
	);
}

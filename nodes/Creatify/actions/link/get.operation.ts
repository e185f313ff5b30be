import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { executePerItem } from '../../../shared/items';
import { validateParameters } from '../../../shared/validation';
import { linkLocator, uuidSchema } from '../../fields';
import { linkJson } from '../../jobs';
import { creatifyApiRequest } from '../../transport';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get a link',
	description:
		'Get a link by ID. Outputs ID, URL, title, description, image_urls, video_urls, logo_url, reviews.',
} as const;

export const properties: INodeProperties[] = [linkLocator({ required: true })];

const schema = z.object({ link: uuidSchema('link') });

/** GET /api/links/{id}/ — one link per input item. */
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
				{ link: this.getNodeParameter('link', itemIndex, '', { extractValue: true }) },
				properties,
				itemIndex,
			),
		async ({ link }) => linkJson(await creatifyApiRequest.call(this, 'GET', `/links/${link}/`)),
	);
}

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { executePerItem } from '../../../shared/items';
import { validateParameters } from '../../../shared/validation';
import { templateIdSchema, templateLocator } from '../../fields';
import { sixtySecondsApiRequest } from '../../transport';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get a template',
	description:
		'Get one template. Outputs its ID, name, description, duration, thumbnail and preview URLs, category and available aspect ratios.',
} as const;

export const properties: INodeProperties[] = [templateLocator({ required: true })];

const schema = z.object({ template: templateIdSchema });

/** GET /templates/{template_id} — one template per input item. */
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
				{ template: this.getNodeParameter('template', itemIndex, '', { extractValue: true }) },
				properties,
				itemIndex,
			),
		async ({ template }) =>
			(await sixtySecondsApiRequest.call(
				this,
				'GET',
				`/templates/${encodeURIComponent(template)}`,
			)) as IDataObject,
	);
}

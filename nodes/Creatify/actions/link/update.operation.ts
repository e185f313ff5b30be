import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { executePerItem } from '../../../shared/items';
import { validateParameters } from '../../../shared/validation';
import {
	linkFieldProperties,
	linkFieldsSchema,
	linkLocator,
	linkRequestBody,
	rawLinkFields,
	uuidSchema,
} from '../../fields';
import { linkJson } from '../../jobs';
import { creatifyApiRequest } from '../../transport';

export const option = {
	name: 'Update',
	value: 'update',
	action: 'Update a link',
	description:
		"Change a link's title, description, images, videos, logo or reviews before making videos from it. Outputs the updated link.",
} as const;

export const properties: INodeProperties[] = [
	linkLocator({ required: true }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			linkFieldProperties.description,
			linkFieldProperties.imageUrls,
			linkFieldProperties.logoUrl,
			linkFieldProperties.reviews,
			linkFieldProperties.title,
			linkFieldProperties.videoUrls,
		],
	},
];

const schema = linkFieldsSchema
	.partial()
	.extend({ link: uuidSchema('link') })
	.superRefine((fields, context) => {
		if (Object.keys(fields).length === 1) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['updateFields'],
				message: 'needs at least one field to change',
			});
		}
	});

/**
 * PUT /api/links/{id}/ with the fields given — one link per input item. Every item is checked before the first
 * update, so a bad row never leaves the batch half updated.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		(itemIndex) => {
			const { link, ...fields } = validateParameters.call(
				this,
				schema,
				{
					link: this.getNodeParameter('link', itemIndex, '', { extractValue: true }),
					...rawLinkFields(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject),
				},
				properties,
				itemIndex,
			);
			return { link, body: linkRequestBody(fields) };
		},
		async ({ link, body }) =>
			linkJson(await creatifyApiRequest.call(this, 'PUT', `/links/${link}/`, { body })),
	);
}

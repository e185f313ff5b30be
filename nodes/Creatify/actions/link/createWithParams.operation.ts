import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { planItems } from '../../../shared/items';
import { validateParameters } from '../../../shared/validation';
import { LINK_WITH_PARAMS_CREDITS } from '../../enums';
import { checkCreditsFirst } from '../../credits';
import {
	checkCreditsProperty,
	linkFieldProperties,
	linkFieldsSchema,
	linkRequestBody,
	MIN_IMAGES_WITHOUT_VIDEOS,
	rawLinkFields,
} from '../../fields';
import { linkJson } from '../../jobs';
import { creatifyApiRequest } from '../../transport';

export const option = {
	name: 'Create with Parameters',
	value: 'createWithParams',
	action: 'Create a link from product details',
	description:
		'Describe a product yourself instead of letting Creatify read a page (1 credit per link). Outputs the link: ID, title, description, image_urls, video_urls, logo_url, reviews.',
} as const;

export const properties: INodeProperties[] = [
	{
		displayName:
			'Each link made this way costs 1 Creatify credit. Without videos, Creatify needs at least 3 image URLs.',
		name: 'costNotice',
		type: 'notice',
		default: '',
	},
	{ ...linkFieldProperties.title, required: true },
	linkFieldProperties.imageUrls,
	linkFieldProperties.videoUrls,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			linkFieldProperties.description,
			linkFieldProperties.logoUrl,
			linkFieldProperties.reviews,
		],
	},
	checkCreditsProperty,
];

const schema = linkFieldsSchema.superRefine((fields, context) => {
	const videos = fields.videoUrls?.length ?? 0;
	const images = fields.imageUrls?.length ?? 0;
	if (videos === 0 && images < MIN_IMAGES_WITHOUT_VIDEOS) {
		context.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['imageUrls'],
			message: `must hold at least ${MIN_IMAGES_WITHOUT_VIDEOS} URLs when there are no video URLs (Creatify needs them to make a video); there ${images === 1 ? 'is' : 'are'} ${images}`,
		});
	}
});

/**
 * POST /api/links/link_with_params/ — one link per input item, 1 credit each. Every item is checked before the
 * first request, so a bad row never costs a credit.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(this, items, (itemIndex) => {
		const fields = validateParameters.call(
			this,
			schema,
			rawLinkFields({
				title: this.getNodeParameter('title', itemIndex),
				imageUrls: this.getNodeParameter('imageUrls', itemIndex, ''),
				videoUrls: this.getNodeParameter('videoUrls', itemIndex, ''),
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as object),
			}),
			properties,
			itemIndex,
		);
		return linkRequestBody(fields);
	});
	await checkCreditsFirst.call(
		this,
		planned.map(() => ({ what: 'link with parameters', credits: LINK_WITH_PARAMS_CREDITS })),
	);
	for (const { itemIndex, request } of planned) {
		try {
			output.set(
				itemIndex,
				linkJson(
					await creatifyApiRequest.call(this, 'POST', '/links/link_with_params/', {
						body: request,
					}),
				),
			);
		} catch (error) {
			output.fail(itemIndex, error);
		}
	}
	return output.inInputOrder();
}

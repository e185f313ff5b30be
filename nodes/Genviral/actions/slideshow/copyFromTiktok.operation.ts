import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { reuseProperties } from '../../../shared/descriptions';
import { toOptions, valuesOf } from '../../../shared/enums';
import { planItems } from '../../../shared/items';
import {
	enumSchema,
	isHttpUrl,
	isUuid,
	optionalText,
	validateParameters,
} from '../../../shared/validation';
import type { CopyPlan } from '../../jobs';
import { runCopies } from '../../jobs';
import {
	locatorValue,
	packLocator,
	parseUrlList,
	TIKTOK_URL_EXAMPLE,
	tiktokUrlSchema,
	uuidSchema,
} from '../../fields';
import { BACKGROUND_SOURCES, MAX_IMPORTED_SLIDES, PACK_IMAGES_MAX, TITLE_MAX } from '../../enums';

export const option = {
	name: 'Copy from TikTok',
	value: 'copyFromTiktok',
	action: 'Copy a TikTok slideshow into a draft',
	description:
		'Copy a TikTok photo slideshow into an editable Genviral draft with your own background images (costs credits). Outputs slideshow_id, slideshow, slide_count, total_slides, capped, credits_used, used_cached_preview and preview_id.',
} as const;

export const properties: INodeProperties[] = [
	{
		displayName: 'TikTok URL',
		name: 'tiktokUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${TIKTOK_URL_EXAMPLE}`,
		description: `Link of a TikTok photo (slideshow) post, full or short (vm.tiktok.com). At most ${MAX_IMPORTED_SLIDES} slides are copied; their text is read from the images and becomes editable text.`,
	},
	{
		displayName: 'Background Images',
		name: 'backgroundImages',
		type: 'options',
		noDataExpression: true,
		options: toOptions(BACKGROUND_SOURCES),
		default: 'pack',
		description: 'Where the images behind the copied text come from: one or the other, never both',
	},
	packLocator({ required: true, displayOptions: { show: { backgroundImages: ['pack'] } } }),
	{
		displayName: 'Image URLs',
		name: 'imageUrls',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		displayOptions: { show: { backgroundImages: ['urls'] } },
		placeholder: 'e.g. https://cdn.example.com/bg-1.jpg\nhttps://cdn.example.com/bg-2.jpg',
		description: `1–${PACK_IMAGES_MAX} public http(s) image URLs, one per line or separated by commas; or an expression returning a list`,
	},
	{
		displayName: 'Preview First',
		name: 'previewFirst',
		type: 'boolean',
		default: true,
		description:
			'Whether to preview each post for free before importing it, so a post that is not a photo slideshow fails before any credit is spent; the import then reuses the preview',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Preview ID',
				name: 'previewId',
				type: 'string',
				default: '',
				placeholder: 'e.g. a8d34c8b-6f31-4f04-8b62-6f01708af952',
				description:
					'A preview_id from "Preview Copy" of the same URL (valid about 10 minutes); the import reuses it and no new preview is made',
			},
			{
				displayName: 'Product ID',
				name: 'productId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 44444444-4444-4444-8444-444444444444',
				description: 'ID (UUID) of a Genviral product to attach to the draft',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: `Title of the draft, up to ${TITLE_MAX} characters. Default: Genviral's own title.`,
			},
		],
	},
	...reuseProperties('slideshow copy'),
];

/** One item's fields, keyed by parameter name (exported for the unit tests). */
export const copySchema = z
	.object({
		tiktokUrl: tiktokUrlSchema,
		backgroundImages: enumSchema(
			valuesOf(BACKGROUND_SOURCES),
			'must be "pack" (Image Pack) or "urls" (Image URLs)',
		),
		imagePack: z.string().trim().optional(),
		imageUrls: z.array(z.string()).optional(),
		previewFirst: z.boolean({ invalid_type_error: 'must be true or false' }),
		title: z
			.string()
			.max(TITLE_MAX, `must be at most ${TITLE_MAX} characters (Genviral limit)`)
			.optional(),
		productId: uuidSchema('product'),
		previewId: uuidSchema('preview'),
	})
	.superRefine((input, context) => {
		if (input.backgroundImages === 'pack') {
			if (!input.imagePack) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['imagePack'],
					message: 'is required: choose an image pack from the list or enter its ID',
				});
			} else if (!isUuid(input.imagePack)) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['imagePack'],
					message: `must be an image pack ID, a UUID such as 11111111-1111-1111-1111-111111111111 (got "${input.imagePack.slice(0, 60)}")`,
				});
			}
			return;
		}
		const urls = input.imageUrls ?? [];
		const wrong = urls.find((url) => !isHttpUrl(url));
		if (urls.length === 0) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['imageUrls'],
				message: `needs at least one image URL (1–${PACK_IMAGES_MAX})`,
			});
		} else if (urls.length > PACK_IMAGES_MAX) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['imageUrls'],
				message: `must hold at most ${PACK_IMAGES_MAX} image URLs (Genviral limit); got ${urls.length}`,
			});
		} else if (wrong !== undefined) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['imageUrls'],
				message: `must hold http(s) image URLs; "${wrong.slice(0, 100)}" is not one`,
			});
		}
	});

function readCopy(this: IExecuteFunctions, itemIndex: number): CopyPlan {
	const source = this.getNodeParameter('backgroundImages', itemIndex) as string;
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input = validateParameters.call(
		this,
		copySchema,
		{
			tiktokUrl: this.getNodeParameter('tiktokUrl', itemIndex),
			backgroundImages: source,
			// Only the chosen source is read, so a copy can never carry both (Genviral's pack_source_conflict).
			imagePack: source === 'pack' ? locatorValue(this, 'imagePack', itemIndex) : undefined,
			imageUrls:
				source === 'urls'
					? parseUrlList(this.getNodeParameter('imageUrls', itemIndex, ''))
					: undefined,
			previewFirst: this.getNodeParameter('previewFirst', itemIndex, true),
			title: optionalText(additionalFields.title),
			productId: optionalText(additionalFields.productId),
			previewId: optionalText(additionalFields.previewId),
		},
		properties,
		itemIndex,
	);
	return {
		url: input.tiktokUrl,
		backgrounds:
			input.backgroundImages === 'pack'
				? { pack_id: input.imagePack as string }
				: { pack_images: input.imageUrls as string[] },
		title: input.title,
		productId: input.productId,
		previewId: input.previewId,
		previewFirst: input.previewFirst,
	};
}

/**
 * POST /slideshows/copy-tiktok/import — one draft per input item; paid (Genviral's import docs: it "deducts copy credits").
 *
 * 1. Every item is validated before anything is sent: a link that is not TikTok's, a missing or malformed image
 *    pack, no or too many image URLs, a title over 200 characters cost nothing.
 * 2. Free checks for every item before the first import: each image pack is read once (missing or empty packs fail
 *    their items), and with Preview First each post is previewed (POST /slideshows/copy-tiktok/preview), which fails
 *    a post that is not a photo slideshow; the import then reuses the preview (`preview_id`).
 * 3. The imports, a few at a time. An import is never sent twice once Genviral may have accepted it (see
 *    `importAdapter`).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(this, items, (itemIndex) => readCopy.call(this, itemIndex));
	await runCopies(this, planned, output);
	return output.inInputOrder();
}

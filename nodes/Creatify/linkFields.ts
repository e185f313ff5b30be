import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { httpUrl } from './videoSettings';

/**
 * The fields of a link described by parameters (`POST /api/links/link_with_params/`, `PUT /api/links/{id}/`):
 * title (up to 1,000 characters), description, image URLs, video URLs, logo URL (up to 200) and reviews
 * (docs.creatify.ai, Links → link with params).
 */

const TITLE_MAX = 1000;
const LOGO_URL_MAX = 200;
/** Without videos, Creatify needs at least this many images to make a video from the link. */
export const MIN_IMAGES_WITHOUT_VIDEOS = 3;

export const linkFieldProperties: Record<string, INodeProperties> = {
	title: {
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Steel Kettle 1.7 L',
		description: 'The product name, up to 1,000 characters',
	},
	description: {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'What the product is and does; the AI writes the script from it',
	},
	imageUrls: {
		displayName: 'Image URLs',
		name: 'imageUrls',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. https://cdn.example.com/kettle-1.jpg, https://cdn.example.com/kettle-2.jpg',
		description:
			'Public image URLs of the product, separated by commas or new lines (or a list from an expression). Without videos, at least 3.',
	},
	videoUrls: {
		displayName: 'Video URLs',
		name: 'videoUrls',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. https://cdn.example.com/kettle-demo.mp4',
		description:
			'Public video URLs of the product, separated by commas or new lines (or a list from an expression)',
	},
	logoUrl: {
		displayName: 'Logo URL',
		name: 'logoUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://cdn.example.com/logo.png',
		description: 'Public URL of the brand logo, up to 200 characters',
	},
	reviews: {
		displayName: 'Reviews',
		name: 'reviews',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description:
			'Customer reviews or ratings the script may quote, e.g. "4.8 stars from 2,000 buyers"',
	},
};

/** URLs typed one per line or separated by commas, or a list from an expression. */
export function parseUrlList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\n,]+/);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

const urlList = (what: string) =>
	z.array(z.string()).transform((urls, context) => {
		const parsed: string[] = [];
		for (const url of urls) {
			const result = httpUrl(what).safeParse(url);
			if (!result.success) {
				context.addIssue({ code: z.ZodIssueCode.custom, message: result.error.issues[0].message });
				return z.NEVER;
			}
			parsed.push(result.data);
		}
		return parsed;
	});

export const linkFieldsSchema = z.object({
	title: z
		.string()
		.trim()
		.min(1, 'is required')
		.max(TITLE_MAX, 'must be at most 1,000 characters (Creatify limit)'),
	description: z.string().optional(),
	imageUrls: urlList('an image').optional(),
	videoUrls: urlList('a video').optional(),
	logoUrl: httpUrl('the logo', LOGO_URL_MAX).optional(),
	reviews: z.string().optional(),
});

export type LinkFields = z.infer<typeof linkFieldsSchema>;

/** Reads the raw link fields from an object of parameter values (fields not given stay undefined). */
export function rawLinkFields(values: IDataObject): IDataObject {
	const raw: IDataObject = {};
	for (const field of ['title', 'description', 'logoUrl', 'reviews']) {
		if (values[field] !== undefined && values[field] !== '') raw[field] = values[field];
	}
	for (const field of ['imageUrls', 'videoUrls']) {
		if (values[field] === undefined || values[field] === '') continue;
		const urls = parseUrlList(values[field]);
		if (urls.length) raw[field] = urls;
	}
	return raw;
}

/** The request body: Creatify's field names, only the fields given. */
export function linkRequestBody(fields: Partial<LinkFields>): IDataObject {
	const body: IDataObject = {};
	if (fields.title !== undefined) body.title = fields.title;
	if (fields.description !== undefined) body.description = fields.description;
	if (fields.imageUrls !== undefined) body.image_urls = fields.imageUrls;
	if (fields.videoUrls !== undefined) body.video_urls = fields.videoUrls;
	if (fields.logoUrl !== undefined) body.logo_url = fields.logoUrl;
	if (fields.reviews !== undefined) body.reviews = fields.reviews;
	return body;
}

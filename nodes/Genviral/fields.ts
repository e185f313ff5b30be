import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { idLocator } from '../shared/descriptions';

import {
	isUuid,
	parseIdList,
	UUID_PATTERN,
	UUID_RE,
	validateParameters,
} from '../shared/validation';

/** Genviral ids are UUIDs (the Partner API docs type `pack_id`, `preview_id`, `product_id` as "string (UUID)"). */
const UUID_EXAMPLE = '2ab58bb0-0c39-45c0-a4d5-b6852f9d7fc0';

/** An optional UUID field, with a message naming what it is. */
export function uuidSchema(what: string) {
	return z
		.string()
		.trim()
		.regex(UUID_RE, `must be a ${what} ID, a UUID such as ${UUID_EXAMPLE}`)
		.optional();
}

/** The image pack picker: the workspace's packs with their image counts (searchable), or an ID. */
export function packLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return idLocator(
		{
			displayName: 'Image Pack',
			name: 'imagePack',
			searchListMethod: 'searchPacks',
			placeholder: 'e.g. 11111111-1111-1111-1111-111111111111',
			description: 'The image pack whose images become the backgrounds',
			pattern: {
				regex: UUID_PATTERN,
				errorMessage: 'An image pack ID is a UUID, e.g. 11111111-1111-1111-1111-111111111111',
			},
		},
		overrides,
	);
}

/** The slideshow picker: the workspace's slideshows by title (searchable), or an ID. */
export function slideshowLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return idLocator(
		{
			displayName: 'Slideshow',
			name: 'slideshow',
			searchListMethod: 'searchSlideshows',
			placeholder: `e.g. ${UUID_EXAMPLE}`,
			pattern: {
				regex: UUID_PATTERN,
				errorMessage: `A slideshow ID is a UUID, e.g. ${UUID_EXAMPLE}`,
			},
		},
		overrides,
	);
}

/** The value of a resource locator (or of a plain ID given by an expression), trimmed. */
export function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return typeof value === 'string' ? value.trim() : String(value ?? '').trim();
}

export const TIKTOK_URL_EXAMPLE = 'https://www.tiktok.com/@creator/photo/7499123456789012345';

/**
 * A TikTok post link, checked before anything is sent: http(s) on tiktok.com or one of its subdomains (www, m, and
 * the short-link hosts vm and vt). A link pasted without "https://" gets it. Whether the post is a photo slideshow
 * only Genviral can tell (short links hide the post type); the free preview asks it before any credit is spent.
 */
export const tiktokUrlSchema = z
	.string({ required_error: 'is required' })
	.trim()
	.min(1, 'is required: the link of a TikTok photo (slideshow) post')
	.transform((value, context) => {
		const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
		let url: URL | undefined;
		try {
			url = new URL(withScheme);
		} catch {
			url = undefined;
		}
		if (
			!url ||
			(url.protocol !== 'http:' && url.protocol !== 'https:') ||
			!/(^|\.)tiktok\.com$/i.test(url.hostname)
		) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must be a TikTok link, e.g. ${TIKTOK_URL_EXAMPLE} or a short vm.tiktok.com link; "${value.slice(0, 100)}" is not one`,
			});
			return z.NEVER;
		}
		return withScheme;
	});

/**
 * Image URLs as a user gives them: one per line, separated by commas or spaces, a JSON list, or a list from an
 * expression (strings, or objects with a `url` such as the images of "Image Pack → Get"). A comma splits only
 * before the next "http", so URLs containing commas survive.
 */
export function parseUrlList(value: unknown): string[] {
	if (Array.isArray(value)) {
		return value.flatMap((entry) => {
			if (typeof entry === 'string') return parseUrlList(entry);
			const url = (entry as { url?: unknown } | null)?.url;
			if (typeof url === 'string') return [url.trim()];
			return entry === null || entry === undefined ? [] : [String(entry)];
		});
	}
	const text = String(value ?? '').trim();
	if (text === '') return [];
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) return parseUrlList(parsed);
		} catch {
			// Not JSON: read it as text below.
		}
	}
	return text
		.split(/[\r\n]+|,(?=\s*https?:\/\/)|\s+(?=https?:\/\/)/i)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/** The "Slideshow IDs" field of Slideshow → Get. */
export const slideshowIdsProperty: INodeProperties = {
	displayName: 'Slideshow IDs',
	name: 'slideshowIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: `e.g. ${UUID_EXAMPLE}`,
	description:
		'One or more slideshow IDs (slideshow_id from "Copy from TikTok", or the ID of a slideshow listed by "Get Many"), separated by commas',
};

const slideshowIdsSchema = z.object({
	slideshowIds: z
		.array(z.string())
		.min(1, 'needs at least one slideshow ID (slideshow_id from "Copy from TikTok")')
		.superRefine((ids, context) => {
			const wrong = ids.find((id) => !isUuid(id));
			if (wrong !== undefined) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `must hold slideshow IDs, UUIDs such as ${UUID_EXAMPLE}; "${wrong.slice(0, 60)}" is not one`,
				});
			}
		}),
});

/** The slideshow IDs one item names, validated before anything is read. */
export function readSlideshowIds(
	context: IExecuteFunctions,
	itemIndex: number,
	properties: INodeProperties[],
): string[] {
	const value = { slideshowIds: parseIdList(context.getNodeParameter('slideshowIds', itemIndex)) };
	return validateParameters.call(context, slideshowIdsSchema, value, properties, itemIndex)
		.slideshowIds;
}

/** "Download Images" of Render: the preview image and, when Genviral returns them, every rendered slide. */
export function downloadImagesProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Download Images',
			name: 'downloadImages',
			type: 'boolean',
			default: false,
			description:
				'Whether to download the rendered images into binary data: the preview image, and each rendered slide when Genviral returns them',
		},
		{
			displayName: 'Put Output Files in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			displayOptions: { show: { downloadImages: [true] } },
			hint: 'The preview image goes in this field; rendered slides, when Genviral returns them, in <field>_1, <field>_2, …',
		},
	];
}

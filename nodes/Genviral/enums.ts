/**
 * The documented enums the Genviral node offers, in one place: the dropdowns and the zod validation both read them,
 * so a value can never be offered that is not validated, or validated that is not offered. Values are Genviral's
 * exactly; labels are what users see.
 */

import type { EnumOption } from '../shared/enums';

/**
 * Slideshow `status`, the filter of GET /slideshows (Genviral Partner API docs, "List Slideshows"; "Update
 * Slideshow" accepts the same two values). Editing the slides of a rendered slideshow turns it back into a draft.
 */
export const SLIDESHOW_STATUSES = [
	{
		value: 'draft',
		label: 'Draft',
		description: 'Not rendered yet, or edited since its last render (e.g. a fresh TikTok copy)',
	},
	{ value: 'rendered', label: 'Rendered', description: 'Rendered to images, ready to post' },
] as const satisfies readonly EnumOption[];

export type SlideshowStatus = (typeof SLIDESHOW_STATUSES)[number]['value'];

/**
 * Where the background images of a TikTok copy come from. The import docs: "Provide exactly one of pack_id or
 * pack_images" (sending both is the `pack_source_conflict` error), so the node offers one choice and sends only it.
 */
export const BACKGROUND_SOURCES = [
	{
		value: 'pack',
		label: 'Image Pack',
		description: 'The images of one of your Genviral image packs (sent as pack_id)',
	},
	{
		value: 'urls',
		label: 'Image URLs',
		description: 'Your own list of 1–100 public image URLs (sent as pack_images)',
	},
] as const satisfies readonly EnumOption[];

export type BackgroundSource = (typeof BACKGROUND_SOURCES)[number]['value'];

/** `title`: "max 200 chars" (Partner API docs, "Import TikTok Slideshow"). */
export const TITLE_MAX = 200;
/** `pack_images`: 1–100 http(s) URLs (Genviral's own CLI docs for copy-tiktok-import; the API reference gives no bound). */
export const PACK_IMAGES_MAX = 100;
/** The import "pulls TikTok slideshow slides (max 8)" (Partner API docs, "Import TikTok Slideshow"). */
export const MAX_IMPORTED_SLIDES = 8;

import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { TIKTOK_UPLOAD_NOTICE } from '../TikTok/legalNotices';

/** TikTok's guidance for the video behind a URL upload and for refresh tasks (seed 002); no final period. */
export const VIDEO_FILE_GUIDANCE =
	'For refresh tasks TikTok wants a polished, ad-ready .mp4 or .mov video of 2–180 seconds and at most 70 MB (for upload by URL, ideally under 10 MB), aspect ratio 9:16, 16:9 or 1:1';

const VIDEO_URL_RULES =
	'TikTok downloads the file from this URL: it must be publicly reachable and serve the video itself (not a web page or text/* content). Spaces are encoded as %20 for you.';

/** The legal notice TikTok requires before an end user uploads assets for AI generation. */
export const uploadNotice: INodeProperties = {
	displayName: TIKTOK_UPLOAD_NOTICE,
	name: 'uploadNotice',
	type: 'notice',
	default: '',
};

export function videoUrlProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/ads/summer-sale.mp4',
		description: `Public http(s) URL of the video file. ${VIDEO_URL_RULES} ${VIDEO_FILE_GUIDANCE}.`,
		...overrides,
	};
}

/**
 * An http(s) URL, checked before anything is sent. Returns the URL as a browser would send it (`new URL().href`),
 * which percent-encodes spaces as TikTok asks.
 */
export const videoUrlSchema = z
	.string()
	.trim()
	.min(1, 'is required')
	.transform((value, context) => {
		let url: URL | undefined;
		try {
			url = new URL(value);
		} catch {
			url = undefined;
		}
		if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must be an http(s) URL of the video file, e.g. https://example.com/ad.mp4 (got "${value.slice(0, 100)}")`,
			});
			return z.NEVER;
		}
		return url.href;
	});

/**
 * Task IDs typed by a user or mapped from a previous node: comma, space or line separated, and forgiving about
 * the JSON form TikTok itself uses (["123","456"]). Returns the IDs without duplicates, in order.
 */
export function parseTaskIds(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value.map((part) => String(part))
		: String(value ?? '').split(/[\s,]+/);
	const ids = parts
		.map((part) => part.replace(/[[\]"']/g, '').trim())
		.filter((part) => part !== '');
	return [...new Set(ids)];
}

/** TikTok task IDs are numbers written as strings (video IDs, which start with "v", are something else). */
export const taskIdsSchema = z
	.array(z.string())
	.min(1, 'enter at least one task ID (from Refresh Task → Create, field task_ids)')
	.superRefine((ids, context) => {
		const wrong = ids.find((id) => !/^\d+$/.test(id));
		if (wrong !== undefined) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				message: `"${wrong.slice(0, 60)}" is not a task ID; a task ID is a number such as 7412345678901234567${
					/^v/i.test(wrong) ? ' (IDs starting with "v" are video IDs, not task IDs)' : ''
				}`,
			});
		}
	});

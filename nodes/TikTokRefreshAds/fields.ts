import type { INodeProperties } from 'n8n-workflow';

import { httpUrlSchema } from '../shared/validation';
import { TIKTOK_UPLOAD_NOTICE } from '../TikTok/fields';

/** TikTok's guidance for the video behind a URL upload and for refresh tasks (TikTok API for Business, Refresh Ads documentation); no final period. */
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
export const videoUrlSchema = httpUrlSchema('the video file', 'https://example.com/ad.mp4');

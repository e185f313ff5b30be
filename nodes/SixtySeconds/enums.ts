/**
 * The documented enums of the SixtySeconds Videos API (its Videos API reference), in one place: the dropdowns and the zod validation
 * both read them, so a value can never be offered that is not validated, or validated that is not offered.
 * Values are SixtySeconds' exactly; labels are what users see.
 */

import type { EnumOption } from '../shared/enums';

/** "Video Status": every status a video can have. */
export const VIDEO_STATUSES = [
	{
		value: 'draft',
		label: 'Draft',
		description: 'The video has been created but not yet submitted for processing',
	},
	{ value: 'processing', label: 'Processing', description: 'The video is being generated' },
	{
		value: 'published',
		label: 'Published',
		description: 'The video was generated and is available',
	},
	{
		value: 'failed',
		label: 'Failed',
		description: 'The video generation process encountered an error',
	},
] as const satisfies readonly EnumOption[];

export type VideoStatus = (typeof VIDEO_STATUSES)[number]['value'];

/** `aspect_ratio` of POST /videos: "9:16, 16:9, 1:1 (default: 9:16)". */
export const ASPECT_RATIOS = [
	{
		value: '9:16',
		label: 'Vertical (9:16)',
		description: 'Portrait, for TikTok, Reels and Shorts. SixtySeconds’ default.',
	},
	{ value: '16:9', label: 'Landscape (16:9)', description: 'Widescreen, for email and web pages' },
	{ value: '1:1', label: 'Square (1:1)', description: 'For feeds that show square videos' },
] as const satisfies readonly EnumOption[];

export type AspectRatio = (typeof ASPECT_RATIOS)[number]['value'];

export const DEFAULT_ASPECT_RATIO: AspectRatio = '9:16';

/** `ai_messaging.length`: "The desired length of the messaging (short, medium, long)". */
export const AI_MESSAGING_LENGTHS = [
	{ value: 'short', label: 'Short' },
	{ value: 'medium', label: 'Medium' },
	{ value: 'long', label: 'Long' },
] as const satisfies readonly EnumOption[];

/**
 * `ai_messaging.tone`: "The tone of the messaging (friendly, professional, enthusiastic, etc.)" — the documented
 * examples; any other word is accepted too (the "Custom" choice, or an expression).
 */
export const AI_MESSAGING_TONES = [
	{ value: 'friendly', label: 'Friendly' },
	{ value: 'professional', label: 'Professional' },
	{ value: 'enthusiastic', label: 'Enthusiastic' },
] as const satisfies readonly EnumOption[];

/** The Tone dropdown's own value for "a tone of my own", never sent to SixtySeconds. */
export const CUSTOM_TONE = 'custom';

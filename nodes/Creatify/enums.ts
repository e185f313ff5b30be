/**
 * The documented enums of Creatify's Link to Video API (the link_to_videos field reference), in one place: the
 * dropdowns and the zod validation both read them, so a value can never be offered that is not validated, or
 * validated that is not offered. Values are Creatify's exactly; labels are the names Creatify gives them.
 */

import type { EnumOption } from '../shared/enums';

/**
 * `language`, default `en`: Creatify's 29 languages, listed A–Z by their common English name. `creatifyLabel` is
 * the name Creatify's field reference gives (standard-register names such as "Spanish; Castilian"); the dropdown
 * shows the everyday name.
 */
export const LANGUAGES = [
	{ value: 'ar', label: 'Arabic', creatifyLabel: 'Arabic' },
	{ value: 'bg', label: 'Bulgarian', creatifyLabel: 'Bulgarian' },
	{ value: 'zh', label: 'Chinese', creatifyLabel: 'Chinese' },
	{ value: 'hr', label: 'Croatian', creatifyLabel: 'Croatian' },
	{ value: 'cs', label: 'Czech', creatifyLabel: 'Czech' },
	{ value: 'da', label: 'Danish', creatifyLabel: 'Danish' },
	{ value: 'nl', label: 'Dutch', creatifyLabel: 'Dutch' },
	{ value: 'en', label: 'English', creatifyLabel: 'English' },
	{ value: 'fi', label: 'Finnish', creatifyLabel: 'Finnish' },
	{ value: 'fr', label: 'French', creatifyLabel: 'French' },
	{ value: 'de', label: 'German', creatifyLabel: 'German' },
	{ value: 'el', label: 'Greek', creatifyLabel: 'Greek, Modern' },
	{ value: 'hi', label: 'Hindi', creatifyLabel: 'Hindi' },
	{ value: 'id', label: 'Indonesian', creatifyLabel: 'Indonesian' },
	{ value: 'it', label: 'Italian', creatifyLabel: 'Italian' },
	{ value: 'ja', label: 'Japanese', creatifyLabel: 'Japanese' },
	{ value: 'ko', label: 'Korean', creatifyLabel: 'Korean' },
	{ value: 'ms', label: 'Malay', creatifyLabel: 'Malay' },
	{ value: 'pl', label: 'Polish', creatifyLabel: 'Polish' },
	{ value: 'pt', label: 'Portuguese', creatifyLabel: 'Portuguese' },
	{ value: 'ro', label: 'Romanian', creatifyLabel: 'Romanian, Moldavian, Moldovan' },
	{ value: 'ru', label: 'Russian', creatifyLabel: 'Russian' },
	{ value: 'sk', label: 'Slovak', creatifyLabel: 'Slovak' },
	{ value: 'es', label: 'Spanish', creatifyLabel: 'Spanish; Castilian' },
	{ value: 'sv', label: 'Swedish', creatifyLabel: 'Swedish' },
	{ value: 'tl', label: 'Tagalog', creatifyLabel: 'Tagalog' },
	{ value: 'ta', label: 'Tamil', creatifyLabel: 'Tamil' },
	{ value: 'tr', label: 'Turkish', creatifyLabel: 'Turkish' },
	{ value: 'uk', label: 'Ukrainian', creatifyLabel: 'Ukrainian' },
] as const satisfies ReadonlyArray<EnumOption & { creatifyLabel: string }>;

export type Language = (typeof LANGUAGES)[number]['value'];

/**
 * `video_length` in seconds, default 15. Creatify's API takes a number; n8n's dropdown values here are its text,
 * turned back into a number when the request is built.
 */
export const VIDEO_LENGTHS = [
	{ value: '15', label: '15 Seconds' },
	{ value: '30', label: '30 Seconds' },
	{ value: '60', label: '60 Seconds' },
] as const satisfies readonly EnumOption[];

export type VideoLength = (typeof VIDEO_LENGTHS)[number]['value'];

/** `aspect_ratio` (lower-case x, as Creatify writes it). */
export const ASPECT_RATIOS = [
	{ value: '9x16', label: 'Vertical 9:16', description: 'TikTok, Reels, Shorts' },
	{ value: '16x9', label: 'Horizontal 16:9', description: 'YouTube, web' },
	{ value: '1x1', label: 'Square 1:1', description: 'Feeds' },
] as const satisfies readonly EnumOption[];

export type AspectRatio = (typeof ASPECT_RATIOS)[number]['value'];

/** A script style: Creatify's label, and a description only where there is something to say beyond the name. */
const style = (
	value: string,
	creatifyLabel: string,
	label = creatifyLabel,
	description?: string,
) =>
	description
		? ({ value, label, creatifyLabel, description } as const)
		: ({ value, label, creatifyLabel } as const);
/** A hook style: the video opens with the line Creatify names it after. */
const hook = (value: string, creatifyLabel: string) =>
	({
		value,
		label: `Hook: ${creatifyLabel}`,
		creatifyLabel,
		description: `The video opens with a hook line like “${creatifyLabel}”`,
	}) as const;

/**
 * `script_style`, default `DiscoveryWriter`: all 50 styles. Creatify's field reference lists them in no useful
 * order and describes none of them beyond its label (`creatifyLabel`), so the dropdown shows the script styles
 * A–Z, then the 29 hook styles A–Z (each labelled "Hook: <its opening line>"), and describes a style only where the
 * label alone would mislead:
 * - "Problem Solution" (ProblemSolutionV2) and "Problem-Solution" (ProblemSolutionWriter) are two values Creatify
 *   does not say are the same, so both stay, told apart as the newer and the classic style;
 * - "Response Bubble" (ResponseBubbleWriter) and "Response bubble" (ResponseBubbleTextOverlay) differ only in case
 *   in Creatify's list; the second is listed among the hooks and named as a text overlay.
 */
export const SCRIPT_STYLES = [
	style('ThreeReasonsWriter', '3 Reasons Why'),
	style('BenefitsV2', 'Benefits'),
	style('BrandStoryV2', 'Brand Story'),
	style('CallToActionV2', 'Call To Action'),
	style('DiscoveryWriter', 'Discovery', 'Discovery', "Creatify's default style"),
	style('DIY', 'DIY'),
	style('DontWorryWriter', "Don't Worry"),
	style('EmotionalWriter', 'Emotional'),
	style('GenzWriter', 'Gen Z'),
	style('HowToV2', 'How To'),
	style('LetMeShowYouWriter', 'Let Me Show You'),
	style('MotivationalWriter', 'Motivational'),
	style(
		'ProblemSolutionV2',
		'Problem Solution',
		'Problem Solution',
		'The newer of Creatify’s two problem-and-solution styles (the other is Problem-Solution (Classic))',
	),
	style(
		'ProblemSolutionWriter',
		'Problem-Solution',
		'Problem-Solution (Classic)',
		'The earlier of Creatify’s two problem-and-solution styles (the other is Problem Solution)',
	),
	style('ProductHighlightsV2', 'Product Highlights'),
	style('ProductLifestyleV2', 'Product Lifestyle'),
	style(
		'ResponseBubbleWriter',
		'Response Bubble',
		'Response Bubble',
		'A script style; Response Bubble (Text Overlay) is a different style of a similar name',
	),
	style(
		'ResponseBubbleTextOverlay',
		'Response bubble',
		'Response Bubble (Text Overlay)',
		'Listed by Creatify among the hook styles, as a text overlay; not the same as the Response Bubble script style',
	),
	style('SpecialOffersV2', 'Special Offers'),
	style('StoryTimeWriter', 'Storytime'),
	style('TrendingTopicsV2', 'Trending Topics'),
	hook('BestDealEverHook', 'Best Deal Ever'),
	hook('BetterTodayVersionHook', 'Better Today Version'),
	hook('BigHappeningHook', 'Big Happening'),
	hook('CannotBelieveHook', 'Cannot Believe This'),
	hook('CouponDiscoveryRegretHook', 'Coupon Discovery Regret'),
	hook('NegativeHook', 'Don’t Use This If You Want...'),
	hook('EverWonderHook', 'Ever Wonder Why?'),
	hook('FinallyConfidentHook', 'Finally Confident'),
	hook('FirstTimeFullHook', 'First Time Full'),
	hook('GroupBuyFrustrationHook', 'Group Buy Frustration'),
	hook('2025Hook', 'Hack 2025 Like This'),
	hook('HeyAlgorithmHook', 'Hey Algorithm'),
	hook('HugePriceDropRushHook', 'Huge Price Drop Rush'),
	hook('LifeTooShortDiscountHook', 'Life Too Short Discount'),
	hook('LongLineReasonHook', 'Long Line Reason'),
	hook('MissingOutAlertHook', 'Missing Out Alert'),
	hook('PremiumFeelingHook', 'Premium Feeling'),
	hook('PriceCouldGoLowerHook', 'Price Could Go Lower'),
	hook('PriceDropRegretHook', 'Price Drop Regret'),
	hook('SecretDiscountShareHook', 'Secret Discount Share'),
	hook('AmazedHook', 'Still Amazed by This'),
	hook('StillFullPriceHook', 'Still Full Price'),
	hook('StopAffordExcuseHook', 'Stop Afford Excuse'),
	hook('AnyoneElseHook', 'That One Thing We All Have'),
	hook('NumberOneHook', 'The #1 Hack You Need'),
	hook('HateMeHook', 'They’ll Hate Me for This'),
	hook('VoucherSavingsAlertHook', 'Voucher Savings Alert'),
	hook('WhatHappensHook', 'What Happens If You Try This?'),
	hook('SecretHook', 'Wish I Could Keep This Secret'),
] as const satisfies ReadonlyArray<EnumOption & { creatifyLabel: string }>;

export type ScriptStyle = (typeof SCRIPT_STYLES)[number]['value'];

const caption = (value: string, label: string) => ({ value, label }) as const;

/**
 * `caption_setting.style` (the same 37 values as the deprecated `caption_style`, whose default is `normal-black`).
 * Creatify labels them as constants (NORMAL_BLACK); the dropdown shows them in Title Case (Normal Black).
 */
export const CAPTION_STYLES = [
	caption('normal-black', 'Normal Black'),
	caption('normal-white', 'Normal White'),
	caption('normal-red', 'Normal Red'),
	caption('normal-blue', 'Normal Blue'),
	caption('neo', 'Neo'),
	caption('brick', 'Brick'),
	caption('frenzy', 'Frenzy'),
	caption('verana', 'Verana'),
	caption('mustard', 'Mustard'),
	caption('glow', 'Glow'),
	caption('mint', 'Mint'),
	caption('coolers', 'Coolers'),
	caption('bilo', 'Bilo'),
	caption('toons', 'Toons'),
	caption('deep-blue', 'Deep Blue'),
	caption('mystique', 'Mystique'),
	caption('caution', 'Caution'),
	caption('duality', 'Duality'),
	caption('comic-shadow', 'Comic Shadow'),
	caption('clean-bold', 'Clean Bold'),
	caption('soft-pill', 'Soft Pill'),
	caption('underline-bold', 'Underline Bold'),
	caption('classic-duo', 'Classic Duo'),
	caption('hand-script', 'Hand Script'),
	caption('button-glow', 'Button Glow'),
	caption('emboss-outline', 'Emboss Outline'),
	caption('standard-bold', 'Standard Bold'),
	caption('outlined-text', 'Outlined Text'),
	caption('quiet-serif', 'Quiet Serif'),
	caption('editorial-clean', 'Editorial Clean'),
	caption('shout-block', 'Shout Block'),
	caption('word-flash', 'Word Flash'),
	caption('promo-punch', 'Promo Punch'),
	caption('light-word', 'Light Word'),
	caption('tagline-bold', 'Tagline Bold'),
	caption('glow-speak', 'Glow Speak'),
	caption('black-block', 'Black Block'),
] as const satisfies readonly EnumOption[];

export type CaptionStyle = (typeof CAPTION_STYLES)[number]['value'];

/**
 * `model_version`, default `standard`, with Creatify's credit costs: "Standard model costs 5 credits per 30 seconds
 * video, Aurora_v1 model costs 20 credits per 15 seconds video, and Aurora_v1_fast renders faster with lower
 * quality for 10 credits per 15 seconds video."
 */
export const MODEL_VERSIONS = [
	{
		value: 'standard',
		label: 'Standard',
		description: '5 credits per 30 seconds of video',
		credits: 5,
		perSeconds: 30,
	},
	{
		value: 'aurora_v1',
		label: 'Aurora v1',
		description: '20 credits per 15 seconds of video',
		credits: 20,
		perSeconds: 15,
	},
	{
		value: 'aurora_v1_fast',
		label: 'Aurora v1 Fast',
		description: 'Renders faster with lower quality; 10 credits per 15 seconds of video',
		credits: 10,
		perSeconds: 15,
	},
] as const satisfies ReadonlyArray<EnumOption & { credits: number; perSeconds: number }>;

export type ModelVersion = (typeof MODEL_VERSIONS)[number]['value'];

/**
 * `visual_style`: the templates Creatify's preview-list reference names (docs.creatify.ai, Link to Video → preview
 * list). Creatify does not publish the full list, so the field also takes any other name.
 */
export const VISUAL_STYLES = [
	{ value: 'AvatarBubbleTemplate', label: 'Avatar Bubble' },
	{ value: 'DynamicProductTemplate', label: 'Dynamic Product' },
	{ value: 'FullScreenTemplate', label: 'Full Screen' },
	{ value: 'QuickTransitionTemplate', label: 'Quick Transition' },
	{ value: 'EnhancedVanillaTemplate', label: 'Enhanced Vanilla' },
	{ value: 'DynamicGreenScreenEffect', label: 'Dynamic Green Screen Effect' },
	{ value: 'FeatureHighlightTemplate', label: 'Feature Highlight' },
	{ value: 'GreenScreenEffectTemplate', label: 'Green Screen Effect' },
	{ value: 'SimpleAvatarOverlayTemplate', label: 'Simple Avatar Overlay' },
] as const satisfies readonly EnumOption[];

/** Job statuses, in lifecycle order: `pending → in_queue → running → done | failed`. */
export const JOB_STATUSES = ['pending', 'in_queue', 'running', 'failed', 'done'] as const;

/** The defaults Creatify documents for each request field it defaults; a value equal to one is not sent. */
export const API_DEFAULTS = {
	target_platform: 'tiktok',
	target_audience: 'young adults',
	language: 'en',
	video_length: 15,
	script_style: 'DiscoveryWriter',
	model_version: 'standard',
} as const;

/** Credits one render costs, by Creatify's documented rate for the model (a started block counts in full). */
export function renderCredits(model: string, videoLengthSeconds: number): number {
	const rate = MODEL_VERSIONS.find((option) => option.value === model) ?? MODEL_VERSIONS[0];
	return rate.credits * Math.ceil(videoLengthSeconds / rate.perSeconds);
}

/**
 * Credits for previews: "1 credit per 30 seconds", charged once for all the previews of one request
 * (docs.creatify.ai, Link to Video → preview list).
 */
export function previewCredits(videoLengthSeconds: number): number {
	return Math.ceil(videoLengthSeconds / 30);
}

/** `POST /api/links/link_with_params/` costs 1 credit (docs.creatify.ai, Links → link with params). */
export const LINK_WITH_PARAMS_CREDITS = 1;

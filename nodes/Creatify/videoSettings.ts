import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { valuesOf } from '../shared/enums';
import { validateParameters } from '../shared/validation';
import {
	API_DEFAULTS,
	ASPECT_RATIOS,
	CAPTION_STYLES,
	LANGUAGES,
	MODEL_VERSIONS,
	SCRIPT_STYLES,
	VIDEO_LENGTHS,
} from './creatify.enums';
import { UUID_RE } from './descriptions';

/**
 * One item's video settings: read from the node's fields, checked against Creatify's documented limits before
 * anything is sent, and turned into the body of `POST /api/link_to_videos/` (and of the two preview endpoints,
 * which take the same fields).
 *
 * A field the user left alone is not sent, and neither is a value equal to Creatify's documented default, so
 * Creatify's own defaults apply and a default Creatify changes on its side is never overridden by an old copy.
 */

const NAME_MAX = 255;
const TARGET_PLATFORM_MAX = 255;
const BACKGROUND_MUSIC_URL_MAX = 255;
const WEBHOOK_URL_MAX = 200;

/** An http(s) URL; returned as a browser sends it (`new URL().href`, spaces percent-encoded). */
export function httpUrl(label: string, max?: number) {
	return z
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
					message: `must be an http(s) URL of ${label}, e.g. https://shop.example.com/products/kettle (got "${value.slice(0, 100)}")`,
				});
				return z.NEVER;
			}
			if (max !== undefined && url.href.length > max) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `must be at most ${max} characters (Creatify limit); this one has ${url.href.length}`,
				});
				return z.NEVER;
			}
			return url.href;
		});
}

export const uuidSchema = (what: string) =>
	z
		.string({ required_error: 'is required' })
		.trim()
		.min(1, 'is required')
		.refine((value) => UUID_RE.test(value), {
			message: `must be a Creatify ${what} ID, a UUID such as 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f`,
		});

const enumOf = <T extends string>(values: [T, ...T[]], what: string, examples: string) =>
	z.enum(values, {
		errorMap: (issue, context) => ({
			message:
				issue.code === 'invalid_enum_value'
					? `must be one of Creatify's ${what} (e.g. ${examples}); "${String(context.data).slice(0, 60)}" is not one. Choose one from the list.`
					: `must be one of Creatify's ${what} (e.g. ${examples})`,
		}),
	});

const volume = z
	.number({ invalid_type_error: 'must be a number from 0 to 1' })
	.min(0, 'must be from 0 to 1 (Creatify range)')
	.max(1, 'must be from 0 to 1 (Creatify range)');

const captionOffset = z
	.number({ invalid_type_error: 'must be a number from -0.5 to 0.5 (Caption Settings)' })
	.min(-0.5, 'must be from -0.5 to 0.5, a share of the canvas from its centre (Caption Settings)')
	.max(0.5, 'must be from -0.5 to 0.5, a share of the canvas from its centre (Caption Settings)');

const wholeNumber = z
	.number({ invalid_type_error: 'must be a whole number (Caption Settings)' })
	.int('must be a whole number (Caption Settings)')
	.positive('must be greater than 0 (Caption Settings)');

const text = (max?: number) => {
	const base = z.string({ invalid_type_error: 'must be text' });
	return max === undefined
		? base
		: base.max(max, `must be at most ${max} characters (Creatify limit)`);
};

/** The fields shared by every create and preview, keyed by the node's parameter names. */
export const videoFieldsSchema = z.object({
	videoLength: enumOf(valuesOf(VIDEO_LENGTHS), 'video lengths', '15, 30, 60'),
	language: enumOf(valuesOf(LANGUAGES), 'languages', 'en, de, es'),
	scriptStyle: enumOf(valuesOf(SCRIPT_STYLES), 'script styles', 'DiscoveryWriter, HowToV2'),
	modelVersion: enumOf(valuesOf(MODEL_VERSIONS), 'model versions', 'standard, aurora_v1'),
	visualStyle: text(255).optional(),
	// Creatify refuses a name of blanks ("This field may not be blank").
	name: text(NAME_MAX)
		.refine((name) => name.trim() !== '', 'must not be only blanks (Creatify refuses it)')
		.optional(),
	targetPlatform: text(TARGET_PLATFORM_MAX).optional(),
	targetAudience: text().optional(),
	overrideAvatar: uuidSchema('avatar (persona)').optional(),
	overrideVoice: uuidSchema('voice accent').optional(),
	overrideScript: text().optional(),
	backgroundMusicUrl: httpUrl('the music file', BACKGROUND_MUSIC_URL_MAX).optional(),
	backgroundMusicVolume: volume.optional(),
	voiceoverVolume: volume.optional(),
	noBackgroundMusic: z.boolean().optional(),
	noCaption: z.boolean().optional(),
	noEmotion: z.boolean().optional(),
	noCta: z.boolean().optional(),
	noStockBroll: z.boolean().optional(),
	webhookUrl: httpUrl('your webhook', WEBHOOK_URL_MAX).optional(),
	style: enumOf(valuesOf(CAPTION_STYLES), 'caption styles', 'normal-black, neo').optional(),
	offsetX: captionOffset.optional(),
	offsetY: captionOffset.optional(),
	fontFamily: text(255).optional(),
	fontSize: wholeNumber.optional(),
	fontStyle: text(255).optional(),
	backgroundColor: text(255).optional(),
	textColor: text(255).optional(),
	highlightTextColor: text(255).optional(),
	maxWidth: wholeNumber.optional(),
	lineHeight: z
		.number({ invalid_type_error: 'must be a number (Caption Settings)' })
		// Infinity would go out as null in JSON.
		.finite('must be a finite number (Caption Settings)')
		.positive('must be greater than 0 (Caption Settings)')
		.optional(),
	textShadow: text(255).optional(),
	hidden: z.boolean().optional(),
});

export type VideoFields = z.infer<typeof videoFieldsSchema>;

const ADDITIONAL_FIELDS = [
	'name',
	'targetPlatform',
	'targetAudience',
	'overrideAvatar',
	'overrideVoice',
	'overrideScript',
	'backgroundMusicUrl',
	'backgroundMusicVolume',
	'voiceoverVolume',
	'noBackgroundMusic',
	'noCaption',
	'noEmotion',
	'noCta',
	'noStockBroll',
	'webhookUrl',
] as const;

const CAPTION_FIELDS = [
	'style',
	'offsetX',
	'offsetY',
	'fontFamily',
	'fontSize',
	'fontStyle',
	'backgroundColor',
	'textColor',
	'highlightTextColor',
	'maxWidth',
	'lineHeight',
	'textShadow',
	'hidden',
] as const;

const LOCATOR_FIELDS = new Set(['overrideAvatar', 'overrideVoice']);

/** An expression may give a number as text ("0.5"); n8n's number fields give numbers. */
function numberOrSelf(value: unknown): unknown {
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
		return Number(value);
	return value;
}

/** Empty text means "not set". */
function present(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/**
 * Reads the shared video fields of one item (raw, before validation): the main fields, the Additional Fields the
 * user added, and the Caption Settings the user added. Values of fields not added stay undefined. Create Previews
 * has a list of visual styles of its own instead of Visual Style (`visualStyle: false`).
 */
export function readVideoFields(
	this: IExecuteFunctions,
	itemIndex: number,
	{ visualStyle: hasVisualStyle = true }: { visualStyle?: boolean } = {},
): IDataObject {
	const videoLength = this.getNodeParameter('videoLength', itemIndex, '15');
	const values: IDataObject = {
		// The dropdown's values are text; an expression may give the number (30).
		videoLength: typeof videoLength === 'number' ? String(videoLength) : videoLength,
		language: this.getNodeParameter('language', itemIndex, 'en'),
		scriptStyle: this.getNodeParameter('scriptStyle', itemIndex, 'DiscoveryWriter'),
		modelVersion: this.getNodeParameter('modelVersion', itemIndex, 'standard'),
	};
	if (hasVisualStyle) {
		const visualStyle = this.getNodeParameter('visualStyle', itemIndex, '', {
			extractValue: true,
		}) as string;
		if (present(visualStyle)) values.visualStyle = String(visualStyle).trim();
	}

	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const field of ADDITIONAL_FIELDS) {
		if (!(field in additional)) continue;
		const value = LOCATOR_FIELDS.has(field)
			? this.getNodeParameter(`additionalFields.${field}`, itemIndex, '', { extractValue: true })
			: additional[field];
		if (!present(value)) continue;
		values[field] = (field.endsWith('Volume') ? numberOrSelf(value) : value) as IDataObject[string];
	}
	const caption = this.getNodeParameter('captionSettings', itemIndex, {}) as IDataObject;
	for (const field of CAPTION_FIELDS) {
		const value = caption[field];
		if (!present(value)) continue;
		values[field] = (
			['offsetX', 'offsetY', 'fontSize', 'maxWidth', 'lineHeight'].includes(field)
				? numberOrSelf(value)
				: value
		) as IDataObject[string];
	}
	return values;
}

/** Validates one item's video fields (the field and the limit in the message). */
export function validateVideoFields(
	this: IExecuteFunctions,
	raw: IDataObject,
	properties: INodeProperties[],
	itemIndex: number,
): VideoFields {
	return validateParameters.call(this, videoFieldsSchema, raw, properties, itemIndex);
}

/** Only what differs from Creatify's documented default goes in the request. */
function putUnlessDefault(body: IDataObject, key: keyof typeof API_DEFAULTS, value: unknown) {
	if (value !== undefined && value !== API_DEFAULTS[key]) body[key] = value as string | number;
}

/**
 * The request fields for validated video settings (without `link`, which the caller adds): Creatify's exact
 * field names; nothing the user left out; no value equal to Creatify's documented default.
 */
export function videoRequestFields(fields: VideoFields): IDataObject {
	const body: IDataObject = {};
	if (fields.name !== undefined) body.name = fields.name;
	putUnlessDefault(body, 'target_platform', fields.targetPlatform);
	putUnlessDefault(body, 'target_audience', fields.targetAudience);
	putUnlessDefault(body, 'language', fields.language);
	putUnlessDefault(body, 'video_length', Number(fields.videoLength));
	putUnlessDefault(body, 'script_style', fields.scriptStyle);
	if (fields.visualStyle !== undefined) body.visual_style = fields.visualStyle;
	if (fields.overrideAvatar !== undefined) body.override_avatar = fields.overrideAvatar;
	if (fields.overrideVoice !== undefined) body.override_voice = fields.overrideVoice;
	if (fields.overrideScript !== undefined) body.override_script = fields.overrideScript;
	if (fields.backgroundMusicUrl !== undefined)
		body.background_music_url = fields.backgroundMusicUrl;
	if (fields.backgroundMusicVolume !== undefined)
		body.background_music_volume = fields.backgroundMusicVolume;
	if (fields.voiceoverVolume !== undefined) body.voiceover_volume = fields.voiceoverVolume;
	if (fields.webhookUrl !== undefined) body.webhook_url = fields.webhookUrl;
	// The five switches default to false at Creatify: only "true" is worth sending.
	if (fields.noBackgroundMusic) body.no_background_music = true;
	if (fields.noCaption) body.no_caption = true;
	if (fields.noEmotion) body.no_emotion = true;
	if (fields.noCta) body.no_cta = true;
	if (fields.noStockBroll) body.no_stock_broll = true;

	const caption: IDataObject = {};
	if (fields.style !== undefined) caption.style = fields.style;
	if (fields.offsetX !== undefined || fields.offsetY !== undefined) {
		// Creatify's offset is one object; an axis not given stays at the centre line of that axis.
		caption.offset = { x: fields.offsetX ?? 0, y: fields.offsetY ?? 0 };
	}
	if (fields.fontFamily !== undefined) caption.font_family = fields.fontFamily;
	if (fields.fontSize !== undefined) caption.font_size = fields.fontSize;
	if (fields.fontStyle !== undefined) caption.font_style = fields.fontStyle;
	if (fields.backgroundColor !== undefined) caption.background_color = fields.backgroundColor;
	if (fields.textColor !== undefined) caption.text_color = fields.textColor;
	if (fields.highlightTextColor !== undefined)
		caption.highlight_text_color = fields.highlightTextColor;
	if (fields.maxWidth !== undefined) caption.max_width = fields.maxWidth;
	if (fields.lineHeight !== undefined) caption.line_height = fields.lineHeight;
	if (fields.textShadow !== undefined) caption.text_shadow = fields.textShadow;
	if (fields.hidden) caption.hidden = true;
	if (Object.keys(caption).length > 0) body.caption_setting = caption;

	putUnlessDefault(body, 'model_version', fields.modelVersion);
	return body;
}

/** The video length and model a request will be charged for (Creatify's defaults where not sent). */
export function chargedSettings(body: IDataObject): { model: string; videoLength: number } {
	return {
		model: typeof body.model_version === 'string' ? body.model_version : API_DEFAULTS.model_version,
		videoLength:
			typeof body.video_length === 'number' ? body.video_length : API_DEFAULTS.video_length,
	};
}

export const aspectRatioSchema = enumOf(
	valuesOf(ASPECT_RATIOS),
	'aspect ratios',
	'9x16, 16x9, 1x1',
);

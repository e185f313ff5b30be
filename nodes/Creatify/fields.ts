import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { idLocator } from '../shared/descriptions';
import { toOptions, valuesOf } from '../shared/enums';
import {
	enumSchema,
	httpUrlSchema,
	isUuid,
	readBooleanParameter,
	UUID_PATTERN,
	validateParameters,
} from '../shared/validation';
import {
	API_DEFAULTS,
	ASPECT_RATIOS,
	CAPTION_STYLES,
	LANGUAGES,
	MODEL_VERSIONS,
	SCRIPT_STYLES,
	VIDEO_LENGTHS,
} from './enums';

/** Creatify ids (links, videos, personas, accents, media jobs) are UUIDs. */
const UUID_EXAMPLE = 'e.g. 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

/** A picker for a Creatify object: from a searchable list, or by its UUID. */
function uuidLocator(
	searchListMethod: string,
	displayName: string,
	what: string,
	overrides: Partial<INodeProperties>,
): INodeProperties {
	return idLocator(
		{
			displayName,
			name: 'id',
			searchListMethod,
			placeholder: UUID_EXAMPLE,
			pattern: {
				regex: UUID_PATTERN,
				errorMessage: `A Creatify ${what} ID is a UUID, ${UUID_EXAMPLE}`,
			},
		},
		overrides,
	);
}

/** The link (product) a video is made from. */
export function linkLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return uuidLocator('searchLinks', 'Link', 'link', {
		name: 'link',
		description: 'The Creatify link (a scraped product page) to use',
		...overrides,
	});
}

/** Where a video's product comes from: a product page URL (the link is made in the same step) or a link. */
export const sourceProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Product URL',
				value: 'productUrl',
				description:
					'Creatify scrapes the product page into a link first, in the same step (free). Items with the same URL share one link.',
			},
			{
				name: 'Link ID',
				value: 'linkId',
				description:
					'A link made earlier with "Link → Create from URL" or "Create with Parameters"',
			},
		],
		default: 'productUrl',
		description: 'Where the product the video advertises comes from',
	},
	{
		displayName: 'Product URL',
		name: 'productUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://shop.example.com/products/kettle',
		displayOptions: { show: { source: ['productUrl'] } },
		description:
			'The public product page Creatify reads title, description, images and videos from. Every URL is turned into a link before the first paid video is started, so a page Creatify cannot read costs nothing.',
	},
	linkLocator({ required: true, displayOptions: { show: { source: ['linkId'] } } }),
];

export const aspectRatioProperty: INodeProperties = {
	displayName: 'Aspect Ratio',
	name: 'aspectRatio',
	type: 'options',
	options: toOptions(ASPECT_RATIOS),
	default: '9x16',
	description: 'Shape of the video',
};

/** The main settings of a video, shown with every create. Defaults are Creatify's own. */
export const videoMainProperties: INodeProperties[] = [
	{
		displayName: 'Video Length',
		name: 'videoLength',
		type: 'options',
		options: toOptions(VIDEO_LENGTHS),
		default: '15',
		description: 'Length of the video in seconds (Creatify default: 15)',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: toOptions(LANGUAGES),
		default: 'en',
		description: 'Language of the script and voice-over (Creatify default: English)',
	},
	{
		displayName: 'Script Style',
		name: 'scriptStyle',
		type: 'options',
		options: toOptions(SCRIPT_STYLES),
		default: 'DiscoveryWriter',
		description: 'How the AI writes the script (Creatify default: Discovery)',
	},
	{
		displayName: 'Model Version',
		name: 'modelVersion',
		type: 'options',
		options: toOptions(MODEL_VERSIONS),
		default: 'standard',
		description:
			'The avatar model, which sets the cost: Standard 5 credits per 30 s, Aurora v1 20 credits per 15 s, Aurora v1 Fast 10 credits per 15 s',
	},
];

export const visualStyleProperty: INodeProperties = {
	displayName: 'Visual Style',
	name: 'visualStyle',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'The video template. Leave empty to let Creatify choose. Creatify does not publish every template: pick one of the known ones or enter another name.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchVisualStyles', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. FullScreenTemplate',
		},
	],
};

/** An avatar (persona) to use instead of the one the visual style picks. */
const overrideAvatarProperty = uuidLocator('searchAvatars', 'Override Avatar', 'avatar (persona)', {
	name: 'overrideAvatar',
	description: 'An avatar (Creatify persona) to use instead of the one the visual style picks',
});

/** A voice to use instead of the one the visual style picks: the ID of one accent of a voice. */
const overrideVoiceProperty = uuidLocator('searchVoices', 'Override Voice', 'voice accent', {
	name: 'overrideVoice',
	description:
		'A voice to use instead of the one the visual style picks. Creatify takes the ID of one accent of a voice.',
});

/**
 * The rarely used fields of a video. Creatify's deprecated top-level caption fields (`caption_style`,
 * `caption_offset_x`, `caption_offset_y`) are not offered: Creatify replaced them with `caption_setting` (the
 * Caption Settings below), and sending both would leave it to Creatify which one wins.
 */
export const videoAdditionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Background Music URL',
			name: 'backgroundMusicUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://cdn.example.com/music/upbeat.mp3',
			description: 'Music to use, up to 255 characters. Without it Creatify picks random music.',
		},
		{
			displayName: 'Background Music Volume',
			name: 'backgroundMusicVolume',
			type: 'number',
			default: 0.5,
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			description: "From 0 to 1. Without it the visual style's default volume applies.",
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'A name for the video, up to 255 characters, to find it in Creatify later',
		},
		{
			displayName: 'No Background Music',
			name: 'noBackgroundMusic',
			type: 'boolean',
			default: false,
			description: 'Whether to make the video without background music',
		},
		{
			displayName: 'No Call to Action',
			name: 'noCta',
			type: 'boolean',
			default: false,
			description: 'Whether to make the video without a call to action',
		},
		{
			displayName: 'No Caption',
			name: 'noCaption',
			type: 'boolean',
			default: false,
			description: 'Whether to make the video without captions',
		},
		{
			displayName: 'No Emotion',
			name: 'noEmotion',
			type: 'boolean',
			default: false,
			description: 'Whether the avatar speaks without emotion',
		},
		{
			displayName: 'No Stock B-Roll',
			name: 'noStockBroll',
			type: 'boolean',
			default: false,
			description: 'Whether to make the video without stock b-roll footage',
		},
		overrideAvatarProperty,
		{
			displayName: 'Override Script',
			name: 'overrideScript',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'Your own script, used instead of the one the AI writes',
		},
		overrideVoiceProperty,
		{
			displayName: 'Target Audience',
			name: 'targetAudience',
			type: 'string',
			default: 'young adults',
			description: 'Who the video speaks to (Creatify default: young adults)',
		},
		{
			displayName: 'Target Platform',
			name: 'targetPlatform',
			type: 'string',
			default: 'tiktok',
			description: 'Where the video will run, up to 255 characters (Creatify default: tiktok)',
		},
		{
			displayName: 'Voiceover Volume',
			name: 'voiceoverVolume',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			description: "From 0 to 1. Without it the visual style's default volume applies.",
		},
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/webhook/creatify',
			description:
				"Creatify posts the job's status to this URL when it finishes or fails (up to 200 characters). Use a Creatify Trigger's Production URL and turn off Wait for Completion.",
		},
	],
};

/** `caption_setting`: how captions look. Unset settings keep the visual style's own. */
export const captionSettingsProperty: INodeProperties = {
	displayName: 'Caption Settings',
	name: 'captionSettings',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	description: "How the captions look; settings left out keep the visual style's own",
	options: [
		{
			displayName: 'Background Color',
			name: 'backgroundColor',
			type: 'color',
			default: '#000000',
			description: 'Colour behind the caption text',
		},
		{
			displayName: 'Font Family',
			name: 'fontFamily',
			type: 'string',
			default: '',
			placeholder: 'e.g. Montserrat',
		},
		{
			displayName: 'Font Size',
			name: 'fontSize',
			type: 'number',
			default: 48,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description: 'Size of the caption text (whole number)',
		},
		{
			displayName: 'Font Style',
			name: 'fontStyle',
			type: 'string',
			default: '',
			placeholder: 'e.g. font-bold',
		},
		{
			displayName: 'Hidden',
			name: 'hidden',
			type: 'boolean',
			default: false,
			description: 'Whether to hide the captions',
		},
		{
			displayName: 'Highlight Text Color',
			name: 'highlightTextColor',
			type: 'color',
			default: '#FFD700',
			description: 'Colour of the word being spoken',
		},
		{
			displayName: 'Line Height',
			name: 'lineHeight',
			type: 'number',
			default: 1.2,
			typeOptions: { minValue: 0, numberPrecision: 2 },
		},
		{
			displayName: 'Max Width',
			name: 'maxWidth',
			type: 'number',
			default: 800,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description: 'Widest a caption line may be (whole number)',
		},
		{
			displayName: 'Offset X',
			name: 'offsetX',
			type: 'number',
			default: 0,
			typeOptions: { minValue: -0.5, maxValue: 0.5, numberPrecision: 2 },
			description:
				'Horizontal position from the centre of the canvas, as a share of its width: -0.5 (left edge) to 0.5 (right edge)',
		},
		{
			displayName: 'Offset Y',
			name: 'offsetY',
			type: 'number',
			default: 0.4,
			typeOptions: { minValue: -0.5, maxValue: 0.5, numberPrecision: 2 },
			description:
				'Vertical position from the centre of the canvas, as a share of its height: -0.5 (top) to 0.5 (bottom)',
		},
		{
			displayName: 'Style',
			name: 'style',
			type: 'options',
			options: toOptions(CAPTION_STYLES),
			default: 'normal-black',
			description: 'The caption look (Creatify default: Normal Black)',
		},
		{
			displayName: 'Text Color',
			name: 'textColor',
			type: 'color',
			default: '#FFFFFF',
		},
		{
			displayName: 'Text Shadow',
			name: 'textShadow',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2px 2px 4px #000000',
		},
	],
};

export const checkCreditsProperty: INodeProperties = {
	displayName: 'Check Credits First',
	name: 'checkCreditsFirst',
	type: 'boolean',
	default: false,
	description:
		"Whether to read the account's remaining credits first and stop before anything is charged when they cannot cover the whole run (estimated from Creatify's published prices per model and length)",
};

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the main fields (ID, status, video and thumbnail URLs, editor URL, credits used…) instead of everything Creatify answers',
};

/**
 * Simplify of the read operations (Get, Get Many): read before anything is sent, so a value that is not a switch is
 * refused.
 */
export function readSimplify(this: IExecuteFunctions, itemIndex: number): boolean {
	return readBooleanParameter.call(this, simplifyProperty.name, itemIndex, {
		label: simplifyProperty.displayName,
		default: true,
	});
}

/** "Video IDs" of Get and the render operations. */
export function videoIdsProperty(description: string): INodeProperties {
	return {
		displayName: 'Video IDs',
		name: 'videoIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: UUID_EXAMPLE,
		description,
	};
}

export function videoIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Video ID',
		name: 'videoId',
		type: 'string',
		required: true,
		default: '',
		placeholder: UUID_EXAMPLE,
		description,
	};
}

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
	return httpUrlSchema(
		label,
		'https://shop.example.com/products/kettle',
		max === undefined ? undefined : { length: max, provider: 'Creatify' },
	);
}

export const uuidSchema = (what: string) =>
	z
		.string({ required_error: 'is required' })
		.trim()
		.min(1, 'is required')
		.refine(isUuid, {
			message: `must be a Creatify ${what} ID, a UUID such as 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f`,
		});

const enumOf = <T extends string>(values: [T, ...T[]], what: string, examples: string) =>
	enumSchema(values, (given) =>
		given === undefined
			? `must be one of Creatify's ${what} (e.g. ${examples})`
			: `must be one of Creatify's ${what} (e.g. ${examples}); "${given.slice(0, 60)}" is not one. Choose one from the list.`,
	);

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

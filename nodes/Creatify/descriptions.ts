import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toOptions } from '../shared/enums';
import { readBooleanParameter } from '../shared/validation';
import {
	ASPECT_RATIOS,
	CAPTION_STYLES,
	LANGUAGES,
	MODEL_VERSIONS,
	SCRIPT_STYLES,
	VIDEO_LENGTHS,
} from './creatify.enums';

/** Creatify ids (links, videos, personas, accents, media jobs) are UUIDs. */
export const UUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const UUID_RE = new RegExp(UUID_PATTERN);
const UUID_EXAMPLE = 'e.g. 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

/** A picker for a Creatify object: from a searchable list, or by its UUID. */
function uuidLocator(
	searchListMethod: string,
	displayName: string,
	what: string,
	overrides: Partial<INodeProperties>,
): INodeProperties {
	return {
		displayName,
		name: 'id',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: UUID_EXAMPLE,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: UUID_PATTERN,
							errorMessage: `A Creatify ${what} ID is a UUID, ${UUID_EXAMPLE}`,
						},
					},
				],
			},
		],
		...overrides,
	};
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

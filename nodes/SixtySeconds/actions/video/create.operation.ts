import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import {
	downloadProperties,
	readWaitSettings,
	reuseProperties,
	waitProperties,
} from '../../../shared/descriptions';
import { toOptions, valuesOf } from '../../../shared/enums';
import { planItems } from '../../../shared/items';
import { enumSchema, validateParameters } from '../../../shared/validation';
import type { CustomerDataField, CustomerDataMode } from '../../customerData';
import { buildCustomerData, customerDataProperties } from '../../customerData';
import { templateIdSchema, templateLocator } from '../../fields';
import {
	AI_MESSAGING_LENGTHS,
	AI_MESSAGING_TONES,
	ASPECT_RATIOS,
	CUSTOM_TONE,
	DEFAULT_ASPECT_RATIO,
} from '../../enums';
import type { VideoInput, VideoRequest } from '../../jobs';
import {
	checkTemplates,
	DRAFT_CHECKS,
	runVideos,
	VIDEO_WAIT_DEFAULTS,
	videoRequestBody,
} from '../../jobs';

export const option = {
	name: 'Create',
	value: 'create',
	action: 'Create a personalised video',
	description:
		"Make a personalised video from a template and each item's customer data, one per input item. Outputs the video's ID, status, URL, thumbnail and duration, and the fields sent.",
} as const;

/** How waiting treats SixtySeconds' estimate and drafts, said where the user decides to wait. */
const WAIT_NOTE = `The first check of each video happens when SixtySeconds estimates it done (estimated_completion). A video SixtySeconds still reports as a draft (created but not submitted for processing) after ${DRAFT_CHECKS} checks fails with its ID instead of being waited for until the timeout: SixtySeconds has no API call that submits a draft.`;

const TONE_OPTIONS = [
	...toOptions(AI_MESSAGING_TONES),
	{ name: 'Custom', value: CUSTOM_TONE, description: 'A tone of your own, e.g. playful' },
];

const waitFields = waitProperties(VIDEO_WAIT_DEFAULTS, 'every video').map((property) => {
	if (property.name === 'waitForCompletion') {
		return { ...property, description: `${property.description} ${WAIT_NOTE}` };
	}
	if (property.name === 'pollInterval') {
		return {
			...property,
			description:
				'How often to check a video after its first check (at its estimated completion, or after this interval when SixtySeconds gives none). The interval grows gently (×1.5) up to 30 seconds or this value, whichever is larger.',
		};
	}
	return property;
});

export const properties: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Welcome Message for {{ $json.first_name }}',
		description: 'The title of the video, e.g. with the customer’s name from the input item',
	},
	templateLocator({ required: true }),
	...customerDataProperties,
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: toOptions(ASPECT_RATIOS),
		default: DEFAULT_ASPECT_RATIO,
		description:
			"The video's shape. It must be one the template offers (checked before anything is created).",
	},
	{
		displayName: 'AI Messaging',
		name: 'aiMessaging',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'How SixtySeconds writes the AI-generated messaging of the video',
		options: [
			{
				displayName: 'Tone',
				name: 'tone',
				type: 'options',
				options: TONE_OPTIONS,
				default: 'friendly',
				description:
					'The tone of the messaging. SixtySeconds names friendly, professional and enthusiastic; any other word works too (Custom, or an expression).',
			},
			{
				displayName: 'Custom Tone',
				name: 'customTone',
				type: 'string',
				default: '',
				placeholder: 'e.g. playful',
				displayOptions: { show: { tone: [CUSTOM_TONE] } },
				description: 'The tone in a word or two',
			},
			{
				displayName: 'Length',
				name: 'length',
				type: 'options',
				options: toOptions(AI_MESSAGING_LENGTHS),
				default: 'medium',
				description: 'The desired length of the messaging',
			},
			{
				displayName: 'Focus Points',
				name: 'focusPoints',
				type: 'string',
				default: '',
				placeholder: 'e.g. product_benefits, next_steps',
				description: 'Key topics to emphasise, separated by commas (or a list from an expression)',
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				placeholder: 'e.g. proj_onboarding_2025',
				description: 'The SixtySeconds project to assign the video to',
			},
		],
	},
	...waitFields,
	...downloadProperties(),
	...reuseProperties('video'),
];

const LENGTH_VALUES = valuesOf(AI_MESSAGING_LENGTHS);
const ASPECT_RATIO_VALUES = valuesOf(ASPECT_RATIOS);

/** Focus points as a list: text separated by commas or new lines, or a list from an expression. */
export function parseFocusPoints(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n]+/);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** Optional text (a number from an expression is read as text); a list, an object or a switch is refused. */
const optionalText = z.unknown().transform((value, context) => {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
	context.addIssue({ code: z.ZodIssueCode.custom, message: 'must be text' });
	return z.NEVER;
});

/** A tone is a word: from the dropdown, Custom Tone or an expression; a number or a switch is not one. */
const toneText = z
	.string({ invalid_type_error: 'must be a word such as friendly' })
	.nullish()
	.transform((value) => (value ?? '').trim());

const schema = z
	.object({
		title: z.preprocess(
			(value) => (typeof value === 'number' ? String(value) : value),
			z
				.string({ required_error: 'is required', invalid_type_error: 'must be text' })
				.trim()
				.min(1, 'is required'),
		),
		template: templateIdSchema,
		customerData: z.string(),
		inputFields: z.unknown(),
		customerDataJson: z.unknown(),
		customerDataFields: z.array(z.unknown()).optional(),
		item: z.record(z.unknown()),
		aspectRatio: enumSchema(ASPECT_RATIO_VALUES, 'must be 9:16, 16:9 or 1:1'),
		tone: toneText,
		customTone: toneText,
		length: optionalText.refine(
			(value) => value === '' || (LENGTH_VALUES as string[]).includes(value),
			{
				message: 'must be short, medium or long',
			},
		),
		// Text or a list of texts; an object would go out as "[object Object]".
		focusPoints: z.unknown().transform((value, context) => {
			const texts =
				value === undefined ||
				value === null ||
				typeof value === 'string' ||
				(Array.isArray(value) && value.every((entry) => typeof entry === 'string'));
			if (texts) return parseFocusPoints(value);
			context.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'must be text separated by commas, or a list of texts',
			});
			return z.NEVER;
		}),
		projectId: optionalText,
	})
	.transform((input, context): VideoInput => {
		const customerData = buildCustomerData({
			mode: input.customerData as CustomerDataMode,
			item: input.item as IDataObject,
			inputFields: input.inputFields,
			json: input.customerDataJson,
			fields: (input.customerDataFields ?? []) as CustomerDataField[],
		});
		if ('problem' in customerData) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: [customerData.problem.field],
				message: customerData.problem.message,
			});
			return z.NEVER;
		}
		let tone = input.tone;
		if (tone === CUSTOM_TONE) {
			tone = input.customTone;
			if (!tone) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['customTone'],
					message: 'is required when Tone is Custom (a word such as playful)',
				});
				return z.NEVER;
			}
		}
		return {
			title: input.title,
			templateId: input.template,
			customerData: customerData.data,
			aspectRatio: input.aspectRatio,
			tone: tone || undefined,
			length: input.length || undefined,
			focusPoints: input.focusPoints,
			projectId: input.projectId || undefined,
		};
	});

function readVideoRequest(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	itemIndex: number,
): VideoRequest {
	const mode = this.getNodeParameter('customerData', itemIndex) as string;
	const aiMessaging = this.getNodeParameter('aiMessaging', itemIndex, {}) as IDataObject;
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input = validateParameters.call(
		this,
		schema,
		{
			title: this.getNodeParameter('title', itemIndex),
			template: this.getNodeParameter('template', itemIndex, '', { extractValue: true }),
			customerData: mode,
			inputFields:
				mode === 'inputItem' ? this.getNodeParameter('inputFields', itemIndex, '') : undefined,
			customerDataJson:
				mode === 'json' ? this.getNodeParameter('customerDataJson', itemIndex, '{}') : undefined,
			customerDataFields:
				mode === 'defineBelow'
					? this.getNodeParameter('customerDataFields.field', itemIndex, [])
					: undefined,
			item: items[itemIndex].json,
			aspectRatio: this.getNodeParameter('aspectRatio', itemIndex, DEFAULT_ASPECT_RATIO),
			tone: aiMessaging.tone,
			customTone: aiMessaging.customTone,
			length: aiMessaging.length,
			focusPoints: aiMessaging.focusPoints,
			projectId: additionalFields.projectId,
		},
		properties,
		itemIndex,
	);
	return videoRequestBody(input);
}

/**
 * POST /videos — one video per input item.
 *
 * 1. Every item is validated before anything is sent (title, template, customer data, AI messaging), so a bad
 *    field in one item never costs a render for the others.
 * 2. Each template used is read once (free) so that an unknown template or an aspect ratio it does not offer
 *    fails before any video is created.
 * 3. The job engine creates the videos (a few requests in flight per credential) and waits for all of them
 *    together, reading each video first at its `estimated_completion`.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(this, items, (itemIndex) =>
		readVideoRequest.call(this, items, itemIndex),
	);
	// Node-level, and checked before the templates are read.
	const wait = readWaitSettings.call(this, VIDEO_WAIT_DEFAULTS);
	const ready = planned.length > 0 ? await checkTemplates(this, planned, output) : [];
	output.add(await runVideos.call(this, items, ready, wait));
	return output.inInputOrder();
}

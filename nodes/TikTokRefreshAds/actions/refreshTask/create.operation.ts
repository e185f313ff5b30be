import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import {
	downloadProperties,
	readReuseSettings,
	readWaitSettings,
	reuseProperties,
	waitProperties,
} from '../../../shared/descriptions';
import { toOptions, valuesOf } from '../../../shared/enums';
import { planItems } from '../../../shared/items';
import { enumSchema, optionalText, validateParameters } from '../../../shared/validation';
import { previewUrlNotice, TIKTOK_DOWNLOAD_NOTICE } from '../../../TikTok/fields';
import { uploadNotice, VIDEO_FILE_GUIDANCE, videoUrlProperty, videoUrlSchema } from '../../fields';
import {
	HOLIDAY_THEMES,
	HOOK_TYPES,
	PRODUCT_CATEGORIES,
	REFRESH_STRATEGIES,
	STRATEGIES_WITH_HOOK,
	strategyList,
} from '../../enums';
import type { PlannedRefresh, RefreshTaskSettings } from '../../jobs';
import { REFRESH_WAIT_DEFAULTS, runRefreshTasks } from '../../jobs';

const PRODUCT_DESCRIPTION_MAX = 3000;

const withHook = { strategy: STRATEGIES_WITH_HOOK };

export const option = {
	name: 'Create',
	value: 'create',
	action: 'Create a refresh task',
	description:
		'Refresh a video with a new AI hook and/or new music. Outputs one item per refreshed video: task_id, status, video_id, video_name, preview_url.',
} as const;

export const properties: INodeProperties[] = [
	uploadNotice,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Video URL',
				value: 'videoUrl',
				description:
					'Upload the video from a public URL first, then refresh it, in one step (the upload is free; the refresh task is what counts)',
			},
			{
				name: 'Video ID',
				value: 'videoId',
				description: 'A video already in the stock library, from "Video → Upload by URL"',
			},
		],
		default: 'videoUrl',
		description: 'Where the video to refresh comes from',
	},
	videoUrlProperty({ displayOptions: { show: { source: ['videoUrl'] } } }),
	{
		displayName: 'Video ID',
		name: 'videoId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. v10033g50000d0abcdefghijklmnopqr',
		displayOptions: { show: { source: ['videoId'] } },
		description: `The video_id returned by "Video → Upload by URL" (use scenario AIGC). ${VIDEO_FILE_GUIDANCE}.`,
	},
	{
		displayName: 'Strategy',
		name: 'strategy',
		type: 'options',
		options: toOptions(REFRESH_STRATEGIES),
		default: 'ADD_HOOK',
		description: 'How TikTok refreshes the video; these are the only combinations TikTok accepts',
	},
	{
		displayName: 'Hook Type',
		name: 'hookType',
		type: 'options',
		options: toOptions(HOOK_TYPES),
		default: 'RECOMMENDED',
		displayOptions: { show: withHook },
		description:
			'The kind of AI intro (hook). Recommended makes 4 videos, so the node outputs 4 items for this input item.',
	},
	{
		displayName: 'Holiday Theme',
		name: 'holidayTheme',
		type: 'options',
		// Not `required`: n8n would then demand it whenever Hook Type is an expression. Checked per item instead.
		// The empty first entry is the default, so a new node shows a choice to make rather than an invalid value.
		options: [
			{
				name: 'Select a Holiday',
				value: '',
				description: 'Not chosen yet; a Holiday hook needs one',
			},
			...toOptions(HOLIDAY_THEMES),
		],
		default: '',
		displayOptions: { show: { ...withHook, hookType: ['HOLIDAY'] } },
		description:
			'Required for a Holiday hook: the holiday the hook is themed on (dates as TikTok documents them)',
	},
	{
		displayName: 'Product Category',
		name: 'productCategory',
		type: 'options',
		// Not `required` for the same reason: Strategy may be an expression. Checked per item instead.
		options: [
			{
				name: 'Select a Category',
				value: '',
				description: 'Not chosen yet; Add Hook needs one',
			},
			...toOptions(PRODUCT_CATEGORIES),
		],
		default: '',
		displayOptions: { show: withHook },
		description: 'Required with Add Hook: the category of the advertised product',
	},
	{
		displayName: 'Product Description',
		name: 'productDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		displayOptions: { show: withHook },
		description:
			'A description of the product, brand and target audience, used to write the hook. Up to 3,000 characters.',
	},
	...waitProperties(REFRESH_WAIT_DEFAULTS, 'every refreshed video'),
	...downloadProperties(TIKTOK_DOWNLOAD_NOTICE),
	...reuseProperties('refresh task'),
	previewUrlNotice,
];

const HOOK_TYPE_VALUES = new Set<string>(valuesOf(HOOK_TYPES));
const CATEGORY_VALUES = new Set<string>(valuesOf(PRODUCT_CATEGORIES));
const HOLIDAY_VALUES = new Set<string>(valuesOf(HOLIDAY_THEMES));

/** One enum field: required or not, and only TikTok's documented values. */
function checkEnum(
	context: z.RefinementCtx,
	field: string,
	value: string | undefined,
	allowed: Set<string>,
	requiredBecause: string,
	examples: string,
): void {
	if (!value) {
		context.addIssue({
			code: z.ZodIssueCode.custom,
			path: [field],
			message: `is required ${requiredBecause}`,
		});
	} else if (!allowed.has(value)) {
		context.addIssue({
			code: z.ZodIssueCode.custom,
			path: [field],
			message: `must be one of TikTok's values (e.g. ${examples}); "${value.slice(0, 60)}" is not one. Choose one from the list.`,
		});
	}
}

const schema = z
	.object({
		source: enumSchema(['videoUrl', 'videoId'], 'must be "videoUrl" or "videoId"'),
		videoUrl: z.string().optional(),
		videoId: z.string().optional(),
		strategy: enumSchema(
			valuesOf(REFRESH_STRATEGIES),
			'must be one of ADD_HOOK, SWAP_MUSIC or "ADD_HOOK,SWAP_MUSIC" (the combinations TikTok accepts)',
		),
		hookType: z.string().optional(),
		productCategory: z.string().optional(),
		productDescription: z
			.string()
			.max(PRODUCT_DESCRIPTION_MAX, `must be at most 3,000 characters (TikTok limit)`)
			.optional(),
		holidayTheme: z.string().optional(),
	})
	.superRefine((input, context) => {
		if (input.source === 'videoUrl') {
			const url = videoUrlSchema.safeParse(input.videoUrl ?? '');
			if (!url.success) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['videoUrl'],
					message: url.error.issues[0].message,
				});
			}
		} else if (!input.videoId?.trim()) {
			context.addIssue({ code: z.ZodIssueCode.custom, path: ['videoId'], message: 'is required' });
		}
		if (!STRATEGIES_WITH_HOOK.includes(input.strategy)) return;
		checkEnum(
			context,
			'hookType',
			input.hookType,
			HOOK_TYPE_VALUES,
			'when the strategy adds a hook',
			'RECOMMENDED, EMOTIONAL',
		);
		checkEnum(
			context,
			'productCategory',
			input.productCategory,
			CATEGORY_VALUES,
			'when the strategy adds a hook',
			'GAMES, RETAIL_AND_ECOMMERCE',
		);
		if (input.hookType === 'HOLIDAY') {
			checkEnum(
				context,
				'holidayTheme',
				input.holidayTheme,
				HOLIDAY_VALUES,
				'when the hook type is Holiday',
				'HALLOWEEN, BLACK_FRIDAY',
			);
		}
	});

function readPlannedRefresh(this: IExecuteFunctions, itemIndex: number): PlannedRefresh {
	const source = this.getNodeParameter('source', itemIndex) as string;
	const strategy = this.getNodeParameter('strategy', itemIndex) as string;
	const hasHook = (STRATEGIES_WITH_HOOK as string[]).includes(strategy);
	const hookType = hasHook
		? optionalText(this.getNodeParameter('hookType', itemIndex, ''))
		: undefined;
	const input = validateParameters.call(
		this,
		schema,
		{
			source,
			videoUrl:
				source === 'videoUrl' ? this.getNodeParameter('videoUrl', itemIndex, '') : undefined,
			videoId: source === 'videoId' ? this.getNodeParameter('videoId', itemIndex, '') : undefined,
			strategy,
			hookType,
			productCategory: hasHook
				? optionalText(this.getNodeParameter('productCategory', itemIndex, ''))
				: undefined,
			productDescription: hasHook
				? optionalText(this.getNodeParameter('productDescription', itemIndex, ''))
				: undefined,
			holidayTheme:
				hookType === 'HOLIDAY'
					? optionalText(this.getNodeParameter('holidayTheme', itemIndex, ''))
					: undefined,
		},
		properties,
		itemIndex,
	);

	const request: RefreshTaskSettings = {
		video_refresh_strategy_list: strategyList(input.strategy),
	};
	if (hasHook) {
		// Only what the chosen hook uses is sent: holiday_theme only for HOLIDAY, no empty description.
		request.add_hook = {
			hook_type: input.hookType as string,
			product_category: input.productCategory as string,
			...(input.productDescription ? { product_description: input.productDescription } : {}),
			...(input.hookType === 'HOLIDAY' ? { holiday_theme: input.holidayTheme as string } : {}),
		};
	}
	return input.source === 'videoUrl'
		? { videoUrl: videoUrlSchema.parse(input.videoUrl), request }
		: { videoId: (input.videoId as string).trim(), request };
}

/**
 * POST /creative/aigc/refresh_video/task/create/ — one refresh task per input item.
 *
 * Every item is validated before anything is sent, so a bad field never costs a refresh; then runRefreshTasks
 * uploads the videos given by URL and creates and waits for the tasks.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(this, items, (itemIndex) =>
		readPlannedRefresh.call(this, itemIndex),
	);
	// Node-level, and checked before the first upload.
	const wait = readWaitSettings.call(this, REFRESH_WAIT_DEFAULTS);
	const reuse = readReuseSettings.call(this);

	await runRefreshTasks.call(this, items, planned, output, wait, reuse);
	return output.inInputOrder();
}

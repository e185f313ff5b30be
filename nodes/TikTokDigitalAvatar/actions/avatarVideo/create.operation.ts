import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { downloadProperties, waitProperties } from '../../../shared/descriptions';
import { failedItem, withItemIndex } from '../../../shared/items';
import { findUnsupportedCharacter, validateParameters } from '../../../shared/validation';
import { PREVIEW_URL_VALIDITY, TIKTOK_DOWNLOAD_NOTICE } from '../../../TikTok/legalNotices';
import type { MaterialPackage } from '../../avatarTasks';
import { AVATAR_WAIT_DEFAULTS, runAvatarTasks } from '../../avatarTasks';
import { avatarLocator } from '../../descriptions';

const properties: INodeProperties[] = [
	avatarLocator({ required: true }),
	{
		displayName: 'Script',
		name: 'script',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 5 },
		description:
			'The words the avatar says, up to 2,000 characters, in any language. No emojis or special symbols (TikTok cannot read them). About 500 characters make a 30-second video. Rendering takes under 100 s up to 400 characters, under 200 s up to 1,000, under 500 s beyond.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Video Name',
				name: 'videoName',
				type: 'string',
				default: '',
				description:
					'Name of the video, up to 50 characters. Default: project-{YYYYMMDDHHMMSS}-{three random characters}.',
			},
			{
				displayName: 'Package ID',
				name: 'packageId',
				type: 'string',
				default: '',
				description:
					'Your own ID for this material package, returned with the task to tell packages apart',
			},
		],
	},
	...waitProperties(AVATAR_WAIT_DEFAULTS, 'every avatar video'),
	...downloadProperties(TIKTOK_DOWNLOAD_NOTICE),
	{
		displayName: `Output per item: task_id, status, avatar_video_id, preview_url, video_name, package_id. ${PREVIEW_URL_VALIDITY}`,
		name: 'createOutputNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['avatarVideo'], operation: ['create'] } },
	properties,
);

const packageSchema = z.object({
	avatarId: z
		.string()
		.trim()
		.min(1, 'choose an avatar from the list or enter its ID')
		.regex(/^\d+$/, 'an avatar ID is a number, e.g. 7301881390801371138'),
	script: z
		.string({ required_error: 'is required' })
		.min(1, 'is required')
		.max(2000, 'must be at most 2,000 characters (TikTok limit)')
		.superRefine((script, context) => {
			const character = findUnsupportedCharacter(script);
			if (character) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `contains "${character}" (U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}); TikTok avatars cannot read emojis or special symbols — remove it`,
				});
			}
		}),
	videoName: z.string().max(50, 'must be at most 50 characters (TikTok limit)').optional(),
	packageId: z.string().optional(),
});
const labels = {
	avatarId: 'Avatar',
	script: 'Script',
	videoName: 'Video Name',
	packageId: 'Package ID',
};

function readPackage(this: IExecuteFunctions, itemIndex: number): MaterialPackage {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as {
		videoName?: string;
		packageId?: string;
	};
	const input = validateParameters.call(
		this,
		packageSchema,
		{
			avatarId: this.getNodeParameter('avatar', itemIndex, '', { extractValue: true }),
			script: this.getNodeParameter('script', itemIndex),
			videoName: additionalFields.videoName || undefined,
			packageId: additionalFields.packageId || undefined,
		},
		labels,
		itemIndex,
	);
	return {
		avatar_id: input.avatarId,
		script: input.script,
		...(input.videoName ? { video_name: input.videoName } : {}),
		...(input.packageId ? { package_id: input.packageId } : {}),
	};
}

/**
 * POST /creative/digital_avatar/video/task/create/ — one material package per input item, up to 5 packages per
 * request. Every item is validated before the first request, so a bad script never costs a render.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const output: Array<INodeExecutionData | undefined> = [];
	const packages: Array<{ itemIndex: number; request: MaterialPackage }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			packages.push({ itemIndex, request: readPackage.call(this, itemIndex) });
		} catch (error) {
			if (!this.continueOnFail()) throw withItemIndex.call(this, error, itemIndex);
			output[itemIndex] = failedItem(items[itemIndex], itemIndex, error);
		}
	}

	const results = await runAvatarTasks.call(this, items, packages);
	return items.flatMap((_, itemIndex) => output[itemIndex] ?? results.get(itemIndex) ?? []);
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { downloadProperties, reuseProperties, waitProperties } from '../../../shared/descriptions';
import { planItems } from '../../../shared/items';
import { findUnsupportedCharacter, validateParameters } from '../../../shared/validation';
import { previewUrlNotice, TIKTOK_DOWNLOAD_NOTICE } from '../../../TikTok/fields';
import type { MaterialPackage } from '../../jobs';
import { AVATAR_WAIT_DEFAULTS, runAvatarTasks } from '../../jobs';
import { avatarIdSchema, avatarLocator } from '../../fields';

export const option = {
	name: 'Create',
	value: 'create',
	action: 'Create an avatar video',
	description:
		'Make an avatar video from a script, one per input item. Outputs task_id, status, avatar_video_id, preview_url, video_name and package_id.',
} as const;

export const properties: INodeProperties[] = [
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
	...reuseProperties('avatar video'),
	previewUrlNotice,
];

const packageSchema = z.object({
	avatar: avatarIdSchema,
	script: z
		.string({ required_error: 'is required' })
		.min(1, 'is required')
		// The message gives the script's length, so that the user knows how much to cut.
		.refine(
			(script) => script.length <= 2000,
			(script) => ({
				message: `must be at most 2,000 characters (TikTok limit); this one has ${script.length.toLocaleString('en-US')}`,
			}),
		)
		// TikTok refuses a script of blanks as missing.
		.refine((script) => script.trim() !== '', 'is required: it holds only blanks')
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

function readPackage(this: IExecuteFunctions, itemIndex: number): MaterialPackage {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as {
		videoName?: string;
		packageId?: string;
	};
	const input = validateParameters.call(
		this,
		packageSchema,
		{
			avatar: this.getNodeParameter('avatar', itemIndex, '', { extractValue: true }),
			script: this.getNodeParameter('script', itemIndex),
			videoName: additionalFields.videoName || undefined,
			packageId: additionalFields.packageId || undefined,
		},
		properties,
		itemIndex,
	);
	return {
		avatar_id: input.avatar,
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
	const { planned, output } = planItems(this, items, (itemIndex) =>
		readPackage.call(this, itemIndex),
	);
	output.add(await runAvatarTasks.call(this, items, planned));
	return output.inInputOrder();
}

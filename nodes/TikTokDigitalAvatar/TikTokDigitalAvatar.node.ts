import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as avatar from './actions/avatar/Avatar.resource';
import * as avatarVideo from './actions/avatarVideo/AvatarVideo.resource';
import { router } from './actions/router';
import { searchAvatars } from './methods/listSearch';

/**
 * TikTok Digital Avatar (TikTok API for Business, allowlist-only Alpha): avatar videos from a script.
 * Programmatic rather than declarative because a create is a chain — batch the packages, wait for every task
 * together, then optionally download each video.
 */
export class TikTokDigitalAvatar implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TikTok Digital Avatar',
		name: 'tikTokDigitalAvatar',
		icon: { light: 'file:../../icons/tiktok.svg', dark: 'file:../../icons/tiktok.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create TikTok digital avatar videos from a script and wait for them. Each input item becomes one video; the node returns the task ID, status, avatar video ID and a preview URL valid for six hours.',
		defaults: { name: 'TikTok Digital Avatar' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tiktokBusinessApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Avatar', value: 'avatar' },
					{ name: 'Avatar Video', value: 'avatarVideo' },
				],
				default: 'avatarVideo',
			},
			...avatar.description,
			...avatarVideo.description,
		],
	};

	methods = { listSearch: { searchAvatars } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

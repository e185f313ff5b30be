import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle, resourceProperties, routeToOperation } from '../shared/router';
import { avatar } from './actions/avatar/Avatar.resource';
import { avatarVideo } from './actions/avatarVideo/AvatarVideo.resource';
import { searchAvatars } from './lists';
import { tiktokBusinessApiTest } from '../TikTok/transport';

const resources = [avatar, avatarVideo] as const;

/**
 * TikTok Digital Avatar (TikTok API for Business, allowlist-only Alpha): avatar videos from a script.
 * Programmatic rather than declarative because a create is a chain — batch the packages, wait for every task
 * together, then optionally download each video.
 */
export class TikTokDigitalAvatar implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TikTok Digital Avatar',
		name: 'tikTokDigitalAvatar',
		icon: {
			light: 'file:../../icons/tiktok-avatar.svg',
			dark: 'file:../../icons/tiktok-avatar.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(resources),
		description: 'Create TikTok avatar videos from a script',
		defaults: { name: 'TikTok Digital Avatar' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tiktokBusinessApi', required: true, testedBy: 'tiktokBusinessApiTest' }],
		properties: resourceProperties(resources, 'avatarVideo'),
	};

	methods = { listSearch: { searchAvatars }, credentialTest: { tiktokBusinessApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeToOperation.call(this, resources);
	}
}

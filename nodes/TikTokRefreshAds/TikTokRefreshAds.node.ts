import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle, resourceProperties, routeToOperation } from '../shared/router';
import { tiktokBusinessApiTest } from '../TikTok/transport';
import { refreshedVideo } from './actions/refreshedVideo/RefreshedVideo.resource';
import { refreshTask } from './actions/refreshTask/RefreshTask.resource';
import { video } from './actions/video/Video.resource';

const resources = [refreshTask, refreshedVideo, video] as const;

/**
 * TikTok Refresh Ads (TikTok API for Business, allowlist-only Alpha): new variations of an existing ad video with
 * an AI hook and/or new music. Programmatic rather than declarative because a create is a chain — upload the
 * video, create the task at TikTok's 5-per-minute pace, wait for every item's tasks together, then optionally
 * download each refreshed video.
 */
export class TikTokRefreshAds implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TikTok Refresh Ads',
		name: 'tikTokRefreshAds',
		icon: {
			light: 'file:../../icons/tiktok-refresh.svg',
			dark: 'file:../../icons/tiktok-refresh.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(resources),
		description: 'Give TikTok ad videos new AI hooks or music',
		defaults: { name: 'TikTok Refresh Ads' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tiktokBusinessApi', required: true, testedBy: 'tiktokBusinessApiTest' }],
		properties: resourceProperties(resources, 'refreshTask'),
	};

	methods = { credentialTest: { tiktokBusinessApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeToOperation.call(this, resources);
	}
}

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as refreshedVideo from './actions/refreshedVideo/RefreshedVideo.resource';
import * as refreshTask from './actions/refreshTask/RefreshTask.resource';
import { router } from './actions/router';
import * as video from './actions/video/Video.resource';

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
		icon: { light: 'file:../../icons/tiktok.svg', dark: 'file:../../icons/tiktok.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Refresh an existing TikTok ad video with a new AI-made hook (the first 6 seconds) and/or new music. Give a video URL or video ID; the node returns one item per refreshed video with task_id, status, video_id and a preview URL valid for six hours.',
		defaults: { name: 'TikTok Refresh Ads' },
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
					{ name: 'Refresh Task', value: 'refreshTask' },
					{ name: 'Refreshed Video', value: 'refreshedVideo' },
					{ name: 'Video', value: 'video' },
				],
				default: 'refreshTask',
			},
			...refreshTask.description,
			...refreshedVideo.description,
			...video.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

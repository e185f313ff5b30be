import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	TIKTOK_PRODUCTION_URL as PRODUCTION_URL,
	TIKTOK_SANDBOX_URL as SANDBOX_URL,
} from '../nodes/TikTok/transport';
import { requestTimeoutProperty } from '../nodes/shared/request';

export class TiktokBusinessApi implements ICredentialType {
	name = 'tiktokBusinessApi';

	displayName = 'TikTok Business API';

	icon: Icon = { light: 'file:../icons/tiktok.svg', dark: 'file:../icons/tiktok.dark.svg' };

	documentationUrl =
		'https://github.com/shortform-video/n8n-nodes-shortform-video/blob/main/docs/tiktok-access-token.md';

	properties: INodeProperties[] = [
		{
			displayName:
				'You need an <b>access token</b> from TikTok API for Business (<b>My Apps</b> → your app). Ask whoever manages your TikTok developer app (your developer or agency) for one: the app needs TikTok\'s approval for Digital Avatar / Refresh Ads. Paste it below. <a href="https://github.com/shortform-video/n8n-nodes-shortform-video/blob/main/docs/tiktok-access-token.md" target="_blank">How to get one, step by step</a>',
			name: 'setupSteps',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Long-term access token of your TikTok API for Business developer app, obtained by authorizing the advertiser account. The app needs the "Generative AI Tool > Video Generation" permission and must be allowlisted for Digital Avatar / Refresh Ads.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: PRODUCTION_URL },
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: `${SANDBOX_URL} (TikTok's test environment; not every endpoint is available there)`,
				},
				{ name: 'Custom URL', value: 'custom', description: 'A proxy or a test server' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: PRODUCTION_URL,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Root URL; the nodes add /open_api/v1.3/….',
		},
		requestTimeoutProperty('TikTok'),
	];

	// TikTok expects the raw token in Access-Token, not an Authorization: Bearer header.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'Access-Token': '={{$credentials.accessToken}}',
			},
		},
	};

	// No `test` request here: n8n prefers a credential's own test to the nodes' one, and its request test shows only
	// the bare error code ("ENOTFOUND") when the host cannot be reached. The Test button runs `tiktokBusinessApiTest`
	// (nodes/TikTok/credentialTest.ts), which both TikTok nodes name in their `testedBy`.
}

import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import {
	TIKTOK_PRODUCTION_URL as PRODUCTION_URL,
	TIKTOK_SANDBOX_URL as SANDBOX_URL,
} from '../nodes/TikTok/transport';
import { requestTimeoutProperty } from '../nodes/shared/request';

/** Base URL chosen by the credential's Environment field (the transport makes the same choice in code). */
const TIKTOK_BASE_URL_EXPRESSION = `={{ $credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : ($credentials.environment === "sandbox" ? "${SANDBOX_URL}" : "${PRODUCTION_URL}") }}`;

/**
 * TikTok answers authentication problems with HTTP 200 and a non-zero `code`, so the credential test checks the
 * body. n8n's rule fails the test when `body[key] === value` and cannot say "code ≠ 0", hence one rule per code with
 * a message of its own (codes from TikTok's return-code appendix), then a catch-all: every answer with a non-zero
 * code carries an empty `data`, so an answer without the user's `core_user_id` fails whatever its code.
 */
const FAILING_CODES: Array<[number, string]> = [
	[40104, 'TikTok received no access token. Paste the access token into this credential.'],
	[40105, 'TikTok rejected the access token: it is invalid or was revoked. Generate a new one.'],
	[40102, 'The access token has expired. Re-authorize the advertiser and paste the new token.'],
	[40101, 'TikTok rejected the app ID or secret behind this token.'],
	[40001, 'The token has no permission for this call. Re-authorize with the needed scopes.'],
	[40100, 'TikTok rate limit reached while testing. Wait a minute and test again.'],
];

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
			description:
				'Root URL; the nodes add /open_api/v1.3/…. If the Test shows ENOTFOUND, ECONNREFUSED or ETIMEDOUT, n8n could not reach this host: check this URL and your network (proxy, firewall).',
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

	test: ICredentialTestRequest = {
		request: {
			baseURL: TIKTOK_BASE_URL_EXPRESSION,
			url: '/open_api/v1.3/user/info/',
		},
		rules: [
			...FAILING_CODES.map(([code, message]) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'code', value: code, message: `${message} (TikTok code ${code})` },
			})),
			{
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'data.core_user_id',
					value: undefined,
					message:
						'TikTok did not accept this token (its answer had an error code and no user). Check the token, the Environment, and that the app is authorized for this advertiser.',
				},
			},
		],
	};
}

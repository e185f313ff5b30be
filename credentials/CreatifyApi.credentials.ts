import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { requestTimeoutProperty } from '../nodes/shared/request';

export class CreatifyApi implements ICredentialType {
	name = 'creatifyApi';

	displayName = 'Creatify API';

	icon: Icon = { light: 'file:../icons/creatify.svg', dark: 'file:../icons/creatify.dark.svg' };

	documentationUrl = 'https://docs.creatify.ai/quickstart';

	properties: INodeProperties[] = [
		{
			// Where the keys are: "API ID, from your settings page. API Key, from your settings page." (Creatify's
			// field reference); the quickstart names the API section and the paid plans.
			displayName:
				'Both values are in Creatify under <b>Settings → API</b> (paid plans only). <a href="https://docs.creatify.ai/quickstart" target="_blank">Where to find them</a>',
			name: 'whereToFind',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API ID',
			name: 'apiId',
			type: 'string',
			default: '',
			required: true,
			description: 'The API ID from the API section of your Creatify settings page',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API key from the API section of your Creatify settings page (paid plans only)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.creatify.ai',
			description:
				'Change only to go through a proxy or a test server. If the Test shows ENOTFOUND, ECONNREFUSED or ETIMEDOUT, n8n could not reach api.creatify.ai: check this URL and your network (proxy, firewall).',
		},
		requestTimeoutProperty('Creatify'),
	];

	// Creatify reads both headers on every call (docs: X-API-ID / X-API-KEY security schemes).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-ID': '={{$credentials.apiId}}',
				'X-API-KEY': '={{$credentials.apiKey}}',
			},
		},
	};

	// Free call: reading the remaining credits costs nothing and fails with 401 on a bad key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/remaining_credits/',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Creatify rejected the API ID or API key. Copy both again from Settings → API.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'This Creatify account has no API access. The API needs a paid plan.',
				},
			},
		],
	};
}

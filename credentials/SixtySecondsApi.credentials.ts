import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { requestTimeoutProperty } from '../nodes/shared/request';

export class SixtySecondsApi implements ICredentialType {
	name = 'sixtySecondsApi';

	displayName = 'SixtySeconds API';

	icon: Icon = {
		light: 'file:../icons/sixtyseconds.svg',
		dark: 'file:../icons/sixtyseconds.dark.svg',
	};

	documentationUrl = 'https://api.sixtyseconds.video/docs/intro';

	properties: INodeProperties[] = [
		{
			// "Get your API key from the developer dashboard" (SixtySeconds API docs, introduction).
			displayName:
				'The key is in your SixtySeconds <b>developer dashboard</b>. <a href="https://api.sixtyseconds.video/docs/intro" target="_blank">Where to find it</a>',
			name: 'whereToFind',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key from your SixtySeconds developer dashboard',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.sixtyseconds.video/v1',
			description:
				'Change only to go through a proxy or a test server. If the Test shows ENOTFOUND, ECONNREFUSED or ETIMEDOUT, n8n could not reach api.sixtyseconds.video: check this URL and your network (proxy, firewall).',
		},
		requestTimeoutProperty('SixtySeconds'),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// Listing one template is the cheapest authenticated read the API documents.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/templates',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'SixtySeconds rejected the API key. Copy it again from the developer dashboard.',
				},
			},
		],
	};
}

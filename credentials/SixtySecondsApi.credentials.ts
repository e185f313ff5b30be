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
			description: 'Change only to go through a proxy or a test server',
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

import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { requestTimeoutProperty } from '../nodes/shared/request';

export class GenviralApi implements ICredentialType {
	name = 'genviralApi';

	displayName = 'Genviral API';

	icon: Icon = { light: 'file:../icons/genviral.svg', dark: 'file:../icons/genviral.dark.svg' };

	documentationUrl = 'https://docs.genviral.io/api-reference/response';

	properties: INodeProperties[] = [
		{
			displayName: 'Partner API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. public_id.secret',
			description:
				'A workspace or personal partner API key from Genviral (format public_id.secret). Needs an active Creator, Professional or Business plan.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.genviral.io/api/partner/v1',
			description: 'Change only to go through a proxy or a test server',
		},
		requestTimeoutProperty('Genviral'),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// The docs' own first call: lists the connected accounts, 401 invalid_token on a bad key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/accounts',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Genviral rejected the partner API key. It has the form public_id.secret.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 402,
					message:
						'The key works, but the Partner API needs an active Creator, Professional or Business plan.',
				},
			},
		],
	};
}

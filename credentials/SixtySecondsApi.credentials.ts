import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';
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
			description: 'Change only to go through a proxy or a test server.',
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

	// No `test` request here: n8n prefers a credential's own test to the nodes' one, and its request test shows only
	// the bare error code ("ENOTFOUND") when the host cannot be reached. The Test button runs `sixtySecondsApiTest`
	// (nodes/SixtySeconds/credentialTest.ts), which the SixtySeconds node names in its `testedBy`.
}

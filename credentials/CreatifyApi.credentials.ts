import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';
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
			description: 'Change only to go through a proxy or a test server.',
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

	// No `test` request here: n8n prefers a credential's own test to the nodes' one, and its request test shows only
	// the bare error code ("ENOTFOUND") when the host cannot be reached. The Test button runs `creatifyApiTest`
	// (nodes/Creatify/credentialTest.ts), which the Creatify and Creatify Trigger nodes name in their `testedBy`.
}

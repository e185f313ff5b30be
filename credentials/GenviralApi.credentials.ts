import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';
import { requestTimeoutProperty } from '../nodes/shared/request';

export class GenviralApi implements ICredentialType {
	name = 'genviralApi';

	displayName = 'Genviral API';

	icon: Icon = { light: 'file:../icons/genviral.svg', dark: 'file:../icons/genviral.dark.svg' };

	// Genviral's docs have no page of their own on keys: the package's page says where the key is and what it needs.
	documentationUrl =
		'https://github.com/shortform-video/n8n-nodes-shortform-video/blob/main/docs/credentials.md#genviral-api';

	properties: INodeProperties[] = [
		{
			displayName:
				'Create a partner API key in your Genviral <b>API settings</b> (Creator, Professional or Business plan). <a href="https://github.com/shortform-video/n8n-nodes-shortform-video/blob/main/docs/credentials.md#genviral-api" target="_blank">Where to find it</a>',
			name: 'whereToFind',
			type: 'notice',
			default: '',
		},
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
			description: 'Change only to go through a proxy or a test server.',
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

	// No `test` request here: n8n prefers a credential's own test to the nodes' one, and its request test shows only
	// the bare error code ("ENOTFOUND") when the host cannot be reached. The Test button runs `genviralApiTest`
	// (nodes/Genviral/credentialTest.ts), which the Genviral node names in its `testedBy`.
}

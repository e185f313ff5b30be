import { credentialTest } from '../shared/credentialTest';

/**
 * The SixtySeconds API credential's Test: listing one template is the cheapest authenticated read the API documents.
 * Bearer authentication as the credential's `authenticate` sets it.
 */
export const sixtySecondsApiTest = credentialTest((credentials) => ({
	provider: 'SixtySeconds',
	baseUrl: String(credentials.baseUrl ?? ''),
	urlField: 'Base URL',
	path: '/templates',
	qs: { limit: 1 },
	headers: { Authorization: `Bearer ${String(credentials.apiKey ?? '')}` },
	refusals: {
		401: 'SixtySeconds rejected the API key. Copy it again from the developer dashboard.',
	},
}));

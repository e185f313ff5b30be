import { credentialTest } from '../shared/credentialTest';

/**
 * The Creatify API credential's Test: reading the remaining credits is free and answers 401 to a wrong API ID or
 * key. The headers are the ones the credential's `authenticate` sets (docs: X-API-ID / X-API-KEY).
 */
export const creatifyApiTest = credentialTest((credentials) => ({
	provider: 'Creatify',
	baseUrl: String(credentials.baseUrl ?? ''),
	urlField: 'Base URL',
	path: '/api/remaining_credits/',
	headers: {
		'X-API-ID': String(credentials.apiId ?? ''),
		'X-API-KEY': String(credentials.apiKey ?? ''),
	},
	refusals: {
		401: 'Creatify rejected the API ID or API key. Copy both again from Settings → API.',
		403: 'This Creatify account has no API access. The API needs a paid plan.',
	},
}));

import { credentialTest } from '../shared/credentialTest';

/**
 * The Genviral API credential's Test: the docs' own first call, listing the connected accounts, free and answered
 * 401 invalid_token to a bad key. Bearer authentication as the credential's `authenticate` sets it.
 */
export const genviralApiTest = credentialTest((credentials) => ({
	provider: 'Genviral',
	baseUrl: String(credentials.baseUrl ?? ''),
	urlField: 'Base URL',
	path: '/accounts',
	headers: { Authorization: `Bearer ${String(credentials.apiKey ?? '')}` },
	refusals: {
		401: 'Genviral rejected the partner API key. It has the form public_id.secret.',
		402: 'The key works, but the Partner API needs an active Creator, Professional or Business plan.',
	},
}));

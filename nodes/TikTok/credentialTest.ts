import { isJsonObject } from '../shared/request';
import { credentialTest } from '../shared/credentialTest';
import { tiktokBaseUrl } from './transport';

/**
 * TikTok answers authentication problems with HTTP 200 and a non-zero `code` (codes from TikTok's return-code
 * appendix), each with a message of its own; any other answer without the user's `core_user_id` fails too, since
 * every answer with a non-zero code carries an empty `data`.
 */
const FAILING_CODES: Record<number, string> = {
	40104: 'TikTok received no access token. Paste the access token into this credential.',
	40105: 'TikTok rejected the access token: it is invalid or was revoked. Generate a new one.',
	40102: 'The access token has expired. Re-authorize the advertiser and paste the new token.',
	40101: 'TikTok rejected the app ID or secret behind this token.',
	40001: 'The token has no permission for this call. Re-authorize with the needed scopes.',
	40100: 'TikTok rate limit reached while testing. Wait a minute and test again.',
};

const NO_USER =
	'TikTok did not accept this token (its answer had an error code and no user). Check the token, the Environment, and that the app is authorized for this advertiser.';

/**
 * The TikTok Business API credential's Test, shared by both TikTok nodes: user/info is free and reads who the token
 * belongs to. TikTok takes the raw token in Access-Token, as the credential's `authenticate` sets it.
 */
export const tiktokBusinessApiTest = credentialTest((credentials) => ({
	provider: 'TikTok',
	baseUrl: tiktokBaseUrl(credentials),
	urlField: credentials.environment === 'custom' ? 'Base URL' : 'Environment',
	path: '/open_api/v1.3/user/info/',
	headers: { 'Access-Token': String(credentials.accessToken ?? '') },
	refusals: {},
	refusedIn200(body) {
		const code = isJsonObject(body) ? Number(body.code) : NaN;
		if (FAILING_CODES[code]) return `${FAILING_CODES[code]} (TikTok code ${code})`;
		const data = isJsonObject(body) ? body.data : undefined;
		return isJsonObject(data) && data.core_user_id !== undefined ? undefined : NO_USER;
	},
}));

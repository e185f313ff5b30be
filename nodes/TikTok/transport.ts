import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { FailureKind } from '../shared/errors';
import { httpStatusFailureKind } from '../shared/errors';
import type { RateLimit } from '../shared/rateLimiter';
import type { RateLimitRule } from '../shared/request';
import { isJsonObject } from '../shared/request';
import { providerTransport } from '../shared/transport';
import { credentialTest } from '../shared/credentialTest';

/**
 * The one place that talks to TikTok API for Business (Digital Avatar and Refresh Ads).
 * TikTok quirks handled here:
 * - the token goes in `Access-Token` (set by the credential), not `Authorization`;
 * - every answer is an envelope `{code, message, request_id, data}` and errors usually arrive as HTTP 200 with a
 *   non-zero `code`;
 * - array and object query parameters are JSON-encoded (`task_ids=["1","2"]`), as the docs and TikTok's SDK do;
 * - paths end with a slash, or TikTok answers 404.
 */

/** TikTok API for Business hosts, chosen by the credential's Environment field (read by the credential and the transport). */
export const TIKTOK_PRODUCTION_URL = 'https://business-api.tiktok.com';
export const TIKTOK_SANDBOX_URL = 'https://sandbox-ads.tiktok.com';

const API_PREFIX = '/open_api/v1.3';

/** Global limits of a developer app on the default (Basic) tier: 10 QPS and 600 QPM. */
export const TIKTOK_GLOBAL_LIMITS: RateLimit[] = [
	{ limit: 10, intervalMs: 1_000 },
	{ limit: 600, intervalMs: 60_000 },
];

/** What status reads count against, for the job engine's spacing of its rounds. */
export const TIKTOK_READ_LIMITS = { provider: 'TikTok', limits: TIKTOK_GLOBAL_LIMITS };

/** Refresh task create: TikTok asks for at most 1 QPS and 5 QPM per developer app (TikTok API for Business, Refresh Ads documentation). */
export const TIKTOK_REFRESH_CREATE_LIMITS: RateLimitRule = {
	group: 'refresh-create',
	limits: [
		{ limit: 1, intervalMs: 1_000 },
		{ limit: 5, intervalMs: 60_000 },
	],
};

/** After a rate-limit answer TikTok may pause the app for about 5 minutes; start with a shorter pause. */
const RATE_LIMIT_BACKOFF_MS = 10_000;

const CREDENTIAL_HINT =
	'Open the TikTok Business API credential and paste a valid long-term access token (re-authorize the advertiser if it was revoked).';
const PERMISSION_HINT =
	'The developer app or token lacks the "Generative AI Tool > Video Generation" permission. Add it to the app in the TikTok developer portal, then re-authorize the advertiser to get a new token (required since 6 September 2024).';
const ALLOWLIST_HINT =
	'Digital Avatar and Refresh Ads are allowlist-only Alpha APIs. Ask your TikTok representative to allowlist your developer app.';
const RATE_LIMIT_HINT =
	'TikTok rate limit reached (app limits: 10 requests per second, 600 per minute; Refresh Ads create 1 per second, 5 per minute). Wait a few minutes and run again.';
const VIDEO_URL_HINT =
	'TikTok could not use the video at that URL. It must be publicly reachable, serve the video file itself (not a web page), be .mp4 or .mov, 2–180 seconds, aspect ratio 9:16, 16:9 or 1:1, ideally under 10 MB (under 70 MB for refresh tasks).';
const PARAMETER_HINT = "Check the node's fields against the limits given in their descriptions.";
const SERVER_HINT = 'TikTok had a temporary problem. Try again in a few minutes.';

/** The root URL the credential's Environment field chooses. */
export function tiktokBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom' && credentials.baseUrl)
		return String(credentials.baseUrl);
	if (credentials.environment === 'sandbox') return TIKTOK_SANDBOX_URL;
	return TIKTOK_PRODUCTION_URL;
}

interface CodeInfo {
	hint: string;
	kind: FailureKind;
}

/** TikTok return codes (appendix of the API for Business docs) → what the user should do. */
const CODE_INFO: Record<number, CodeInfo> = {
	40000: { hint: PARAMETER_HINT, kind: 'permanent' },
	40001: { hint: PERMISSION_HINT, kind: 'permanent' },
	40002: { hint: PARAMETER_HINT, kind: 'permanent' },
	40007: {
		hint: 'The ID was not found under this TikTok For Business account. Check the ID and the credential.',
		kind: 'permanent',
	},
	40011: { hint: 'Too many IDs in one request; the node sends at most 5.', kind: 'permanent' },
	40016: { hint: RATE_LIMIT_HINT, kind: 'rateLimit' },
	40100: { hint: RATE_LIMIT_HINT, kind: 'rateLimit' },
	40101: { hint: CREDENTIAL_HINT, kind: 'permanent' },
	40102: {
		hint: 'The access token has expired or was de-authorized. Re-authorize the advertiser and update the credential.',
		kind: 'permanent',
	},
	40104: { hint: CREDENTIAL_HINT, kind: 'permanent' },
	40105: { hint: CREDENTIAL_HINT, kind: 'permanent' },
	40118: { hint: ALLOWLIST_HINT, kind: 'permanent' },
	40125: { hint: PERMISSION_HINT, kind: 'permanent' },
	40130: { hint: PERMISSION_HINT, kind: 'permanent' },
	40133: { hint: RATE_LIMIT_HINT, kind: 'rateLimit' },
	40900: { hint: 'The file signature (MD5) did not match the file.', kind: 'permanent' },
	40902: { hint: VIDEO_URL_HINT, kind: 'permanent' },
	40907: { hint: VIDEO_URL_HINT, kind: 'permanent' },
	40908: { hint: VIDEO_URL_HINT, kind: 'permanent' },
	40914: { hint: VIDEO_URL_HINT, kind: 'permanent' },
	40915: { hint: VIDEO_URL_HINT, kind: 'permanent' },
	50000: { hint: SERVER_HINT, kind: 'transient' },
	50002: { hint: SERVER_HINT, kind: 'transient' },
	60001: {
		hint: 'TikTok API for Business is under maintenance. Try again later.',
		kind: 'transient',
	},
};

/** TikTok reads array and object query parameters as JSON text. */
export function encodeTiktokQuery(qs: IDataObject = {}): IDataObject {
	const encoded: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (value === undefined || value === null || value === '') continue;
		encoded[key] = typeof value === 'object' ? JSON.stringify(value) : value;
	}
	return encoded;
}

/**
 * Calls a TikTok API for Business endpoint (`endpoint` is the path after /open_api/v1.3, with its trailing slash)
 * and returns the envelope's `data`. Any non-zero `code` becomes a NodeApiError with TikTok's code, message,
 * request id and a hint.
 */
export const tiktokApiRequest = providerTransport({
	provider: 'TikTok',
	credentialType: 'tiktokBusinessApi',
	baseUrl: (credentials) => tiktokBaseUrl(credentials),
	pathPrefix: API_PREFIX,
	trailingSlash: true,
	encodeQuery: encodeTiktokQuery,
	limits: TIKTOK_GLOBAL_LIMITS,
	rateLimitBackoffMs: RATE_LIMIT_BACKOFF_MS,
	read({ statusCode, body }, { method, path }) {
		if (!isJsonObject(body) || typeof body.code !== 'number') {
			const kind = statusCode >= 400 ? httpStatusFailureKind(statusCode) : 'transient';
			return {
				failure: {
					message:
						statusCode >= 400
							? `HTTP ${statusCode} for ${method} ${path}`
							: `Unreadable answer for ${method} ${path}`,
					hint: kind === 'rateLimit' ? RATE_LIMIT_HINT : SERVER_HINT,
					kind,
				},
			};
		}
		if (body.code === 0) return { data: isJsonObject(body.data) ? body.data : {} };
		const info = CODE_INFO[body.code] ?? {
			hint: PARAMETER_HINT,
			kind: statusCode >= 500 ? 'transient' : 'permanent',
		};
		return {
			failure: {
				message: typeof body.message === 'string' ? body.message : 'Request failed',
				code: body.code,
				requestId: typeof body.request_id === 'string' ? body.request_id : undefined,
				hint: info.hint,
				kind: info.kind,
				body,
			},
		};
	},
});

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

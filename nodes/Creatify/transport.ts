import { httpStatusFailureKind } from '../shared/errors';
import { inFlightLimit } from '../shared/rateLimiter';
import { isJsonObject } from '../shared/request';
import type { ProviderFailure } from '../shared/transport';
import { providerTransport, readableText } from '../shared/transport';
import { credentialTest } from '../shared/credentialTest';

/**
 * The one place that talks to the Creatify API. Paths start with /api/ and end with a slash. Validation failures
 * are HTTP 400 with a JSON array of messages (e.g. ["Failed to scrape url: …"]); other errors follow Django REST
 * Framework's `{"detail": "…"}` or field → messages. No rate limits are published: at most a few requests in
 * flight per credential, and a back-off when Creatify answers 429.
 */

const CREDENTIAL_HINT =
	'Open the Creatify API credential and check the API ID and API key (Creatify settings → API). The API needs a paid plan.';
const CREDITS_HINT = 'Your Creatify account is out of credits. Top up, then run again.';
const RATE_LIMIT_HINT = 'Creatify rate limit reached. Wait a minute and run again.';
const PRODUCT_PAGE_HINT =
	"Creatify could not read that link as a product page. Use the product's page in an online shop, not a social-media post, a video page or a media file; or describe the product with Link → Create with Parameters.";

/**
 * Requests in flight at once per credential. No limit is published; users' own loops send every item at once, so this
 * only keeps a large batch from arriving all together while letting creates and reads go about as fast as theirs.
 * Twice SixtySeconds' number: a video from a product URL takes two requests (its link, then the video) before its
 * render starts (10 left 200 videos 0.6 s behind such a loop in `npm run bench:n8n`; 20 put them ahead).
 */
export const CREATIFY_MAX_CONCURRENT_REQUESTS = 20;

/** Reads Creatify's error bodies: an array of messages, `{detail}`, or field → messages. */
export function creatifyErrorMessage(body: unknown): string | undefined {
	if (Array.isArray(body)) return body.map(String).join('; ');
	if (!isJsonObject(body)) return readableText(body);
	if (typeof body.detail === 'string') return body.detail;
	const fieldErrors = Object.entries(body).map(
		([field, messages]) => `${field}: ${fieldMessages(messages)}`,
	);
	return fieldErrors.length ? fieldErrors.join('; ') : undefined;
}

/** DRF nests the errors of list items and sub-objects: {"image_urls": {"1": ["Enter a valid URL."]}}. */
function fieldMessages(messages: unknown): string {
	if (Array.isArray(messages)) return messages.map(fieldMessages).join(' ');
	if (isJsonObject(messages)) {
		return Object.entries(messages)
			.map(([key, inner]) => `${key}: ${fieldMessages(inner)}`)
			.join(', ');
	}
	return String(messages);
}

function creatifyFailure(statusCode: number, body: unknown, what: string): ProviderFailure {
	const message =
		creatifyErrorMessage(body) ?? `Unreadable answer (HTTP ${statusCode}) for ${what}`;
	const failure: ProviderFailure = {
		message,
		kind: statusCode >= 400 ? httpStatusFailureKind(statusCode) : 'transient',
		body: isJsonObject(body) ? body : { messages: Array.isArray(body) ? body.map(String) : [] },
	};
	if (statusCode === 401 || statusCode === 403) failure.hint = CREDENTIAL_HINT;
	if (statusCode === 402 || /insufficient credit|not enough credit/i.test(message)) {
		failure.hint = CREDITS_HINT;
		failure.kind = 'permanent';
	}
	if (failure.kind === 'rateLimit') failure.hint = RATE_LIMIT_HINT;
	// Creatify's refusals of a page it cannot use as a product (HTTP 400, Link to Video docs).
	if (
		statusCode === 400 &&
		/failed to scrape url|link must have at least one image or one video/i.test(message)
	)
		failure.hint = PRODUCT_PAGE_HINT;
	return failure;
}

/** Calls a Creatify endpoint (path after /api, with its trailing slash) and returns the parsed body. */
export const creatifyApiRequest = providerTransport({
	provider: 'Creatify',
	credentialType: 'creatifyApi',
	baseUrl: (credentials) => String(credentials.baseUrl),
	pathPrefix: '/api',
	trailingSlash: true,
	limits: [inFlightLimit(CREATIFY_MAX_CONCURRENT_REQUESTS)],
	rateLimitBackoffMs: 5_000,
	read({ statusCode, body }, { method, path }) {
		if (statusCode < 400 && (isJsonObject(body) || Array.isArray(body))) return { data: body };
		return { failure: creatifyFailure(statusCode, body, `${method} ${path}`) };
	},
});

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

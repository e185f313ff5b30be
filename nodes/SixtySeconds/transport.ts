import { httpStatusFailureKind } from '../shared/errors';
import { inFlightLimit } from '../shared/rateLimiter';
import { isJsonObject } from '../shared/request';
import type { RetryPolicy } from '../shared/transport';
import { providerTransport, readableText } from '../shared/transport';
import { credentialTest } from '../shared/credentialTest';

/**
 * The one place that talks to the SixtySeconds Videos API: plain JSON, single resources bare and lists as
 * `{data, pagination}`. Its error format is not documented, so messages are read from the usual shapes
 * (`{error: {code, message}}`, `{error: "…"}`, `{message}`). No rate limits are published: at most a few requests
 * in flight per credential, and a back-off when SixtySeconds answers 429.
 */

/**
 * Requests in flight at once per credential. No limit is published; users' own loops send every item at once, so this
 * only keeps a large batch from arriving all together while letting creates and reads go about as fast as theirs.
 */
export const SIXTYSECONDS_MAX_CONCURRENT_REQUESTS = 10;

function readError(body: unknown): { code?: string; message?: string } {
	if (!isJsonObject(body)) return { message: readableText(body) };
	const error = body.error;
	if (isJsonObject(error)) {
		return {
			code: typeof error.code === 'string' ? error.code : undefined,
			message: typeof error.message === 'string' ? error.message : undefined,
		};
	}
	if (typeof error === 'string') return { message: error };
	return { message: typeof body.message === 'string' ? body.message : undefined };
}

function hintFor(statusCode: number): string | undefined {
	if (statusCode === 401 || statusCode === 403) {
		return 'Open the SixtySeconds API credential and paste a valid API key from the developer dashboard.';
	}
	if (statusCode === 404) return 'Check the ID: it was not found in this SixtySeconds account.';
	if (statusCode === 429) return 'SixtySeconds rate limit reached. Wait a minute and run again.';
	return undefined;
}

/** Calls a SixtySeconds endpoint (path after /v1) and returns the parsed body. */
export const sixtySecondsApiRequest = providerTransport({
	provider: 'SixtySeconds',
	credentialType: 'sixtySecondsApi',
	baseUrl: (credentials) => String(credentials.baseUrl),
	limits: [inFlightLimit(SIXTYSECONDS_MAX_CONCURRENT_REQUESTS)],
	rateLimitBackoffMs: 5_000,
	read({ statusCode, body }, { method, path }) {
		if (statusCode < 400 && isJsonObject(body)) return { data: body };
		const { code, message } = readError(body);
		return {
			failure: {
				message: message ?? `Unreadable answer (HTTP ${statusCode}) for ${method} ${path}`,
				code,
				hint: hintFor(statusCode),
				kind: statusCode >= 400 ? httpStatusFailureKind(statusCode) : 'transient',
			},
		};
	},
});

/**
 * Free reads (list pages, templates) are sent again while SixtySeconds refuses them for rate, 4 attempts in all:
 * the transport holds its bucket, so the next attempt waits for it.
 */
export const SIXTYSECONDS_READ_RETRY: RetryPolicy = {
	rateLimitAttempts: 4,
	transientAttempts: 1,
	delayMs: 0,
};

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

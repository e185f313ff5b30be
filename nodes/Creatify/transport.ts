import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { FailureKind } from '../shared/errors';
import { httpStatusFailureKind, providerApiError } from '../shared/errors';
import { backOffRateLimit } from '../shared/rateLimiter';
import type { ApiContext, ApiRequestOptions } from '../shared/request';
import { isJsonObject, joinUrl, rateLimitBucket, sendProviderRequest } from '../shared/request';

/**
 * The one place that talks to the Creatify API. Paths start with /api/ and end with a slash. Validation failures
 * are HTTP 400 with a JSON array of messages (e.g. ["Failed to scrape url: …"]); other errors follow Django REST
 * Framework's `{"detail": "…"}`. No rate limits are published, so the node backs off only when told (429).
 */

const PROVIDER = 'Creatify';
const CREDENTIAL_TYPE = 'creatifyApi';
const RATE_LIMIT_GROUP = 'global';
const RATE_LIMIT_BACKOFF_MS = 5_000;

const CREDENTIAL_HINT =
	'Open the Creatify API credential and check the API ID and API key (Creatify settings → API). The API needs a paid plan.';
const CREDITS_HINT = 'Your Creatify account is out of credits. Top up, then run again.';

/** A short plain-text answer is worth showing; an HTML error page or a cut-off JSON body is not. */
function readableText(body: unknown): string | undefined {
	return typeof body === 'string' && body.length < 500 && !/^\s*[<{[]/.test(body)
		? body
		: undefined;
}

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

/** Calls a Creatify endpoint (path after /api, with its trailing slash) and returns the parsed body. */
export async function creatifyApiRequest<T = IDataObject>(
	this: ApiContext,
	method: IHttpRequestMethods,
	endpoint: string,
	options: ApiRequestOptions = {},
): Promise<T> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const path = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
	const { statusCode, body } = await sendProviderRequest.call(this, {
		provider: PROVIDER,
		credentialType: CREDENTIAL_TYPE,
		method,
		url: joinUrl(String(credentials.baseUrl), `/api${path}`),
		qs: options.qs,
		body: options.body,
		rateLimits: [{ group: RATE_LIMIT_GROUP, limits: [] }],
	});

	if (statusCode < 400 && (isJsonObject(body) || Array.isArray(body))) return body as T;

	const message =
		creatifyErrorMessage(body) ?? `Unreadable answer (HTTP ${statusCode}) for ${method} ${path}`;
	let kind: FailureKind = statusCode >= 400 ? httpStatusFailureKind(statusCode) : 'transient';
	let hint: string | undefined;
	if (statusCode === 401 || statusCode === 403) hint = CREDENTIAL_HINT;
	if (statusCode === 402 || /insufficient credit|not enough credit/i.test(message)) {
		hint = CREDITS_HINT;
		kind = 'permanent';
	}
	if (kind === 'rateLimit') {
		hint = 'Creatify rate limit reached. Wait a minute and run again.';
		backOffRateLimit(
			rateLimitBucket(this, PROVIDER, CREDENTIAL_TYPE, RATE_LIMIT_GROUP),
			RATE_LIMIT_BACKOFF_MS,
		);
	}

	throw providerApiError(
		this.getNode(),
		{ provider: PROVIDER, message, httpStatus: statusCode, hint, kind },
		isJsonObject(body) ? body : { messages: Array.isArray(body) ? body.map(String) : [] },
	);
}

import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { FailureKind } from '../shared/errors';
import { httpStatusFailureKind, providerApiError } from '../shared/errors';
import { backOffRateLimit } from '../shared/rateLimiter';
import type { ApiContext, ApiRequestOptions } from '../shared/request';
import { isJsonObject, joinUrl, rateLimitBucket, sendProviderRequest } from '../shared/request';

/**
 * The one place that talks to the SixtySeconds Videos API: plain JSON, single resources bare and lists as
 * `{data, pagination}`. Its error format is not documented, so messages are read from the usual shapes
 * (`{error: {code, message}}`, `{error: "…"}`, `{message}`).
 */

const PROVIDER = 'SixtySeconds';
const CREDENTIAL_TYPE = 'sixtySecondsApi';
const RATE_LIMIT_GROUP = 'global';
const RATE_LIMIT_BACKOFF_MS = 5_000;

function readError(body: unknown): { code?: string; message?: string } {
	if (!isJsonObject(body)) {
		// A short plain-text answer is worth showing; an HTML error page or a cut-off JSON body is not.
		const readable = typeof body === 'string' && body.length < 500 && !/^\s*[<{[]/.test(body);
		return { message: readable ? body : undefined };
	}
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

/** Calls a SixtySeconds endpoint (path after /v1) and returns the parsed body. */
export async function sixtySecondsApiRequest<T = IDataObject>(
	this: ApiContext,
	method: IHttpRequestMethods,
	endpoint: string,
	options: ApiRequestOptions = {},
): Promise<T> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const { statusCode, body } = await sendProviderRequest.call(this, {
		provider: PROVIDER,
		credentialType: CREDENTIAL_TYPE,
		method,
		url: joinUrl(String(credentials.baseUrl), endpoint),
		qs: options.qs,
		body: options.body,
		rateLimits: [{ group: RATE_LIMIT_GROUP, limits: [] }],
	});

	if (statusCode < 400 && isJsonObject(body)) return body as T;

	const { code, message } = readError(body);
	const kind: FailureKind = statusCode >= 400 ? httpStatusFailureKind(statusCode) : 'transient';
	let hint: string | undefined;
	if (statusCode === 401 || statusCode === 403) {
		hint =
			'Open the SixtySeconds API credential and paste a valid API key from the developer dashboard.';
	} else if (statusCode === 404) {
		hint = 'Check the ID: it was not found in this SixtySeconds account.';
	} else if (kind === 'rateLimit') {
		hint = 'SixtySeconds rate limit reached. Wait a minute and run again.';
		backOffRateLimit(
			rateLimitBucket(this, PROVIDER, CREDENTIAL_TYPE, RATE_LIMIT_GROUP),
			RATE_LIMIT_BACKOFF_MS,
		);
	}

	throw providerApiError(
		this.getNode(),
		{
			provider: PROVIDER,
			message: message ?? `Unreadable answer (HTTP ${statusCode}) for ${method} ${endpoint}`,
			code,
			httpStatus: statusCode,
			hint,
			kind,
		},
		isJsonObject(body) ? body : {},
	);
}

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	JsonObject,
	NodeApiError,
} from 'n8n-workflow';

import type { FailureKind } from './errors';
import { providerApiError } from './errors';
import type { RateLimit } from './rateLimiter';
import { backOffRateLimit } from './rateLimiter';
import type { ApiContext, ProviderResponse, RateLimitRule } from './request';
import {
	isJsonObject,
	joinUrl,
	rateLimitBucket,
	requestTimeoutMs,
	sendProviderRequest,
} from './request';

/**
 * The skeleton every provider transport shares: credentials → send (paced) → read the answer → back off on a
 * rate-limit answer → NodeApiError with the provider's code and message. A provider file only says what is its
 * own: where its API lives, how to read its answers (its envelope and error format), its hints and its limits.
 */

/** What went wrong, as the provider said it. */
export interface ProviderFailure {
	/** The provider's own message. */
	message: string;
	/** The provider's own error code, when it sent one. */
	code?: string | number;
	requestId?: string;
	/** What the user should do about it. */
	hint?: string;
	kind: FailureKind;
	/** The part of the answer worth keeping in the error (never the request, which holds the credential). */
	body?: JsonObject;
}

export type ProviderAnswer = { data: unknown } | { failure: ProviderFailure };

export interface ProviderTransportConfig {
	/** The provider's name as users know it, e.g. "TikTok". */
	provider: string;
	credentialType: string;
	/** Root URL of the API for this credential. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** Put before every endpoint in the URL, e.g. "/open_api/v1.3". */
	pathPrefix?: string;
	/** Whether endpoints end with a slash (TikTok and Creatify answer 404 without it). */
	trailingSlash?: boolean;
	/** How query parameters are written (TikTok JSON-encodes arrays); as given by default. */
	encodeQuery?(qs: IDataObject): IDataObject;
	/** Limits per credential, for every request (none published: an in-flight cap, see `inFlightLimit`). */
	limits: RateLimit[];
	/** First hold after a rate-limit answer (the limiter doubles it on repeated refusals). */
	rateLimitBackoffMs: number;
	/** Reads an answer whatever its HTTP status: the data of a success, or what went wrong (`path`: the endpoint). */
	read(
		response: ProviderResponse,
		request: { method: IHttpRequestMethods; path: string },
	): ProviderAnswer;
}

export interface TransportRequestOptions {
	qs?: IDataObject;
	body?: IDataObject;
	/** Extra pacing of this endpoint beyond the provider's limits (e.g. TikTok's refresh task create). */
	rateLimits?: RateLimitRule[];
	/**
	 * For free requests only (reads, uploads): send again when the provider refuses for rate — it did not accept the
	 * request, and the held bucket spaces the attempts. Paid creates never set this: the job engine decides.
	 */
	retryRateLimited?: boolean;
}

/** Attempts of a free request refused for rate (the holds between them double, up to five minutes). */
const RATE_LIMITED_ATTEMPTS = 6;

export type ProviderRequestFunction = <T = IDataObject>(
	this: ApiContext,
	method: IHttpRequestMethods,
	endpoint: string,
	options?: TransportRequestOptions,
) => Promise<T>;

/** Every request of a provider counts against this group, per credential; rate-limit answers hold it. */
const PROVIDER_GROUP = 'global';

/** Each node run's credentials by type (see `credentialsOfRun`). */
const credentialReads = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

/**
 * The credential, read once per node run: n8n reads it from its database and decrypts it at every call, and a run of
 * 50 items sends hundreds of requests. A failed read is not kept, so the next request asks again.
 */
async function credentialsOfRun(
	context: ApiContext,
	credentialType: string,
): Promise<ICredentialDataDecryptedObject> {
	let reads = credentialReads.get(context);
	if (!reads) {
		reads = new Map();
		credentialReads.set(context, reads);
	}
	let read = reads.get(credentialType);
	if (!read) {
		read = context.getCredentials<ICredentialDataDecryptedObject>(credentialType);
		reads.set(credentialType, read);
		read.catch(() => reads?.delete(credentialType));
	}
	return await read;
}

/** Builds a provider's one request function from what is its own. */
export function providerTransport(config: ProviderTransportConfig): ProviderRequestFunction {
	return async function providerRequest<T = IDataObject>(
		this: ApiContext,
		method: IHttpRequestMethods,
		endpoint: string,
		options: TransportRequestOptions = {},
	): Promise<T> {
		for (let attempt = 1; ; attempt++) {
			const answer = await requestOnce.call(this, method, endpoint, options);
			if ('data' in answer) return answer.data as T;
			const retry =
				options.retryRateLimited &&
				attempt < RATE_LIMITED_ATTEMPTS &&
				answer.error.context.failureKind === 'rateLimit';
			if (!retry) throw answer.error;
		}
	};

	/** One request: its data, or the provider's refusal as the NodeApiError to throw. */
	async function requestOnce(
		this: ApiContext,
		method: IHttpRequestMethods,
		endpoint: string,
		options: TransportRequestOptions,
	): Promise<{ data: unknown } | { error: NodeApiError }> {
		const credentials = await credentialsOfRun(this, config.credentialType);
		const path = config.trailingSlash && !endpoint.endsWith('/') ? `${endpoint}/` : endpoint;
		const qs = options.qs && config.encodeQuery ? config.encodeQuery(options.qs) : options.qs;

		const response = await sendProviderRequest.call(this, {
			provider: config.provider,
			credentialType: config.credentialType,
			method,
			url: joinUrl(config.baseUrl(credentials), `${config.pathPrefix ?? ''}${path}`),
			qs,
			body: options.body,
			rateLimits: [{ group: PROVIDER_GROUP, limits: config.limits }, ...(options.rateLimits ?? [])],
			timeout: requestTimeoutMs(credentials),
		});

		const answer = config.read(response, { method, path });
		if ('data' in answer) return { data: answer.data };

		const { failure } = answer;
		if (failure.kind === 'rateLimit') {
			// As long as the provider asks (Retry-After), else the provider's usual first hold.
			backOffRateLimit(
				rateLimitBucket(this, config.provider, config.credentialType, PROVIDER_GROUP),
				response.retryAfterMs ?? config.rateLimitBackoffMs,
			);
		}
		const error = providerApiError(
			this.getNode(),
			{
				provider: config.provider,
				message: failure.message,
				code: failure.code,
				httpStatus: response.statusCode,
				requestId: failure.requestId,
				hint: failure.hint,
				kind: failure.kind,
			},
			failure.body ?? (isJsonObject(response.body) ? response.body : {}),
		);
		return { error };
	}
}

/** A short plain-text answer is worth showing; an HTML error page or a cut-off JSON body is not. */
export function readableText(body: unknown): string | undefined {
	return typeof body === 'string' && body.length < 500 && !/^\s*[<{[]/.test(body)
		? body
		: undefined;
}

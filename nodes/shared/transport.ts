import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	JsonObject,
	NodeApiError,
} from 'n8n-workflow';

import type { FailureKind } from './errors';
import { failureKind, providerApiError } from './errors';
import type { RateLimit } from './rateLimiter';
import { backOffRateLimit } from './rateLimiter';
import type { ApiContext, ProviderResponse, RateLimitRule } from './request';
import { sleep } from './sleep';
import {
	cancelSignalOf,
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
	 * For free requests only (reads, previews, uploads): how to send again after a failure (see `RetryPolicy`). Paid
	 * creates never set this: the job engine decides, and re-sends only what the provider refused for rate.
	 */
	retry?: RetryPolicy;
}

/**
 * How a call that costs nothing and changes nothing is sent again. A rate-limit refusal was not accepted, so it is
 * waited out (the transport holds the credential's bucket after a 429, so the next attempt goes when the provider is
 * ready again); a 5xx, a timeout or a dropped connection is tried again a few times; a permanent error is final.
 */
export interface RetryPolicy {
	/** Attempts in all while the provider refuses for rate. */
	rateLimitAttempts: number;
	/** Attempts in all while the failure is transient (1: not retried). */
	transientAttempts: number;
	/** Pause before attempt n + 1: n × this (0: only the held bucket spaces the attempts). */
	delayMs: number;
}

/** Free reads and previews: 6 attempts on rate limits, 3 on passing failures, 1 s × n between them. */
export const FREE_CALL_RETRY: RetryPolicy = {
	rateLimitAttempts: 6,
	transientAttempts: 3,
	delayMs: 1_000,
};

/** Only rate-limit refusals, spaced by the held bucket alone (the holds double, up to five minutes). */
export const RATE_LIMIT_RETRY: RetryPolicy = {
	rateLimitAttempts: 6,
	transientAttempts: 1,
	delayMs: 0,
};

/**
 * Runs a free call under `policy`: its answer, or the last failure as it was thrown. A cancelled run stops at once.
 * `pause` is n8n's sleep (tests pass a virtual clock).
 */
export async function retryFreeCall<T>(
	call: () => Promise<T>,
	policy: RetryPolicy,
	options: RetryOptions = {},
): Promise<T> {
	const outcome = await settleFreeCall(call, policy, options);
	if (!outcome.ok) throw outcome.error;
	return outcome.value;
}

export interface RetryOptions {
	signal?: AbortSignal;
	pause?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * `retryFreeCall` for callers that keep a failure per call (one link per URL, one batch of job reads): the last
 * failure is returned, not thrown. A cancellation during a pause between attempts is thrown: it ends the run.
 */
export async function settleFreeCall<T>(
	call: () => Promise<T>,
	policy: RetryPolicy,
	options: RetryOptions = {},
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	const { signal, pause = sleep } = options;
	for (let attempt = 1; ; attempt++) {
		let failure: unknown;
		try {
			return { ok: true, value: await call() };
		} catch (error) {
			failure = error;
		}
		const kind = failureKind(failure);
		const again =
			kind === 'rateLimit'
				? attempt < policy.rateLimitAttempts
				: kind !== 'permanent' && attempt < policy.transientAttempts;
		if (!again || signal?.aborted) return { ok: false, error: failure };
		if (policy.delayMs > 0) await pause(policy.delayMs * attempt, signal);
	}
}

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
		const send = async () => {
			const answer = await requestOnce.call(this, method, endpoint, options);
			if ('data' in answer) return answer.data as T;
			throw answer.error;
		};
		if (!options.retry) return await send();
		return await retryFreeCall(send, options.retry, { signal: cancelSignalOf(this) });
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

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeProperties,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import { isTimeout, networkFailureKind, providerApiError } from './errors';
import type { RateLimit } from './rateLimiter';
import { noteRateLimitWait, reportRateLimitWait } from './progress';
import { acquireRateLimits } from './rateLimiter';

/** The contexts a transport is called from: node execution, dropdown loading and webhook triggers. */
export type ApiContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export interface RateLimitRule {
	/** Endpoint group, e.g. "global" or "refresh-create"; the bucket is also keyed by provider and credential. */
	group: string;
	limits: RateLimit[];
}

export interface ProviderRequest {
	provider: string;
	credentialType: string;
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	rateLimits?: RateLimitRule[];
	/** Milliseconds before giving up on an answer. */
	timeout?: number;
}

export interface ProviderResponse {
	statusCode: number;
	/** How long the provider asks to wait before the next request (its `Retry-After` header), when it says. */
	retryAfterMs?: number;
	/** Parsed JSON when the body was JSON, the raw text otherwise. */
	body: unknown;
}

/** The credentials' Request Timeout default (seconds × 1000), also used where a credential leaves it out. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Rate-limit waits shorter than this (a few per-second slots) are not worth telling. */
const NOTABLE_WAIT_MS = 2_000;

/** The Request Timeout field every credential of the package has; `requestTimeoutMs` reads it. */
export function requestTimeoutProperty(provider: string): INodeProperties {
	return {
		displayName: 'Request Timeout (Seconds)',
		name: 'requestTimeout',
		type: 'number',
		default: 60, // DEFAULT_TIMEOUT_MS in seconds (the lint wants a literal)
		typeOptions: { minValue: 1, maxValue: 300 },
		description: `How long to wait for ${provider} to answer a request, and for more data while a result file downloads, before giving up. A create whose answer does not come in time is reported as possibly created, never sent again.`,
	};
}

/** The credential's Request Timeout (seconds) in milliseconds; the default when unset or not a positive number. */
export function requestTimeoutMs(credentials: ICredentialDataDecryptedObject | undefined): number {
	const seconds = Number(credentials?.requestTimeout);
	return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}

/** The Request Timeout of the node's credential of this type, in milliseconds (e.g. for downloads). */
export async function credentialTimeoutMs(
	context: IExecuteFunctions,
	credentialType: string,
): Promise<number> {
	return requestTimeoutMs(
		await context.getCredentials<ICredentialDataDecryptedObject>(credentialType),
	);
}

/** The run's cancel signal, when the context has one (dropdown loading has none). */
export function cancelSignalOf(context: ApiContext): AbortSignal | undefined {
	const withSignal = context as Partial<IExecuteFunctions>;
	return typeof withSignal.getExecutionCancelSignal === 'function'
		? withSignal.getExecutionCancelSignal()
		: undefined;
}

/** Rate-limit bucket of a provider endpoint group for the credential in use (never the secret itself). */
export function rateLimitBucket(
	context: ApiContext,
	provider: string,
	credentialType: string,
	group: string,
) {
	const credentialId = context.getNode().credentials?.[credentialType]?.id ?? 'default';
	return `${provider}:${credentialId}:${group}`;
}

/**
 * Sends one authenticated request and hands back the status and body whatever the status, so that each provider's
 * transport can read its own error format. Network failures become a NodeApiError whose failure kind tells the
 * job engine whether the request may have reached the provider. The request options (which carry the credential
 * once authenticated) never go into an error.
 */
export async function sendProviderRequest(
	this: ApiContext,
	request: ProviderRequest,
): Promise<ProviderResponse> {
	const signal = cancelSignalOf(this);
	// One request counts against every bucket it belongs to (e.g. TikTok's app-wide limit and the refresh-create
	// limit), taken together so that no slot is held while waiting for another.
	// A wait of more than a few seconds (TikTok's 5 refresh creates per minute) is said while it lasts and shown on
	// the node afterwards, not silent.
	const waitStarted = Date.now();
	const rateLimitDone = await acquireRateLimits(
		(request.rateLimits ?? []).map((rule) => ({
			bucket: rateLimitBucket(this, request.provider, request.credentialType, rule.group),
			limits: rule.limits,
		})),
		signal,
		() => {
			const waitedMs = Date.now() - waitStarted;
			if (waitedMs >= NOTABLE_WAIT_MS) reportRateLimitWait(this, request.provider, waitedMs);
		},
	);
	const waitEnded = Date.now();
	if (waitEnded - waitStarted >= NOTABLE_WAIT_MS) {
		noteRateLimitWait(this, request.provider, waitStarted, waitEnded);
	}

	const timeout = request.timeout ?? DEFAULT_TIMEOUT_MS;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		body: request.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout,
		abortSignal: signal,
	};
	if (request.body === undefined) delete options.body;

	let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> };
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			request.credentialType,
			options,
		)) as typeof response;
	} catch (error) {
		if (signal?.aborted) {
			throw new NodeOperationError(this.getNode(), 'The run was cancelled', {
				description: `${request.provider} may have received ${request.method} ${new URL(request.url).pathname} before the cancellation.`,
			});
		}
		const kind = networkFailureKind(error);
		const where = `(${request.method} ${new URL(request.url).pathname})`;
		const timedOut = kind === 'connectionLost' && isTimeout(error);
		throw providerApiError(this.getNode(), {
			provider: request.provider,
			message: timedOut
				? `No answer from ${request.provider} within ${Math.round(timeout / 1000)} s`
				: kind === 'connectionLost'
					? `The connection was lost before ${request.provider} answered`
					: `Could not reach ${request.provider}`,
			code: (error as { code?: string }).code,
			hint: timedOut
				? `${request.provider} may be slow or overloaded; Request Timeout in the credential sets how long to wait. ${where}`
				: kind === 'notSent'
					? `The connection was refused or the host is unknown, so nothing was sent. Check your network and the Base URL in the credential. ${where}`
					: `Check your network and the Base URL in the credential. ${where}`,
			kind,
		});
	} finally {
		rateLimitDone();
	}

	return {
		statusCode: response.statusCode,
		body: parseBody(response.body),
		retryAfterMs: retryAfterMs(response.headers?.['retry-after']),
	};
}

/**
 * A `Retry-After` header (seconds, or an HTTP date) in milliseconds, at least one second so that a "0" never turns
 * into sending again at once; undefined when absent or unreadable.
 */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const seconds = Number(value.trim());
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
	return Number.isFinite(ms) ? Math.max(1_000, ms) : undefined;
}

/** Bodies arrive parsed when they are JSON; text (including a truncated JSON answer) stays a string. */
function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	if (body === '') return undefined;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Joins a base URL and a path without doubling or dropping the slash between them. */
export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

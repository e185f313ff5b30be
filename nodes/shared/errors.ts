import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * What a failed request means for whoever retries it (the job engine above all):
 * - `rateLimit`: the provider refused because of rate; the request was NOT accepted, so it may be sent again later.
 * - `transient`: a 5xx, a timeout or an unreadable body; a read may be retried, but a create may have been accepted.
 * - `connectionLost`: the connection dropped, or no answer came in time, after the request was sent; it may have
 *   been accepted.
 * - `notSent`: no connection was made (refused, unknown host): the request never left, so nothing was accepted; a
 *   read may be retried, a create reported as not created.
 * - `permanent`: anything else (validation, authentication, permission, not found); retrying won't help.
 */
export type FailureKind = 'rateLimit' | 'transient' | 'connectionLost' | 'notSent' | 'permanent';

export interface ProviderErrorDetails {
	/** Provider name as users know it, e.g. "TikTok". */
	provider: string;
	/** The provider's own message. */
	message: string;
	/** The provider's own error code (TikTok `code`, Genviral `error_code`…), when it sent one. */
	code?: string | number;
	httpStatus?: number;
	/** TikTok's `request_id`, which its support asks for. */
	requestId?: string;
	/** What the user should do about it. */
	hint?: string;
	kind: FailureKind;
}

/**
 * Builds the NodeApiError every transport throws. The provider's code, message and request id are kept both in the
 * text the user sees and in `context`, where the job engine and tests read them. Only the provider's answer goes in:
 * never the request, whose headers hold the credential.
 */
export function providerApiError(
	node: INode,
	details: ProviderErrorDetails,
	responseBody: JsonObject = {},
): NodeApiError {
	const codeText =
		details.code !== undefined && details.code !== '' ? ` (code ${details.code})` : '';
	const description = [
		details.hint,
		details.requestId ? `Request ID: ${details.requestId}` : undefined,
	]
		.filter(Boolean)
		.join(' ');

	const error = new NodeApiError(node, responseBody, {
		message: `${details.provider}: ${details.message}${codeText}`,
		description: description || undefined,
		httpCode: details.httpStatus !== undefined ? String(details.httpStatus) : undefined,
	});
	error.context.provider = details.provider;
	error.context.providerCode = details.code;
	error.context.providerMessage = details.message;
	error.context.requestId = details.requestId;
	error.context.failureKind = details.kind;
	return error;
}

const CONNECTION_LOST_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ECONNABORTED',
	'UND_ERR_SOCKET',
	'ERR_STREAM_PREMATURE_CLOSE',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** The network error code of a thrown request error, wherever the HTTP stack put it. */
export function networkErrorCode(error: unknown): string | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
	}
	const message = String((error as { message?: unknown })?.message ?? '');
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	return undefined;
}

/** Whether a network failure is a request that got no answer in time (the HTTP client's own timeout). */
export function isTimeout(error: unknown): boolean {
	const code = networkErrorCode(error);
	if (code && TIMEOUT_CODES.has(code)) return true;
	// The HTTP client reports its timeout as ECONNABORTED "timeout of 3000ms exceeded"; n8n wraps that error in one
	// of its own (the original is its cause).
	return [error, (error as { cause?: unknown })?.cause].some((candidate) =>
		/timeout|timed out/i.test(String((candidate as { message?: unknown })?.message ?? '')),
	);
}

/** Classifies a network failure (no HTTP answer at all). */
export function networkFailureKind(error: unknown): FailureKind {
	const code = networkErrorCode(error);
	if (code && CONNECTION_LOST_CODES.has(code)) return 'connectionLost';
	if (code && TIMEOUT_CODES.has(code)) return 'connectionLost';
	// Never reached the provider: nothing was accepted, harmless to try again.
	if (code && NOT_SENT_CODES.has(code)) return 'notSent';
	return 'connectionLost';
}

/** Classifies any error thrown while talking to a provider. */
export function failureKind(error: unknown): FailureKind {
	const context = (error as { context?: { failureKind?: FailureKind } })?.context;
	if (context?.failureKind) return context.failureKind;

	const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
	if (httpCode === 429) return 'rateLimit';
	if (httpCode >= 500) return 'transient';
	if (httpCode >= 400) return 'permanent';

	if (networkErrorCode(error)) return networkFailureKind(error);
	return 'permanent';
}

/** Kind of an HTTP answer that is an error, from its status alone (providers refine it). */
export function httpStatusFailureKind(status: number): FailureKind {
	if (status === 429) return 'rateLimit';
	if (status >= 500) return 'transient';
	return 'permanent';
}

/**
 * Whether a request failed because the provider does not know the path or the object: HTTP 404, or the provider's
 * own not-found code where it has one in its envelope (Genviral's `not_found`). Callers read a missing job as "not
 * found" rather than as a failure, so the check must be the same everywhere.
 */
export function isNotFound(error: unknown, notFoundCode?: string): boolean {
	const { httpCode, context } = (error ?? {}) as {
		httpCode?: unknown;
		context?: { providerCode?: unknown };
	};
	if (String(httpCode) === '404') return true;
	return notFoundCode !== undefined && context?.providerCode === notFoundCode;
}

/**
 * A request's answer or its error (the transport's NodeApiError), so the caller can look at a 404 and pass any
 * other error on as it is.
 */
export async function settle<T>(
	request: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	try {
		return { ok: true, value: await request };
	} catch (error) {
		return { ok: false, error };
	}
}

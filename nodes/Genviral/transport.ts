import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FailureKind } from '../shared/errors';
import { httpStatusFailureKind } from '../shared/errors';
import { inFlightLimit } from '../shared/rateLimiter';
import type { ApiContext } from '../shared/request';
import { isJsonObject } from '../shared/request';
import { FREE_CALL_RETRY, providerTransport } from '../shared/transport';
import { credentialTest } from '../shared/credentialTest';

/**
 * The one place that talks to the Genviral Partner API. Every answer is wrapped:
 * success `{ok: true, code, message, data}`, failure `{ok: false, code, message, error_code?}` with `code`
 * mirroring the HTTP status. No rate limits are published: at most a few requests in flight per credential, and a
 * back-off when Genviral answers 429 / `rate_limited`.
 */

/** Requests in flight at once per credential. */
export const GENVIRAL_MAX_CONCURRENT_REQUESTS = 3;

const NOTHING_CHARGED = 'Nothing was created or charged for this item.';
const CREDENTIAL_HINT =
	"Open the Genviral API credential and paste a valid partner API key (format public_id.secret, from Genviral's API settings).";
const SERVER_HINT = 'Genviral had a temporary problem. Try again in a few minutes.';

/**
 * Genviral `error_code` values (Genviral Partner API documentation) → what a no-code user should do. Shown as the
 * error's description under Genviral's own message and code. Every import error is an answer, and the import docs
 * say an import "deducts copy credits and auto-refunds on failure", so each of them can say nothing was charged.
 */
export const GENVIRAL_ERROR_HINTS: Record<string, string> = {
	invalid_token: CREDENTIAL_HINT,
	unauthorized: CREDENTIAL_HINT,
	subscription_required:
		'The Partner API needs an active Creator, Professional or Business plan. Activate or upgrade the plan of this workspace in Genviral, then run again.',
	tier_not_allowed:
		'Your Genviral plan (Scheduler) does not include this feature. Upgrade the plan to Creator, Professional or Business.',
	not_found:
		'Not found in the scope of this API key. Check the ID; a workspace key only sees that workspace, a personal key only your own slideshows and packs.',
	invalid_json: `Genviral could not read the request (not valid JSON). The node always sends JSON, so something between n8n and Genviral changed it, e.g. a proxy set as the credential's Base URL. Run again; if it persists, contact Genviral support. ${NOTHING_CHARGED}`,
	invalid_payload: `Genviral rejected a field; its message above names it. Check the node's fields against the limits given in their descriptions (TikTok URL, an image pack or 1–100 image URLs, Title up to 200 characters, Product ID a UUID). ${NOTHING_CHARGED}`,
	invalid_tiktok_url: `Genviral does not read this as a TikTok link. Use the link of a TikTok photo (slideshow) post, e.g. https://www.tiktok.com/@creator/photo/7499123456789012345, or a short vm.tiktok.com link. ${NOTHING_CHARGED}`,
	not_slideshow: `This TikTok post is a video, not a photo slideshow: only photo posts (swipeable images) can be copied. Remove the URL from your list or replace it with a photo post. ${NOTHING_CHARGED}`,
	pack_not_found: `The image pack does not exist in this workspace. Choose an image pack from the list in Background Images, or use Image URLs instead. ${NOTHING_CHARGED}`,
	pack_empty: `The image pack has no images. Add images to the pack in Genviral, or choose another image pack (the list shows how many images each has). ${NOTHING_CHARGED}`,
	pack_source_conflict: `Genviral got both an image pack and image URLs: give one of them, not both. In this node choose either Image Pack or Image URLs under Background Images. ${NOTHING_CHARGED}`,
	product_not_found: `The product ID does not exist in this workspace. Copy the ID of the product from Genviral, or leave Product ID empty. ${NOTHING_CHARGED}`,
	forbidden_product_access: `This API key may not use that product (for example it belongs to another workspace). Use a product of the key's workspace, or leave Product ID empty. ${NOTHING_CHARGED}`,
	insufficient_credits: `Not enough Genviral credits for this copy. Top up credits in Genviral or wait for the next billing period ("Account → Get Subscription" shows the credits remaining and when they reset; "Slideshow → Preview Copy" shows what a post will cost). ${NOTHING_CHARGED}`,
	rate_limited:
		'Genviral rate limit reached. The node slows down and retries by itself; if this still appears, run fewer items at once or run again in a few minutes.',
	tiktok_fetch_failed: `Genviral could not fetch the post from TikTok (TikTok did not answer). Try again later. ${NOTHING_CHARGED}`,
	upstream_config_error: `Genviral's connection to TikTok is misconfigured on Genviral's side; nothing in n8n can fix it. Contact Genviral support, then run again. ${NOTHING_CHARGED}`,
	import_failed: `The import failed on Genviral's side. Credits are refunded automatically and no draft was made; run again. If it keeps failing for this post, contact Genviral support.`,
	preview_failed:
		"The preview failed on Genviral's side (a preview never costs credits). Run again in a few minutes.",
	render_failed:
		"Rendering failed on Genviral's side (the slideshow itself is unchanged). Run Render again in a few minutes.",
	no_slides:
		'The slideshow has no slides to render. Add slides to it in Genviral, or render another slideshow.',
};

/**
 * Whether Genviral itself answered with one of its errors (an `{ok: false, error_code}` envelope) rather than the
 * request being lost. Such an answer means the request was not carried out: for an import, the docs' "auto-refunds
 * on failure". A rate-limit refusal is left out: it is re-sent, not reported.
 */
export function isGenviralRefusal(error: unknown): boolean {
	const context = (error as { context?: { provider?: unknown; providerCode?: unknown } })?.context;
	return (
		context?.provider === 'Genviral' &&
		typeof context.providerCode === 'string' &&
		context.providerCode !== 'rate_limited'
	);
}

/**
 * A refusal as the job engine must read it for a paid create: the provider answered no, so nothing was created and
 * the item simply fails (a 5xx `import_failed` would otherwise read as "may have been accepted").
 */
export function asRefusal<T>(error: T): T {
	if (isGenviralRefusal(error)) {
		(error as { context: { failureKind?: FailureKind } }).context.failureKind = 'permanent';
	}
	return error;
}

/** The hint of an answer without a known `error_code` (e.g. a gateway's HTML error page). */
function fallbackHint(statusCode: number, kind: FailureKind): string | undefined {
	if (statusCode === 401) return GENVIRAL_ERROR_HINTS.invalid_token;
	if (kind === 'rateLimit') return GENVIRAL_ERROR_HINTS.rate_limited;
	if (kind === 'transient') return SERVER_HINT;
	return undefined;
}

/** Calls a Genviral Partner API endpoint (path after /api/partner/v1) and returns the envelope's `data`. */
export const genviralApiRequest = providerTransport({
	provider: 'Genviral',
	credentialType: 'genviralApi',
	baseUrl: (credentials) => String(credentials.baseUrl),
	limits: [inFlightLimit(GENVIRAL_MAX_CONCURRENT_REQUESTS)],
	rateLimitBackoffMs: 5_000,
	read({ statusCode, body }, { method, path }) {
		if (isJsonObject(body) && body.ok === true && statusCode < 400)
			return { data: body.data ?? {} };
		const errorCode =
			isJsonObject(body) && typeof body.error_code === 'string' ? body.error_code : undefined;
		let kind: FailureKind = statusCode >= 400 ? httpStatusFailureKind(statusCode) : 'transient';
		if (errorCode === 'rate_limited') kind = 'rateLimit';
		return {
			failure: {
				message:
					isJsonObject(body) && typeof body.message === 'string'
						? body.message
						: `Unreadable answer (HTTP ${statusCode}) for ${method} ${path}`,
				code: errorCode,
				hint: (errorCode && GENVIRAL_ERROR_HINTS[errorCode]) || fallbackHint(statusCode, kind),
				kind,
			},
		};
	},
});

/**
 * The transport's errors are NodeApiErrors already (with Genviral's code, message and hint); anything else is
 * wrapped so that n8n shows it as the node's error.
 */
export function nodeError(context: ApiContext, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error);
}

/**
 * A call of the Partner API that costs nothing and changes nothing (reads, the copy preview), sent again as
 * FREE_CALL_RETRY says. Paid imports never go through here: they run through the job engine, which re-sends only
 * what Genviral refused for rate.
 */
export async function genviralFreeCall<T = IDataObject>(
	context: ApiContext,
	method: 'GET' | 'POST',
	endpoint: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<T> {
	try {
		return (await genviralApiRequest.call(context, method, endpoint, {
			...options,
			retry: FREE_CALL_RETRY,
		})) as T;
	} catch (error) {
		throw nodeError(context, error);
	}
}

/** A free GET of the Partner API (see genviralFreeCall). */
export async function genviralRead<T = IDataObject>(
	context: ApiContext,
	endpoint: string,
	qs?: IDataObject,
): Promise<T> {
	return await genviralFreeCall<T>(context, 'GET', endpoint, { qs });
}

/**
 * The Genviral API credential's Test: the docs' own first call, listing the connected accounts, free and answered
 * 401 invalid_token to a bad key. Bearer authentication as the credential's `authenticate` sets it.
 */
export const genviralApiTest = credentialTest((credentials) => ({
	provider: 'Genviral',
	baseUrl: String(credentials.baseUrl ?? ''),
	urlField: 'Base URL',
	path: '/accounts',
	headers: { Authorization: `Bearer ${String(credentials.apiKey ?? '')}` },
	refusals: {
		401: 'Genviral rejected the partner API key. It has the form public_id.secret.',
		402: 'The key works, but the Partner API needs an active Creator, Professional or Business plan.',
	},
}));

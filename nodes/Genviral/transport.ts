import type { FailureKind } from '../shared/errors';
import { httpStatusFailureKind } from '../shared/errors';
import { inFlightLimit } from '../shared/rateLimiter';
import { isJsonObject } from '../shared/request';
import { providerTransport } from '../shared/transport';

/**
 * The one place that talks to the Genviral Partner API. Every answer is wrapped:
 * success `{ok: true, code, message, data}`, failure `{ok: false, code, message, error_code?}` with `code`
 * mirroring the HTTP status. No rate limits are published: at most a few requests in flight per credential, and a
 * back-off when Genviral answers 429 / `rate_limited`.
 */

/** Requests in flight at once per credential. */
export const GENVIRAL_MAX_CONCURRENT_REQUESTS = 3;

const URL_HINT =
	'Use the link of a TikTok photo (slideshow) post, e.g. https://www.tiktok.com/@creator/photo/7499123456789012345 or a short vm.tiktok.com link.';
const PACK_HINT =
	'Choose an image pack that exists in this workspace and has images, or give image URLs instead — not both.';

/** Genviral `error_code` values (Genviral Partner API documentation) → what the user should do. */
export const GENVIRAL_ERROR_HINTS: Record<string, string> = {
	invalid_token:
		'Open the Genviral API credential and paste a valid partner API key (format public_id.secret).',
	unauthorized:
		'Open the Genviral API credential and paste a valid partner API key (format public_id.secret).',
	subscription_required: 'The Partner API needs an active Creator, Professional or Business plan.',
	tier_not_allowed:
		'Your Genviral plan (Scheduler) does not include this feature. Upgrade the plan.',
	not_found:
		'Not found in the scope of this API key. Workspace keys only see that workspace; personal keys only your own resources.',
	invalid_json: 'The request body was not valid JSON.',
	invalid_payload: "Check the node's fields against the limits given in their descriptions.",
	invalid_tiktok_url: URL_HINT,
	not_slideshow: `The TikTok post is a video, not a photo slideshow. ${URL_HINT}`,
	pack_not_found: PACK_HINT,
	pack_empty: PACK_HINT,
	pack_source_conflict: PACK_HINT,
	product_not_found: 'The product ID does not exist in this workspace.',
	forbidden_product_access: 'This API key may not use that product.',
	insufficient_credits:
		'Not enough Genviral credits for this copy. Add credits or wait for the next period (see Get Subscription).',
	rate_limited: 'Genviral rate limit reached. Wait a minute and run again.',
	tiktok_fetch_failed:
		'Genviral could not fetch the post from TikTok. Credits are refunded on failure; try again later.',
	upstream_config_error:
		"Genviral's TikTok connection is misconfigured on their side. Contact Genviral support.",
	import_failed: 'The import failed on Genviral’s side. Credits are refunded; try again.',
	preview_failed: 'The preview failed on Genviral’s side; try again.',
	render_failed: 'Rendering failed on Genviral’s side; try again.',
	no_slides: 'The slideshow has no slides to render.',
};

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
				hint:
					(errorCode && GENVIRAL_ERROR_HINTS[errorCode]) ||
					(statusCode === 401 ? GENVIRAL_ERROR_HINTS.invalid_token : undefined),
				kind,
			},
		};
	},
});

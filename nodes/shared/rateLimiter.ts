import { sleep } from 'n8n-workflow';

/**
 * Process-wide pacing of provider requests.
 *
 * Providers publish limits per developer app or API key (TikTok: 10 requests per second and 600 per minute for the
 * app, refresh task create 1 per second and 5 per minute). Every item of a run, and every run that n8n executes at
 * the same time in this process, shares those limits, so the state lives at module level and is keyed by the caller
 * as `<provider>:<credentialId>:<endpoint-group>`.
 *
 * Invariants:
 * - A request is recorded at the moment it is allowed to go, never earlier, so the recorded times are the send
 *   times and windows are exact (a sliding window over real timestamps, not fixed buckets that allow a double burst
 *   at their edges).
 * - For every limit `{limit, intervalMs}` of a bucket, no window of `intervalMs` (plus a small guard for network
 *   jitter) ever holds more than `limit` recorded requests.
 * - When one request counts against several buckets (TikTok's global limit and the refresh-create limit), all of
 *   them are acquired at the same instant with `acquireRateLimits`, so no bucket records a request that is then
 *   held back by another one.
 * - Waiting uses `sleep` from n8n-workflow with the run's abort signal, so a cancelled run stops waiting at once.
 *
 * The state is per n8n process: queue-mode workers each have their own, which is why transports still back off
 * when a provider answers with a rate-limit error.
 */

export interface RateLimit {
	/** Requests allowed in any window of `intervalMs`. */
	limit: number;
	intervalMs: number;
}

export interface RateLimitRequest {
	bucket: string;
	limits: RateLimit[];
}

interface BucketState {
	/** Send times (ms since epoch) of recent requests, oldest first. */
	sent: number[];
	/** Longest interval among the limits seen for this bucket: older send times no longer matter. */
	longestIntervalMs: number;
	/** No request goes before this time (set after a rate-limit answer). */
	holdUntil: number;
	/** Length of the current or last hold, so that repeated refusals hold longer. */
	holdMs: number;
}

/** First hold after a rate-limit answer, when the transport does not say how long. */
export const DEFAULT_RATE_LIMIT_BACKOFF_MS = 5_000;
/** TikTok may pause an app for about five minutes; holding longer than that never helps. */
export const MAX_RATE_LIMIT_BACKOFF_MS = 5 * 60_000;
/** A refusal this long after the last hold ended starts again from the first hold length. */
const BACKOFF_MEMORY_MS = 60_000;

const buckets = new Map<string, BucketState>();

/**
 * Extra spacing added to each window: the provider counts arrival times, which differ from our send times by the
 * network's jitter. 5% of the window, at most one second (50 ms for a per-second limit, 1 s for a per-minute one).
 */
export function jitterGuardMs(intervalMs: number): number {
	return Math.min(1_000, Math.ceil(intervalMs * 0.05));
}

function bucketState(bucket: string): BucketState {
	let state = buckets.get(bucket);
	if (!state) {
		state = { sent: [], longestIntervalMs: 0, holdUntil: 0, holdMs: 0 };
		buckets.set(bucket, state);
	}
	return state;
}

/** Milliseconds until one more request fits every limit of the bucket (0 when it fits now). */
function msUntilFree(state: BucketState, limits: RateLimit[], now: number): number {
	let wait = state.holdUntil - now;
	for (const { limit, intervalMs } of limits) {
		const allowed = Math.max(1, Math.floor(limit));
		const count = state.sent.length;
		if (count < allowed) continue;
		// With `allowed` requests already in the window, the oldest of those must leave it first.
		const oldestInWindow = state.sent[count - allowed];
		wait = Math.max(wait, oldestInWindow + intervalMs + jitterGuardMs(intervalMs) - now);
	}
	return Math.max(0, wait);
}

function record(state: BucketState, limits: RateLimit[], now: number): void {
	for (const { intervalMs } of limits) {
		state.longestIntervalMs = Math.max(
			state.longestIntervalMs,
			intervalMs + jitterGuardMs(intervalMs),
		);
	}
	// Keep the list sorted even if the system clock steps back.
	const last = state.sent[state.sent.length - 1];
	state.sent.push(last !== undefined && last > now ? last : now);
	const horizon = now - state.longestIntervalMs;
	let expired = 0;
	while (expired < state.sent.length && state.sent[expired] <= horizon) expired++;
	if (expired > 0) state.sent.splice(0, expired);
}

function throwIfAborted(signal?: AbortSignal): void {
	// `throwIfAborted` raises the signal's own reason, as n8n's `sleep` does when aborted while waiting.
	signal?.throwIfAborted();
}

/**
 * Waits until one more request fits every limit of every given bucket, then records it in all of them at once.
 * Use this when one request counts against several buckets.
 */
export async function acquireRateLimits(
	requests: RateLimitRequest[],
	signal?: AbortSignal,
): Promise<void> {
	for (;;) {
		throwIfAborted(signal);
		const now = Date.now();
		let wait = 0;
		for (const { bucket, limits } of requests) {
			wait = Math.max(wait, msUntilFree(bucketState(bucket), limits, now));
		}
		if (wait <= 0) {
			// Checking and recording happen in the same synchronous step, so concurrent callers cannot both take
			// the last free slot.
			for (const { bucket, limits } of requests) record(bucketState(bucket), limits, now);
			return;
		}
		// Several callers may wake together; each checks again and only one takes the slot.
		await sleep(wait, signal);
	}
}

/** Waits (honouring the abort signal) until one more request fits every limit of the bucket, then records it. */
export async function acquireRateLimit(
	bucket: string,
	limits: RateLimit[],
	signal?: AbortSignal,
): Promise<void> {
	await acquireRateLimits([{ bucket, limits }], signal);
}

/**
 * After a rate-limit answer (HTTP 429, TikTok 40100), holds the bucket for `ms`. Answers to requests that were
 * already in flight when the hold began belong to the same episode and don't lengthen it; a refusal soon after a
 * hold ended doubles the hold, up to five minutes.
 */
export function backOffRateLimit(bucket: string, ms = DEFAULT_RATE_LIMIT_BACKOFF_MS): void {
	const state = bucketState(bucket);
	const now = Date.now();
	const base = Math.max(0, ms);
	let holdMs: number;
	if (now < state.holdUntil) {
		holdMs = Math.max(state.holdMs, base);
	} else if (state.holdMs > 0 && now - state.holdUntil < BACKOFF_MEMORY_MS) {
		holdMs = Math.max(base, state.holdMs * 2);
	} else {
		holdMs = base;
	}
	holdMs = Math.min(holdMs, MAX_RATE_LIMIT_BACKOFF_MS);
	state.holdMs = holdMs;
	state.holdUntil = Math.max(state.holdUntil, now + holdMs);
}

/** Forgets all recorded requests and holds (tests, and nothing else, need this). */
export function resetRateLimits(): void {
	buckets.clear();
}

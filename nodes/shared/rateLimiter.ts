import { sleep } from './sleep';

/**
 * Process-wide pacing of provider requests.
 *
 * Providers publish limits per developer app or API key (TikTok: 10 requests per second and 600 per minute for the
 * app, refresh task create 1 per second and 5 per minute). Every item of a run, and every run that n8n executes at
 * the same time in this process, shares those limits, so the state lives at module level and is keyed by the caller
 * as `<provider>:<credentialId>:<endpoint-group>`.
 *
 * Invariants:
 * - Sliding windows over real timestamps, not fixed buckets (which allow a double burst at their edges): for every
 *   limit `{limit, intervalMs}` of a bucket, no window of `intervalMs` holds more than `limit` requests.
 * - The provider counts a request when it arrives, which can be anywhere between our send and its answer (a new
 *   connection's handshake, a busy event loop). With `acquireRateLimits`, a request therefore counts from when it
 *   is let through until its answer arrives (`done()`), and the next one that would share its window waits for
 *   that answer plus the interval. So the limit holds whatever the network latency.
 * - `acquireRateLimit` (single bucket, no `done`) records the send time only; a small guard (5% of the window)
 *   covers ordinary jitter. Prefer `acquireRateLimits` + `done` in transports.
 * - When one request counts against several buckets (TikTok's global limit and the refresh-create limit), all are
 *   taken at the same instant by one `acquireRateLimits` call, so no bucket records a request that another one then
 *   holds back.
 * - Checking and recording happen in one synchronous step, so concurrent callers cannot take the same last slot.
 * - Waiting uses `sleep` from n8n-workflow with the run's abort signal, so a cancelled run stops waiting at once; a
 *   cancelled wait takes no slot.
 *
 * The state is per n8n process: queue-mode workers each have their own, which is why transports also back off
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

/**
 * At most `count` requests in flight at once (a window of length 0 holds exactly the requests not answered yet).
 * For providers that publish no limit: a modest cap per credential, so 100 items never burst 100 requests.
 */
export function inFlightLimit(count: number): RateLimit {
	return { limit: count, intervalMs: 0 };
}

/** Call when the request's answer has arrived, or when it failed; calling it again does nothing. */
export type RateLimitDone = () => void;

interface SentRequest {
	sentAt: number;
	/** When the answer arrived; undefined while the request is in flight. */
	doneAt?: number;
}

interface BucketState {
	/** Recent requests, in the order they were let through. */
	sent: SentRequest[];
	/** Longest interval (with its guard) among the limits seen for this bucket: older requests no longer matter. */
	longestIntervalMs: number;
	/** No request goes before this time (set after a rate-limit answer). */
	holdUntil: number;
	/** Length of the current or last hold, so that repeated refusals hold longer. */
	holdMs: number;
	/** Callers waiting for a request of this bucket to finish. */
	waiters: Set<() => void>;
}

/** First hold after a rate-limit answer, when the transport does not say how long. */
export const DEFAULT_RATE_LIMIT_BACKOFF_MS = 5_000;
/** TikTok may pause an app for about five minutes; holding longer than that never helps. */
export const MAX_RATE_LIMIT_BACKOFF_MS = 5 * 60_000;
/** A refusal this long after the last hold ended starts again from the first hold length. */
const BACKOFF_MEMORY_MS = 60_000;
/**
 * A request whose `done` never comes (a caller's bug) stops counting as in flight after this long, so it cannot
 * block its bucket for good. Longer than any request timeout used by the transports.
 */
const MAX_IN_FLIGHT_MS = 5 * 60_000;
/** While waiting for requests in flight, check again at least this often. */
const IN_FLIGHT_RECHECK_MS = 1_000;

const buckets = new Map<string, BucketState>();

/**
 * Extra spacing added to each window for clock and network jitter: 5% of the window, at most one second (50 ms for
 * a per-second limit, 1 s for a per-minute one).
 */
export function jitterGuardMs(intervalMs: number): number {
	return Math.min(1_000, Math.ceil(intervalMs * 0.05));
}

function bucketState(bucket: string): BucketState {
	let state = buckets.get(bucket);
	if (!state) {
		state = { sent: [], longestIntervalMs: 0, holdUntil: 0, holdMs: 0, waiters: new Set() };
		buckets.set(bucket, state);
	}
	return state;
}

/** The latest moment the provider may have counted this request. */
function latestArrival(request: SentRequest): number {
	return request.doneAt ?? request.sentAt + MAX_IN_FLIGHT_MS;
}

/** Milliseconds until one more request fits every limit of the bucket (0 when it fits now). */
function msUntilFree(state: BucketState, limits: RateLimit[], now: number): number {
	let wait = state.holdUntil - now;
	for (const { limit, intervalMs } of limits) {
		const allowed = Math.max(1, Math.floor(limit));
		const window = intervalMs + jitterGuardMs(intervalMs);
		// Requests that may share a window with one sent now, by the latest moment each may have been counted.
		const ends = state.sent
			.map(latestArrival)
			.filter((end) => end > now - window)
			.sort((a, b) => a - b);
		if (ends.length < allowed) continue;
		// `allowed` of them may stay; the others, earliest first, must leave the window.
		wait = Math.max(wait, ends[ends.length - allowed] + window - now);
	}
	return Math.max(0, wait);
}

function record(state: BucketState, limits: RateLimit[], request: SentRequest, now: number): void {
	for (const { intervalMs } of limits) {
		state.longestIntervalMs = Math.max(
			state.longestIntervalMs,
			intervalMs + jitterGuardMs(intervalMs),
		);
	}
	state.sent = state.sent.filter((old) => latestArrival(old) > now - state.longestIntervalMs);
	state.sent.push(request);
}

/**
 * Sleeps up to `ms`, waking early when a request of one of `states` finishes or the run is cancelled (then throws
 * the signal's reason).
 */
async function waitForSlot(ms: number, states: BucketState[], signal?: AbortSignal): Promise<void> {
	const wake = new AbortController();
	const onWake = () => wake.abort();
	signal?.addEventListener('abort', onWake, { once: true });
	for (const state of states) state.waiters.add(onWake);
	try {
		await sleep(ms, wake.signal);
	} catch {
		// Woken early: by a finished request (check again) or by cancellation (thrown below).
	} finally {
		signal?.removeEventListener('abort', onWake);
		for (const state of states) state.waiters.delete(onWake);
	}
	signal?.throwIfAborted();
}

/**
 * Waits until one more request fits every limit of every given bucket, then records it in all of them at once and
 * returns `done`, to call when its answer has arrived (or it failed). Until then the request counts as possibly
 * arriving at the provider at any moment.
 */
export async function acquireRateLimits(
	requests: RateLimitRequest[],
	signal?: AbortSignal,
	/** Called before each pause (at least once a second while waiting), so that a long wait need not be silent. */
	onWait?: () => void,
): Promise<RateLimitDone> {
	const states = requests.map(({ bucket }) => bucketState(bucket));
	for (;;) {
		signal?.throwIfAborted();
		const now = Date.now();
		let wait = 0;
		requests.forEach(({ limits }, index) => {
			wait = Math.max(wait, msUntilFree(states[index], limits, now));
		});
		if (wait <= 0) {
			const sent: SentRequest = { sentAt: now };
			requests.forEach(({ limits }, index) => record(states[index], limits, sent, now));
			let finished = false;
			return () => {
				if (finished) return;
				finished = true;
				sent.doneAt = Math.max(sent.sentAt, Date.now());
				for (const state of states) for (const waiter of [...state.waiters]) waiter();
			};
		}
		onWait?.();
		await waitForSlot(Math.min(wait, IN_FLIGHT_RECHECK_MS), states, signal);
	}
}

/**
 * Waits (honouring the abort signal) until one more request fits every limit of the bucket, then records it at its
 * send time. Transports that can tell when the answer arrived should use `acquireRateLimits` and call `done`.
 */
export async function acquireRateLimit(
	bucket: string,
	limits: RateLimit[],
	signal?: AbortSignal,
): Promise<void> {
	const done = await acquireRateLimits([{ bucket, limits }], signal);
	done();
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

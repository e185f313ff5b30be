/**
 * When to ask a provider again about jobs that are still running. Pure, so that it is tested on its own.
 *
 * Waits start at the user's Poll Interval and grow gently (×1.5 per round) up to a cap (30 s by default): a short
 * render is seen soon after it finishes, and a long one doesn't cost hundreds of status calls. A wait never goes past the deadline, so the last check happens at the
 * deadline itself rather than a whole interval after it.
 */

export interface PollSchedule {
	/** First wait, in ms. */
	initialMs: number;
	/** Longest wait, in ms (never below `initialMs`). */
	maxMs: number;
	/** Growth of the wait from one round to the next. */
	factor: number;
}

export const POLL_GROWTH_FACTOR = 1.5;
/** Cap of the growing wait unless the user's own interval is longer. */
export const DEFAULT_MAX_POLL_INTERVAL_MS = 30_000;

/** A schedule starting at `initialMs` and growing to `maxMs` (or staying at `initialMs` if that is longer). */
export function pollSchedule(
	initialMs: number,
	maxMs: number = DEFAULT_MAX_POLL_INTERVAL_MS,
	factor: number = POLL_GROWTH_FACTOR,
): PollSchedule {
	const initial = Math.max(0, initialMs);
	return { initialMs: initial, maxMs: Math.max(initial, maxMs), factor: Math.max(1, factor) };
}

/** The wait after round `round` (0 = the wait after the first round of status calls). */
export function pollIntervalMs(schedule: PollSchedule, round: number): number {
	const grown = schedule.initialMs * Math.pow(schedule.factor, Math.max(0, round));
	return Math.round(Math.min(schedule.maxMs, grown));
}

/**
 * How long to sleep before the next round: the scheduled wait, cut short so as not to pass the deadline, counted
 * from when the last round started (a slow round, e.g. one paced by rate limits, doesn't add to the wait).
 */
export function nextPollDelayMs(
	schedule: PollSchedule,
	round: number,
	now: number,
	roundStartedAt: number,
	deadline: number,
): number {
	const due = roundStartedAt + pollIntervalMs(schedule, round);
	return Math.max(0, Math.min(due, deadline) - now);
}

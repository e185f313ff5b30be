import type { RateLimit } from './rateLimiter';

/**
 * How often to read jobs that are still running. Pure, so that it is tested on its own.
 *
 * Rounds come at the user's Poll Interval, so a job that finishes is seen at most one interval later (n8n users
 * build the same cadence by hand with a Wait node, and a growing interval made the node slower than that loop).
 * A round is spaced out only when its status calls would take more than a fair share of the provider's documented
 * limits: status reads of one run use at most half of each limit, the other half is left for the creates and for
 * other executions in the same n8n process. The rate limiter still enforces the whole limit; the share only keeps
 * one long wait from crowding out everything else.
 */

/** Part of each documented limit that one run's status reads may use. */
export const READ_SHARE_OF_LIMITS = 0.5;

export interface RoundSpacing {
	/** Time from the start of one round to the start of the next. */
	intervalMs: number;
	/** The limit that made the interval longer than the Poll Interval; undefined when the Poll Interval holds. */
	spacedBy?: RateLimit;
}

/**
 * The interval before a round of `calls` status calls: the Poll Interval, or longer when `calls` in that time would
 * exceed the run's share of one of the provider's limits. Limits without a time window (requests in flight at once)
 * only slow a round down; they never space rounds out.
 */
export function roundSpacing(
	pollIntervalMs: number,
	calls: number,
	limits: RateLimit[] = [],
): RoundSpacing {
	let spacing: RoundSpacing = { intervalMs: Math.max(0, pollIntervalMs) };
	for (const limit of limits) {
		if (!(limit.intervalMs > 0) || !(limit.limit > 0)) continue;
		const share = limit.limit * READ_SHARE_OF_LIMITS;
		const neededMs = Math.ceil((Math.max(0, calls) / share) * limit.intervalMs);
		if (neededMs > spacing.intervalMs) spacing = { intervalMs: neededMs, spacedBy: limit };
	}
	return spacing;
}

/**
 * The first round at or after `earliest` on the cadence that has a round at `roundAt` every `intervalMs`: a round at
 * which no job would be read is skipped, and the cadence is kept.
 */
export function nextRoundOnCadence(roundAt: number, earliest: number, intervalMs: number): number {
	if (roundAt >= earliest) return roundAt;
	if (!(intervalMs > 0)) return earliest;
	return roundAt + Math.ceil((earliest - roundAt) / intervalMs) * intervalMs;
}

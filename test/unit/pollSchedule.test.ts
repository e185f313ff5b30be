import {
	nextRoundOnCadence,
	READ_SHARE_OF_LIMITS,
	roundSpacing,
} from '../../nodes/shared/pollSchedule';
import { inFlightLimit } from '../../nodes/shared/rateLimiter';
import { TIKTOK_GLOBAL_LIMITS } from '../../nodes/TikTok/transport';

describe('roundSpacing', () => {
	it('keeps the Poll Interval whatever the round needs when the provider publishes no time limit', () => {
		expect(roundSpacing(10_000, 1)).toEqual({ intervalMs: 10_000 });
		expect(roundSpacing(10_000, 500, [inFlightLimit(5)])).toEqual({ intervalMs: 10_000 });
	});

	it("keeps the Poll Interval while a round's calls fit half of TikTok's limits", () => {
		// Half of 10 per second and of 600 per minute: 50 calls every 10 s.
		expect(roundSpacing(10_000, 50, TIKTOK_GLOBAL_LIMITS)).toEqual({ intervalMs: 10_000 });
		expect(roundSpacing(1_000, 5, TIKTOK_GLOBAL_LIMITS)).toEqual({ intervalMs: 1_000 });
	});

	it('spaces rounds out when their calls would take more than half of a limit, naming that limit', () => {
		// 100 calls at 300 per minute: 20 s; at 5 per second: 20 s too. The first limit that asks for it is named.
		const spacing = roundSpacing(10_000, 100, TIKTOK_GLOBAL_LIMITS);
		expect(spacing.intervalMs).toBe(20_000);
		expect(spacing.spacedBy).toEqual({ limit: 10, intervalMs: 1_000 });
		// 10 calls every 1 s would be all of the 10 per second.
		expect(roundSpacing(1_000, 10, TIKTOK_GLOBAL_LIMITS).intervalMs).toBe(2_000);
	});

	it('names the per-minute limit when that one asks for more', () => {
		const limits = [
			{ limit: 100, intervalMs: 1_000 },
			{ limit: 60, intervalMs: 60_000 },
		];
		expect(roundSpacing(1_000, 3, limits)).toEqual({
			intervalMs: 6_000,
			spacedBy: { limit: 60, intervalMs: 60_000 },
		});
	});

	it('never lets one run read faster than its share: calls ÷ interval ≤ half of every limit', () => {
		for (const calls of [1, 7, 33, 100, 101, 599]) {
			for (const poll of [1_000, 5_000, 10_000, 60_000]) {
				const { intervalMs } = roundSpacing(poll, calls, TIKTOK_GLOBAL_LIMITS);
				expect(intervalMs).toBeGreaterThanOrEqual(poll);
				for (const { limit, intervalMs: window } of TIKTOK_GLOBAL_LIMITS) {
					expect((calls / intervalMs) * window).toBeLessThanOrEqual(limit * READ_SHARE_OF_LIMITS);
				}
			}
		}
	});

	it('treats a negative Poll Interval as zero rather than waiting backwards', () => {
		expect(roundSpacing(-5, 1).intervalMs).toBe(0);
	});
});

describe('nextRoundOnCadence', () => {
	it('keeps a round that some job is due for', () => {
		expect(nextRoundOnCadence(20_000, 15_000, 10_000)).toBe(20_000);
		expect(nextRoundOnCadence(20_000, 20_000, 10_000)).toBe(20_000);
	});

	it('skips rounds no job is due for, staying on the cadence', () => {
		expect(nextRoundOnCadence(20_000, 20_001, 10_000)).toBe(30_000);
		expect(nextRoundOnCadence(20_000, 45_000, 10_000)).toBe(50_000);
	});

	it('without a cadence (interval 0) reads when the first job is due', () => {
		expect(nextRoundOnCadence(20_000, 45_000, 0)).toBe(45_000);
	});
});

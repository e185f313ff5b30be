import {
	DEFAULT_MAX_POLL_INTERVAL_MS,
	nextPollDelayMs,
	pollIntervalMs,
	pollSchedule,
} from '../../nodes/shared/pollSchedule';

describe('pollSchedule', () => {
	it('starts at the poll interval and grows by half each round up to the cap', () => {
		const schedule = pollSchedule(5_000, 30_000);
		const waits = Array.from({ length: 8 }, (_, round) => pollIntervalMs(schedule, round));
		expect(waits).toEqual([5_000, 7_500, 11_250, 16_875, 25_313, 30_000, 30_000, 30_000]);
	});

	it('caps at 30 seconds by default', () => {
		const schedule = pollSchedule(10_000);
		expect(pollIntervalMs(schedule, 100)).toBe(DEFAULT_MAX_POLL_INTERVAL_MS);
		expect(DEFAULT_MAX_POLL_INTERVAL_MS).toBe(30_000);
	});

	it('keeps a poll interval longer than the cap as it is', () => {
		const schedule = pollSchedule(60_000, 30_000);
		expect(pollIntervalMs(schedule, 0)).toBe(60_000);
		expect(pollIntervalMs(schedule, 10)).toBe(60_000);
	});

	it('never shrinks from one round to the next', () => {
		const schedule = pollSchedule(1_000, 45_000);
		for (let round = 1; round < 30; round++) {
			expect(pollIntervalMs(schedule, round)).toBeGreaterThanOrEqual(
				pollIntervalMs(schedule, round - 1),
			);
		}
	});

	it('treats negative input as zero rather than waiting backwards', () => {
		expect(pollIntervalMs(pollSchedule(-5), 0)).toBe(0);
		expect(pollIntervalMs(pollSchedule(1_000), -3)).toBe(1_000);
	});
});

describe('nextPollDelayMs', () => {
	const schedule = pollSchedule(5_000, 30_000);

	it('counts the wait from the start of the last round', () => {
		// The round started at 1000 and took 2 s: the next one is due at 1000 + 7500.
		expect(nextPollDelayMs(schedule, 1, 3_000, 1_000, 1_000_000)).toBe(5_500);
	});

	it('never sleeps past the deadline', () => {
		expect(nextPollDelayMs(schedule, 4, 10_000, 10_000, 12_000)).toBe(2_000);
	});

	it('does not wait when the deadline or the due time has passed', () => {
		expect(nextPollDelayMs(schedule, 0, 20_000, 10_000, 15_000)).toBe(0);
		expect(nextPollDelayMs(schedule, 0, 20_000, 10_000, 1_000_000)).toBe(0);
	});
});

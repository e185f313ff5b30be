import { sleep } from 'n8n-workflow';

import type { RateLimit } from '../../nodes/shared/rateLimiter';
import {
	acquireRateLimit,
	acquireRateLimits,
	backOffRateLimit,
	MAX_RATE_LIMIT_BACKOFF_MS,
	resetRateLimits,
} from '../../nodes/shared/rateLimiter';

/**
 * The limiter waits with n8n's `sleep` (setTimeout) and reads `Date.now()`; jest's modern fake timers replace both,
 * so these tests run instantly and every time below is virtual and exact.
 */

const TIKTOK_REFRESH_CREATE: RateLimit[] = [
	{ limit: 1, intervalMs: 1_000 },
	{ limit: 5, intervalMs: 60_000 },
];
const TIKTOK_GLOBAL: RateLimit[] = [
	{ limit: 10, intervalMs: 1_000 },
	{ limit: 600, intervalMs: 60_000 },
];

beforeEach(() => {
	jest.useFakeTimers({ now: 1_700_000_000_000 });
	resetRateLimits();
});

afterEach(() => {
	jest.useRealTimers();
});

/** Starts `count` acquisitions at once and returns the virtual time at which each one was let through. */
async function acquireMany(
	count: number,
	acquire: () => Promise<void>,
	maxVirtualMs = 10 * 60_000,
): Promise<number[]> {
	const times: number[] = [];
	const all = Promise.all(
		Array.from({ length: count }, async () => {
			await acquire();
			times.push(Date.now());
		}),
	);
	let advanced = 0;
	while (times.length < count && advanced < maxVirtualMs) {
		await jest.advanceTimersByTimeAsync(100);
		advanced += 100;
	}
	await all;
	return times.sort((a, b) => a - b);
}

/** The most requests found in any window of `intervalMs` (a window [t, t + intervalMs) at each request). */
function maxInAnyWindow(times: number[], intervalMs: number): number {
	let max = 0;
	for (let start = 0; start < times.length; start++) {
		let end = start;
		while (end < times.length && times[end] - times[start] < intervalMs) end++;
		max = Math.max(max, end - start);
	}
	return max;
}

describe('acquireRateLimit', () => {
	it('never lets more than 1 per second and 5 per minute through for TikTok refresh create', async () => {
		const times = await acquireMany(12, () =>
			acquireRateLimit('tiktok:a:refresh-create', TIKTOK_REFRESH_CREATE),
		);
		expect(times).toHaveLength(12);
		expect(maxInAnyWindow(times, 1_000)).toBe(1);
		expect(maxInAnyWindow(times, 60_000)).toBeLessThanOrEqual(5);
	});

	it('never lets more than 10 per second and 600 per minute through for the TikTok global limit', async () => {
		const times = await acquireMany(620, () => acquireRateLimit('tiktok:a:global', TIKTOK_GLOBAL));
		expect(times).toHaveLength(620);
		expect(maxInAnyWindow(times, 1_000)).toBeLessThanOrEqual(10);
		expect(maxInAnyWindow(times, 60_000)).toBeLessThanOrEqual(600);
	});

	it('holds back a burst once the longer window is full', async () => {
		const limits = [
			{ limit: 100, intervalMs: 1_000 },
			{ limit: 300, intervalMs: 60_000 },
		];
		const times = await acquireMany(320, () => acquireRateLimit('minute', limits));
		expect(times).toHaveLength(320);
		expect(maxInAnyWindow(times, 1_000)).toBeLessThanOrEqual(100);
		expect(maxInAnyWindow(times, 60_000)).toBeLessThanOrEqual(300);
		// The 301st request waited for the first one to leave the minute.
		expect(times[300] - times[0]).toBeGreaterThanOrEqual(60_000);
	});

	it('counts requests made before a window edge against the next window (sliding, not fixed windows)', async () => {
		// Five requests at the very end of one second must hold back the next five, not double the rate.
		const limits = [{ limit: 5, intervalMs: 1_000 }];
		jest.setSystemTime(1_700_000_000_990);
		const first = await acquireMany(5, () => acquireRateLimit('edge', limits));
		const second = await acquireMany(5, () => acquireRateLimit('edge', limits));
		expect(maxInAnyWindow([...first, ...second], 1_000)).toBe(5);
		expect(second[0] - first[0]).toBeGreaterThanOrEqual(1_000);
	});

	it('lets a request through at once when the bucket has room', async () => {
		const before = Date.now();
		await acquireRateLimit('free', TIKTOK_GLOBAL);
		expect(Date.now()).toBe(before);
	});

	it('keeps buckets apart: one credential or endpoint group does not slow another', async () => {
		const limits = [{ limit: 1, intervalMs: 60_000 }];
		await acquireRateLimit('tiktok:a:refresh-create', limits);
		const before = Date.now();
		await acquireRateLimit('tiktok:b:refresh-create', limits);
		expect(Date.now()).toBe(before);
	});

	it('with no limits only honours holds', async () => {
		const times = await acquireMany(50, () => acquireRateLimit('sixtyseconds:a:global', []));
		expect(new Set(times).size).toBe(1);
	});

	it('stops waiting when the run is cancelled, and the cancelled request takes no slot', async () => {
		const limits = [{ limit: 1, intervalMs: 10_000 }];
		await acquireRateLimit('cancel', limits);
		const controller = new AbortController();
		const waiting = acquireRateLimit('cancel', limits, controller.signal);
		const outcome = waiting.then(
			() => 'acquired',
			() => 'rejected',
		);
		await jest.advanceTimersByTimeAsync(1_000);
		controller.abort();
		await jest.advanceTimersByTimeAsync(0);
		expect(await outcome).toBe('rejected');

		// The next request goes when the first one leaves the window, not a slot later.
		const times = await acquireMany(1, () => acquireRateLimit('cancel', limits));
		expect(times[0] - 1_700_000_000_000).toBeLessThan(2 * 10_000);
	});

	it('rejects at once when the run is already cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(acquireRateLimit('x', TIKTOK_GLOBAL, controller.signal)).rejects.toBe(
			controller.signal.reason,
		);
		expect(controller.signal.reason).toMatchObject({ name: 'AbortError' });
	});
});

/**
 * Whether some `limit + 1` requests could have arrived at the provider within one `intervalMs`, each arriving
 * anywhere between being let through (`sentAt`) and its answer (`doneAt`).
 */
function couldExceed(
	requests: Array<{ sentAt: number; doneAt: number }>,
	limit: number,
	intervalMs: number,
) {
	return requests.some((last) => {
		// `last` arrives as early as possible; the others as late as possible.
		const together = requests.filter(
			(other) => other.sentAt <= last.sentAt && other.doneAt > last.sentAt - intervalMs,
		);
		return together.length > limit;
	});
}

/** Pseudo-random but repeatable latencies. */
function latencies(count: number, maxMs: number): number[] {
	let seed = 12345;
	return Array.from({ length: count }, () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return Math.floor((seed / 2147483648) * maxMs);
	});
}

describe('acquireRateLimits', () => {
	it('counts a request until its answer arrives, so slow answers cannot bunch up at the provider', async () => {
		const limits = [{ limit: 3, intervalMs: 1_000 }];
		const delays = latencies(30, 1_500);
		const requests: Array<{ sentAt: number; doneAt: number }> = [];
		const all = Promise.all(
			delays.map(async (latency) => {
				const done = await acquireRateLimits([{ bucket: 'slow', limits }]);
				const sentAt = Date.now();
				await sleep(latency);
				done();
				requests.push({ sentAt, doneAt: Date.now() });
			}),
		);
		while (requests.length < delays.length) await jest.advanceTimersByTimeAsync(50);
		await all;
		expect(couldExceed(requests, 3, 1_000)).toBe(false);
	});

	it('holds the next request while the last one allowed is in flight, and lets it go once answered', async () => {
		const limits = [{ limit: 1, intervalMs: 1_000 }];
		const done = await acquireRateLimits([{ bucket: 'flight', limits }]);
		let secondAt: number | undefined;
		const second = acquireRateLimits([{ bucket: 'flight', limits }]).then(() => {
			secondAt = Date.now();
		});
		await jest.advanceTimersByTimeAsync(5_000);
		expect(secondAt).toBeUndefined();
		const answeredAt = Date.now();
		done();
		await jest.advanceTimersByTimeAsync(2_000);
		await second;
		expect(secondAt! - answeredAt).toBeGreaterThanOrEqual(1_000);
		expect(secondAt! - answeredAt).toBeLessThan(2_000);
	});

	it('stops counting a request whose answer never comes after five minutes', async () => {
		const limits = [{ limit: 1, intervalMs: 1_000 }];
		const start = Date.now();
		await acquireRateLimits([{ bucket: 'lost', limits }]);
		const [time] = await acquireMany(1, () => acquireRateLimit('lost', limits), 10 * 60_000);
		expect(time - start).toBeGreaterThanOrEqual(5 * 60_000);
		expect(time - start).toBeLessThan(6 * 60_000);
	});

	it('records a request in all its buckets at the same instant', async () => {
		const requests = [
			{ bucket: 'tiktok:a:global', limits: TIKTOK_GLOBAL },
			{ bucket: 'tiktok:a:refresh-create', limits: TIKTOK_REFRESH_CREATE },
		];
		const createTimes = await acquireMany(7, async () => (await acquireRateLimits(requests))());
		// Meanwhile the global bucket holds exactly those requests: fill it up to its limit and check the window.
		const globalTimes = await acquireMany(20, () =>
			acquireRateLimit('tiktok:a:global', TIKTOK_GLOBAL),
		);
		const all = [...createTimes, ...globalTimes].sort((a, b) => a - b);
		expect(maxInAnyWindow(all, 1_000)).toBeLessThanOrEqual(10);
		expect(maxInAnyWindow(createTimes, 1_000)).toBe(1);
		expect(maxInAnyWindow(createTimes, 60_000)).toBe(5);
	});
});

describe('backOffRateLimit', () => {
	it('holds the bucket for the given time after a rate-limit answer', async () => {
		const start = Date.now();
		backOffRateLimit('held', 5_000);
		const times = await acquireMany(3, () => acquireRateLimit('held', TIKTOK_GLOBAL));
		for (const time of times) expect(time - start).toBeGreaterThanOrEqual(5_000);
	});

	it('does not lengthen the hold for answers to requests already in flight', async () => {
		const start = Date.now();
		backOffRateLimit('burst', 5_000);
		backOffRateLimit('burst', 5_000);
		backOffRateLimit('burst', 5_000);
		const [time] = await acquireMany(1, () => acquireRateLimit('burst', []));
		expect(time - start).toBeGreaterThanOrEqual(5_000);
		expect(time - start).toBeLessThan(10_000);
	});

	it('doubles the hold when the provider refuses again soon after a hold, up to five minutes', async () => {
		const holds: number[] = [];
		for (let refusal = 0; refusal < 9; refusal++) {
			const start = Date.now();
			backOffRateLimit('repeat', 5_000);
			const [time] = await acquireMany(1, () => acquireRateLimit('repeat', []), 20 * 60_000);
			holds.push(time - start);
		}
		expect(holds[1]).toBeGreaterThanOrEqual(2 * holds[0]);
		expect(holds[2]).toBeGreaterThanOrEqual(2 * holds[1]);
		expect(Math.max(...holds)).toBeLessThanOrEqual(MAX_RATE_LIMIT_BACKOFF_MS + 100);
		expect(holds[holds.length - 1]).toBeGreaterThanOrEqual(MAX_RATE_LIMIT_BACKOFF_MS);
	});

	it('starts again from the short hold after a quiet period', async () => {
		backOffRateLimit('quiet', 5_000);
		await acquireMany(1, () => acquireRateLimit('quiet', []));
		backOffRateLimit('quiet', 5_000);
		await acquireMany(1, () => acquireRateLimit('quiet', []));
		await jest.advanceTimersByTimeAsync(5 * 60_000);
		const start = Date.now();
		backOffRateLimit('quiet', 5_000);
		const [time] = await acquireMany(1, () => acquireRateLimit('quiet', []));
		expect(time - start).toBeLessThan(10_000);
	});
});

describe('resetRateLimits', () => {
	it('forgets recorded requests and holds', async () => {
		const limits = [{ limit: 1, intervalMs: 60_000 }];
		await acquireRateLimit('reset', limits);
		backOffRateLimit('reset', 60_000);
		resetRateLimits();
		const before = Date.now();
		await acquireRateLimit('reset', limits);
		expect(Date.now()).toBe(before);
	});
});

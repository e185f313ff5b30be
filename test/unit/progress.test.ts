import { progressHints, waitingLine } from '../../nodes/shared/progress';

describe('waitingLine', () => {
	it('counts done, failed and running jobs, and the items still being created', () => {
		expect(
			waitingLine('Create Video Ads', 'Creatify video', {
				total: 1,
				done: 0,
				failed: 0,
				running: 1,
				atEstimate: 0,
				creating: 3,
				nextCheckMs: 10_000,
			}),
		).toBe(
			'Create Video Ads: 0 of 1 Creatify video done, 0 failed, 1 still running; 3 more items being created; next check in 10 s',
		);
	});

	it('says how many running jobs wait for the provider’s estimate', () => {
		expect(
			waitingLine('Videos', 'SixtySeconds video', {
				total: 12,
				done: 7,
				failed: 1,
				running: 4,
				atEstimate: 2,
				creating: 0,
				nextCheckMs: 95_000,
			}),
		).toBe(
			"Videos: 7 of 12 SixtySeconds videos done, 1 failed, 4 still running; 2 of them checked at the provider's estimated finish time; next check in 1 min 35 s",
		);
	});
});

describe('progressHints', () => {
	it('gives the figures of the run: done, failed, still running, slowest, and the time spent on rate limits', () => {
		expect(
			progressHints({
				jobs: {
					label: 'TikTok digital avatar task',
					done: 47,
					failed: 1,
					running: 2,
					slowestMs: 190_000,
				},
				rateLimitWaitMs: new Map([
					['TikTok', 57_400],
					['Creatify', 300],
				]),
				spacedRounds: [],
			}),
		).toEqual([
			'50 TikTok digital avatar tasks: 47 done, 1 failed, 2 still running when the run ended; slowest 3 min 10 s',
			"Waited 57 s for TikTok's rate limit",
		]);
	});

	it('names the limit that spaced the rounds out', () => {
		expect(
			progressHints({
				rateLimitWaitMs: new Map(),
				spacedRounds: [
					{
						provider: 'TikTok',
						pollIntervalMs: 10_000,
						intervalMs: 20_000,
						calls: 100,
						limit: { limit: 600, intervalMs: 60_000 },
					},
				],
			}),
		).toEqual([
			"Checked every 20 s instead of every 10 s (Poll Interval) while 100 status calls a round were needed: reads use at most half of TikTok's limit of 600 requests per minute, the rest is left for creates and other runs",
		]);
	});
});

import { sandbox, run, createParameters, scripts } from './setup';

describe('what a long run tells the user', () => {
	it('logs each waiting round to the editor and ends with a hint on the jobs', async () => {
		sandbox.configure({ durations: { tiktokAvatar: { minMs: 2500, maxMs: 3500 } } });
		const { items, error, hints, uiMessages } = await run(createParameters(), {
			items: scripts(3),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(
			uiMessages.some((message) =>
				/^[^:]+: \d of 3 TikTok digital avatar tasks done, 0 failed, \d still running; next check in \d+ s$/.test(
					message,
				),
			),
		).toBe(true);
		expect(hints).toContainEqual(
			expect.stringMatching(/^3 TikTok digital avatar tasks: 3 done, 0 failed; slowest \d+ s$/),
		);
	});
});

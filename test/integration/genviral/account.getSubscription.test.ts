import { run } from './setup';

describe('Account → Get Subscription', () => {
	it('gets the subscription with its credits', async () => {
		const { items } = await run({ resource: 'account', operation: 'getSubscription' });
		expect(items[0].json).toMatchObject({
			tier: 'professional',
			status: 'active',
			credits_remaining: 1000,
			credits_limit: 1000,
			credits_used_this_period: 0,
			credits_reset_at: expect.any(String),
		});
	});
});

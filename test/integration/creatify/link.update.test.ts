import { UNKNOWN_ID, sandbox, run } from './setup';

describe('Link → Update', () => {
	it('needs at least one field to update', async () => {
		const { error } = await run({
			resource: 'link',
			operation: 'update',
			link: { __rl: true, mode: 'id', value: UNKNOWN_ID },
			updateFields: {},
		});
		expect(error?.message).toMatch(/Update Fields needs at least one field to change/);
		expect(sandbox.stats().total).toBe(0);
	});
});

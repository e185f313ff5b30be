import { SANDBOX_KEYS } from '../../sandbox';
import { credentials, run } from './setup';

describe('the credential', () => {
	it('explains a key without a plan on every operation', async () => {
		const { error } = await run(
			{ resource: 'imagePack', operation: 'getMany' },
			{ credentials: credentials(SANDBOX_KEYS.genviral.noPlanKey) },
		);
		expect(error?.message).toMatch(/subscription_required/);
		expect(error?.description).toMatch(/Activate or upgrade the plan/);
	});
});

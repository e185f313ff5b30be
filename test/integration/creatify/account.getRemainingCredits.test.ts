import type { INodeExecutionData } from 'n8n-workflow';
import { sandbox, run } from './setup';

describe('Account → Get Remaining Credits', () => {
	it('reads the balance', async () => {
		sandbox.configure({ creatifyCredits: 321 });
		const { items } = await run({ resource: 'account', operation: 'getRemainingCredits' });
		expect(items.map((item: INodeExecutionData) => item.json)).toEqual([
			{ remaining_credits: 321 },
		]);
	});
});

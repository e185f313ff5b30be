import { AVATAR_ID, sandbox, run } from './setup';

describe('Avatar → Get Many', () => {
	it('returns up to Limit avatars, and every avatar with Return All (100 per page)', async () => {
		const limited = await run({ resource: 'avatar', operation: 'getMany', limit: 5 });
		expect(limited.error).toBeUndefined();
		expect(limited.items).toHaveLength(5);
		expect(limited.items[0].json).toMatchObject({ avatar_id: AVATAR_ID });

		sandbox.reset();
		const all = await run({ resource: 'avatar', operation: 'getMany', returnAll: true });
		expect(all.items.length).toBeGreaterThanOrEqual(80);
		const pages = sandbox.requests({ endpoint: 'GET /open_api/v1.3/creative/digital_avatar/get/' });
		expect(pages.map((entry) => entry.query.page_size)).toEqual(pages.map(() => '100'));
		expect(pages).toHaveLength(Math.ceil(all.items.length / 100));
	});
});

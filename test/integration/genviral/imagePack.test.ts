import { GENVIRAL_IDS } from '../../sandbox';
import { OTHER_UUID, sandbox, run, packById } from './setup';

describe('Image Pack → Get and Get Many', () => {
	it('gets a pack with its images and lists packs, public ones on request', async () => {
		const pack = await run({
			resource: 'imagePack',
			operation: 'get',
			imagePack: packById(GENVIRAL_IDS.packWithImages),
		});
		expect(pack.items[0].json).toMatchObject({ id: GENVIRAL_IDS.packWithImages, image_count: 12 });
		expect(pack.items[0].json.images).toHaveLength(12);

		const own = await run({ resource: 'imagePack', operation: 'getMany', returnAll: true });
		const withPublic = await run({
			resource: 'imagePack',
			operation: 'getMany',
			returnAll: true,
			filters: { includePublic: true },
		});
		expect(withPublic.items.length).toBe(own.items.length + 1);
		const searched = await run({
			resource: 'imagePack',
			operation: 'getMany',
			limit: 5,
			filters: { includePublic: true, search: 'lifestyle' },
		});
		expect(searched.items.map((item) => item.json.id)).toEqual([GENVIRAL_IDS.packPublic]);
		const lists = sandbox.requests({ provider: 'genviral', endpoint: 'GET /packs' });
		expect(lists[lists.length - 1].query).toEqual({
			include_public: 'true',
			search: 'lifestyle',
			limit: '5',
			offset: '0',
		});

		const missing = await run(
			{ resource: 'imagePack', operation: 'get', imagePack: packById(OTHER_UUID) },
			{ continueOnFail: true },
		);
		expect(missing.items[0].json.error).toBe(`Genviral has no image pack with ID ${OTHER_UUID}`);
	});
});

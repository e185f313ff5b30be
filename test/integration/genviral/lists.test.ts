import { listSearch } from '../../helpers/n8nContext';
import { GENVIRAL_IDS } from '../../sandbox';
import { nodeType, credentialType, credentials } from './setup';

describe('searchable lists', () => {
	it('feeds the pack and slideshow dropdowns, with image counts, and an empty list on a bad key', async () => {
		const options = {
			nodeType,
			credentialTypes: [credentialType],
			credentials: credentials(),
			parameters: {},
		};
		const packs = await listSearch(options, 'searchPacks');
		expect(packs.results.map((result) => result.name)).toEqual(
			expect.arrayContaining([
				'Sandbox product shots (12 images)',
				'Sandbox empty pack (0 images)',
				'Public lifestyle pack (6 images, public)',
			]),
		);
		const searched = await listSearch(options, 'searchPacks', 'lifestyle');
		expect(searched.results.map((result) => result.value)).toEqual([GENVIRAL_IDS.packPublic]);

		const slideshows = await listSearch(options, 'searchSlideshows', 'morning');
		expect(slideshows.results).toEqual([
			{ name: 'Morning routine hooks (draft, 5 slides)', value: expect.any(String) },
		]);

		const bad = await listSearch(
			{ ...options, credentials: credentials('wrongpub.wrongsecret') },
			'searchPacks',
		);
		expect(bad.results).toEqual([]);
	});
});

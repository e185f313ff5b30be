import { listSearch } from '../../helpers/n8nContext';
import { nodeType, credentialType, credentials } from './setup';

describe('searchable lists', () => {
	it('feeds the searchable avatar dropdown, filtered by name', async () => {
		const result = await listSearch(
			{ nodeType, credentialTypes: [credentialType], credentials: credentials(), parameters: {} },
			'searchAvatars',
			'emma',
		);
		expect(result.results.length).toBeGreaterThan(0);
		for (const option of result.results) expect(option.name.toLowerCase()).toContain('emma');
	});

	it('shows an empty dropdown instead of failing on a bad token', async () => {
		const result = await listSearch(
			{
				nodeType,
				credentialTypes: [credentialType],
				credentials: credentials('wrong'),
				parameters: {},
			},
			'searchAvatars',
		);
		expect(result.results).toEqual([]);
	});
});

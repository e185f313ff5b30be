import { listSearch } from '../../helpers/n8nContext';
import { nodeType, credentialType, credentials } from './setup';

describe('searchable lists', () => {
	it('feeds the searchable template dropdown, filtered by name', async () => {
		const result = await listSearch(
			{ nodeType, credentialTypes: [credentialType], credentials: credentials(), parameters: {} },
			'searchTemplates',
			'demo',
		);
		expect(result.results).toEqual([
			expect.objectContaining({ name: 'Product Demo', value: 'tmpl_product_demo' }),
		]);
		const everything = await listSearch(
			{ nodeType, credentialTypes: [credentialType], credentials: credentials(), parameters: {} },
			'searchTemplates',
		);
		expect(everything.results.length).toBe(7);
	});

	it('shows an empty dropdown instead of failing on a bad key', async () => {
		const result = await listSearch(
			{
				nodeType,
				credentialTypes: [credentialType],
				credentials: credentials('wrong-key'),
				parameters: {},
			},
			'searchTemplates',
		);
		expect(result.results).toEqual([]);
	});
});

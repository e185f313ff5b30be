import { listSearch } from '../../helpers/n8nContext';
import { nodeType, credentialType, credentials, productUrl, createLink } from './setup';

describe('searchable lists', () => {
	const options = (apiKey?: string) => ({
		nodeType,
		credentialTypes: [credentialType],
		credentials: credentials(apiKey),
		parameters: {},
	});

	it('lists links, avatars, voice accents and visual styles, filtered by the search', async () => {
		const link = await createLink(productUrl(7));
		const links = await listSearch(options(), 'searchLinks', 'shop.example');
		expect(links.results.map((result) => result.value)).toEqual([link]);

		const avatars = await listSearch(options(), 'searchAvatars', 'anna');
		expect(avatars.results).toEqual([
			expect.objectContaining({
				value: '0b7d7e39-3f1c-4d7e-9a59-6d2f1a000001',
				name: expect.stringContaining('Anna'),
			}),
		]);

		const voices = await listSearch(options(), 'searchVoices', 'james');
		expect(voices.results.map((result) => result.value)).toEqual([
			'5e3c1a2b-0000-4000-8000-00000000b001',
			'5e3c1a2b-0000-4000-8000-00000000b002',
		]);

		const styles = await listSearch(options(), 'searchVisualStyles', 'green');
		expect(styles.results.map((result) => result.value)).toEqual([
			'DynamicGreenScreenEffect',
			'GreenScreenEffectTemplate',
		]);
	});

	it('shows empty lists instead of failing with a wrong key', async () => {
		for (const method of ['searchLinks', 'searchAvatars', 'searchVoices']) {
			const result = await listSearch(options('wrong-key'), method);
			expect(result.results).toEqual([]);
		}
	});
});

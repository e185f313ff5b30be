import { sandbox, run, requests } from './setup';

describe('Link → Create with Parameters', () => {
	it('creates a link from parameters for 1 credit, and checks the 3-image rule first', async () => {
		const images = [1, 2, 3].map((n) => `https://cdn.example.com/kettle-${n}.jpg`);
		const { items, error } = await run({
			resource: 'link',
			operation: 'createWithParams',
			title: 'Steel kettle',
			imageUrls: images.join(', '),
			additionalFields: {
				description: 'Boils in 90 s',
				logoUrl: 'https://cdn.example.com/logo.png',
				reviews: '4.8 stars',
			},
			checkCreditsFirst: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ title: 'Steel kettle', image_urls: images });
		expect(requests('POST /api/links/link_with_params/')[0].body).toEqual({
			title: 'Steel kettle',
			image_urls: images,
			description: 'Boils in 90 s',
			logo_url: 'https://cdn.example.com/logo.png',
			reviews: '4.8 stars',
		});
		expect(sandbox.state.creatify.remainingCredits).toBe(999);

		sandbox.reset();
		const tooFew = await run({
			resource: 'link',
			operation: 'createWithParams',
			title: 'Kettle',
			imageUrls: images.slice(0, 2),
		});
		expect(tooFew.error?.message).toMatch(
			/Image URLs must hold at least 3 URLs when there are no video URLs/,
		);
		const longLogo = await run({
			resource: 'link',
			operation: 'createWithParams',
			title: 'Kettle',
			videoUrls: 'https://cdn.example.com/demo.mp4',
			additionalFields: { logoUrl: `https://cdn.example.com/${'l'.repeat(200)}.png` },
		});
		expect(longLogo.error?.message).toMatch(/Logo URL must be at most 200 characters/);
		expect(sandbox.stats().total).toBe(0);
	});
});

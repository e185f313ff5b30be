import { UUID_RE, run, productUrl, requests, createLink } from './setup';

describe('Link → Create from URL, then Get, Update and Get Many', () => {
	it('creates from a URL, reads, updates and lists links', async () => {
		const created = await run({ resource: 'link', operation: 'createFromUrl', url: productUrl(0) });
		const link = created.items[0].json;
		expect(link).toMatchObject({ id: expect.stringMatching(UUID_RE), url: productUrl(0) });
		// Creatify's answer repeats the fields under "link": the output has them once.
		expect(link).not.toHaveProperty('link');

		const read = await run({
			resource: 'link',
			operation: 'get',
			link: { __rl: true, mode: 'id', value: link.id },
		});
		expect(read.items[0].json).toMatchObject({ id: link.id, title: link.title });

		const updated = await run({
			resource: 'link',
			operation: 'update',
			link: { __rl: true, mode: 'list', value: link.id },
			updateFields: {
				title: 'Steel kettle',
				imageUrls: 'https://cdn.example.com/a.jpg\nhttps://cdn.example.com/b.jpg',
			},
		});
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({
			title: 'Steel kettle',
			image_urls: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'],
		});
		expect(requests('PUT /api/links/{id}/')[0].body).toEqual({
			title: 'Steel kettle',
			image_urls: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'],
		});

		await createLink(productUrl(1));
		const list = await run({ resource: 'link', operation: 'getMany', returnAll: true });
		expect(list.items).toHaveLength(2);
	});
});

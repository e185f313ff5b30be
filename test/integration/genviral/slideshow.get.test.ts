import { GET_SLIDESHOW, OTHER_UUID, run, requests, copyOne } from './setup';

describe('Slideshow → Get', () => {
	it('gets slideshows by ID once, with an unknown ID reported as such', async () => {
		const id = await copyOne();
		const { items } = await run(
			{ resource: 'slideshow', operation: 'get', slideshowIds: '={{ $json.ids }}' },
			{ items: [{ ids: id }, { ids: OTHER_UUID }, { ids: `${id}, ${id}` }], continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({ id, status: 'draft', slides: expect.any(Array) });
		expect(items[1].json.error).toBe(`Genviral has no slideshow with ID ${OTHER_UUID}`);
		expect(items[2].json).toMatchObject({ id });
		expect(items).toHaveLength(3);
		// An ID named by several items is read once.
		expect(requests(GET_SLIDESHOW)).toHaveLength(2);
	});

	it('waits with Get until a slideshow is rendered', async () => {
		const id = await copyOne();
		const { items, error } = await run({
			resource: 'slideshow',
			operation: 'render',
			slideshow: { __rl: true, mode: 'id', value: id },
			waitForCompletion: false,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('rendered');
		const got = await run({
			resource: 'slideshow',
			operation: 'get',
			slideshowIds: id,
			waitForCompletion: true,
			pollInterval: 1,
		});
		expect(got.items[0].json).toMatchObject({ id, status: 'rendered' });
	});
});

import {
	VIDEO_LIST,
	VIDEO_GET,
	UNKNOWN_ID,
	sandbox,
	run,
	createParameters,
	productUrl,
	products,
	requests,
	idsOf,
} from './setup';

describe('Video → Get', () => {
	async function createVideos(count: number): Promise<string[]> {
		const { items } = await run(createParameters({ waitForCompletion: false }), {
			items: products(count),
		});
		return items.map((item) => String(item.json.id));
	}

	it("reads every item's ids together and waits until they finish, one item per video", async () => {
		const ids = await createVideos(5);
		const before = requests(VIDEO_LIST).length;
		const { items, error } = await run(
			{
				resource: 'video',
				operation: 'get',
				videoIds: '={{ $json.ids }}',
				waitForCompletion: true,
				pollInterval: 1,
			},
			{ items: [{ ids: ids.slice(0, 2).join(', ') }, { ids: ids.slice(2) }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 0, 1, 1, 1].map((item) => ({ item })));
		for (const item of items) expect(item.json.status).toBe('done');
		const firstRead = requests(VIDEO_LIST)[before];
		expect(idsOf(firstRead).sort()).toEqual([...ids].sort());
	});

	it('reads the ids of all items in one call when not waiting', async () => {
		const ids = await createVideos(5);
		const before = requests(VIDEO_LIST).length;
		const { items, error } = await run(
			{ resource: 'video', operation: 'get', videoIds: '={{ $json.ids }}' },
			{ items: [{ ids: ids.slice(0, 2).join(', ') }, { ids: ids.slice(2) }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 0, 1, 1, 1].map((item) => ({ item })));
		const reads = requests(VIDEO_LIST).slice(before);
		expect(reads).toHaveLength(1);
		expect(idsOf(reads[0]).sort()).toEqual([...ids].sort());
	});

	it('resumes waiting on ids after a create that did not wait', async () => {
		const ids = await createVideos(3);
		const { items, error } = await run({
			resource: 'video',
			operation: 'get',
			videoIds: ids.join(','),
			waitForCompletion: true,
			pollInterval: 1,
			simplify: false,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['done', 'done', 'done']);
		// Simplify off: everything Creatify answered.
		expect(items[0].json).toHaveProperty('outputs');
		expect(items[0].json).toHaveProperty('caption_setting');
	});

	it('reads Simplify as a switch: "false" from an expression is off, a word that is not a switch is refused', async () => {
		const [id] = await createVideos(1);
		const off = await run({
			resource: 'video',
			operation: 'get',
			videoIds: id,
			simplify: '={{ "false" }}',
		});
		expect(off.error).toBeUndefined();
		expect(off.items[0].json).toHaveProperty('caption_setting');
		const before = sandbox.stats().total;
		const { error } = await run({
			resource: 'video',
			operation: 'get',
			videoIds: id,
			simplify: '={{ "yes" }}',
		});
		expect(error?.message).toBe('Simplify must be true or false, not "yes"');
		expect(sandbox.stats().total).toBe(before);
	});

	it('reads an id the list leaves out on its own, and names an unknown id after one try', async () => {
		const [id] = await createVideos(1);
		const before = sandbox.requests({ provider: 'creatify' }).length;
		const { error } = await run({
			resource: 'video',
			operation: 'get',
			videoIds: `${id}, ${UNKNOWN_ID}`,
		});
		expect(error?.message).toBe(`Creatify has no video with ID ${UNKNOWN_ID}`);
		expect(error?.description).toMatch(/returned by Video → Create/);
		const after = sandbox.requests({ provider: 'creatify' }).slice(before);
		expect(after.map((entry) => entry.endpoint)).toEqual([VIDEO_LIST, VIDEO_GET]);
		expect(after[1].path).toBe(`/api/link_to_videos/${UNKNOWN_ID}/`);
	});

	it('rejects ids that are not Creatify video ids before any request', async () => {
		const { error } = await run({ resource: 'video', operation: 'get', videoIds: '123, abc' });
		expect(error?.message).toMatch(/Video IDs must hold Creatify video IDs/);
		expect(sandbox.stats().total).toBe(0);
	});

	it('Get with Output "Previews" reads the previews of a job made without waiting', async () => {
		const created = await run({
			resource: 'video',
			operation: 'createPreviews',
			source: 'productUrl',
			productUrl: productUrl(5),
			aspectRatios: ['16x9'],
			waitForCompletion: false,
		});
		expect(created.items).toHaveLength(1);
		const id = String(created.items[0].json.id);
		const { items, error } = await run({
			resource: 'video',
			operation: 'get',
			videoIds: id,
			output: 'previews',
			waitForCompletion: true,
			pollInterval: 1,
		});
		expect(error).toBeUndefined();
		// Creatify's default three visual styles × one ratio.
		expect(items).toHaveLength(3);
		for (const item of items)
			expect(item.json).toMatchObject({ video_id: id, aspect_ratio: '16x9' });
	});
});

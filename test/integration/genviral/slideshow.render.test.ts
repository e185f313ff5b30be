import type { IDataObject } from 'n8n-workflow';
import { binarySize } from '../../helpers/n8nContext';
import { GENVIRAL_IDS } from '../../sandbox';
import {
	RENDER,
	GET_SLIDESHOW,
	photoUrl,
	OTHER_UUID,
	sandbox,
	run,
	requests,
	copyOne,
} from './setup';

describe('Slideshow → Render', () => {
	const renderParameters = (overrides: IDataObject = {}): IDataObject => ({
		resource: 'slideshow',
		operation: 'render',
		slideshow: { __rl: true, mode: 'id', value: '={{ $json.slideshow_id }}' },
		pollInterval: 1,
		...overrides,
	});

	it('renders, waits until rendered and downloads the images', async () => {
		const again = [await copyOne(photoUrl(1)), await copyOne(photoUrl(2))];
		const { items, error } = await run(renderParameters({ downloadImages: true }), {
			items: again.map((slideshow_id) => ({ slideshow_id })),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		for (const [index, item] of items.entries()) {
			expect(item.json).toMatchObject({
				id: again[index],
				status: 'rendered',
				preview_image_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\//),
				last_rendered_at: expect.any(String),
			});
			const slideUrls = item.json.rendered_image_urls as string[];
			expect(slideUrls.length).toBe(item.json.slide_count);
			expect(item.binary?.data?.mimeType).toBe('image/jpeg');
			expect(await binarySize(item.binary!.data)).toBeGreaterThan(0);
			expect(Object.keys(item.binary ?? {})).toHaveLength(slideUrls.length + 1);
			expect(item.binary?.data_1).toBeDefined();
		}
		expect(requests(RENDER)).toHaveLength(2);
		expect(requests(GET_SLIDESHOW).length).toBeGreaterThanOrEqual(2);
	});

	it('without waiting outputs the render answer', async () => {
		const id = await copyOne();
		const { items } = await run(renderParameters({ waitForCompletion: false }), {
			items: [{ slideshow_id: id }],
		});
		expect(items[0].json).toMatchObject({
			id,
			status: 'rendered',
			preview_image_url: expect.any(String),
		});
		expect(requests(GET_SLIDESHOW)).toHaveLength(0);
	});

	it('fails only the items Genviral refused: unknown, empty, failed render', async () => {
		const good = await copyOne(photoUrl(1));
		const broken = await copyOne(photoUrl(2), 'sandbox-fail render');
		const { items } = await run(renderParameters(), {
			items: [
				{ slideshow_id: good },
				{ slideshow_id: OTHER_UUID },
				{ slideshow_id: GENVIRAL_IDS.slideshowWithoutSlides },
				{ slideshow_id: broken },
			],
			continueOnFail: true,
		});
		expect(items[0].json.status).toBe('rendered');
		expect(items[1].json.error).toMatch(/\(code not_found\)/);
		expect(items[2].json.error).toMatch(/\(code no_slides\)/);
		expect(items[2].json.errorDescription).toMatch(/Add slides/);
		expect(items[3].json.error).toMatch(/\(code render_failed\)/);
		expect(items[3].json.error).not.toMatch(/may have been/);
		expect(items[3].json.slideshow_ids).toEqual([]);
	});

	it('reads the status when the render answer is lost', async () => {
		const id = await copyOne();
		sandbox.injectFault({ provider: 'genviral', path: '/render', type: 'dropAfterProcessing' });
		const { items, error } = await run(renderParameters(), { items: [{ slideshow_id: id }] });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id, status: 'rendered' });
		expect(requests(RENDER)).toHaveLength(1);
		expect(requests(GET_SLIDESHOW)).toHaveLength(1);
	});

	it('rejects an ID that is not a UUID before any request', async () => {
		const { error } = await run(renderParameters(), { items: [{ slideshow_id: 'my-show' }] });
		expect(error?.message).toMatch(/Slideshow must be a slideshow ID|slideshow ID is a UUID/);
		expect(sandbox.stats().total).toBe(0);
	});
});

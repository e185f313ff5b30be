import { run, template } from './setup';

describe('Template → Get', () => {
	it('gets one template by ID', async () => {
		const { items } = await run({
			resource: 'template',
			operation: 'get',
			template: template('tmpl_product_demo'),
		});
		expect(items[0].json).toMatchObject({
			id: 'tmpl_product_demo',
			name: 'Product Demo',
			available_aspect_ratios: ['9:16', '16:9', '1:1'],
		});
	});
});

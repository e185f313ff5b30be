import { sandbox, run } from './setup';

describe('Avatar Video → Rename', () => {
	it('checks the new name length (1–100) before sending', async () => {
		const { error } = await run({
			resource: 'avatarVideo',
			operation: 'rename',
			avatarVideoId: '123',
			fileName: 'x'.repeat(101),
		});
		expect(error?.message).toMatch(/New Name must be at most 100 characters/);
		expect(sandbox.stats().total).toBe(0);
	});

	it('checks every row before the first rename, so a bad row leaves nothing half renamed', async () => {
		const { error } = await run(
			{
				resource: 'avatarVideo',
				operation: 'rename',
				avatarVideoId: '={{ $json.id }}',
				fileName: '={{ $json.name }}',
			},
			{
				items: [
					{ id: 'v1', name: 'Fine name' },
					{ id: 'v2', name: 'y'.repeat(101) },
				],
			},
		);
		expect(error?.message).toMatch(/New Name must be at most 100 characters/);
		expect(error?.description).toMatch(/Nothing was sent/);
		expect(
			sandbox.requests({ endpoint: 'POST /open_api/v1.3/file/video/ad/update/' }),
		).toHaveLength(0);
	});
});

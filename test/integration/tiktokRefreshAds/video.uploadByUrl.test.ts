import { UPLOAD, sandbox, run, videoUrl, bodyOf } from './setup';

describe('Video → Upload by URL', () => {
	it('uploads by URL for AIGC and returns the video_id', async () => {
		const url = videoUrl();
		const { items, error } = await run({
			resource: 'video',
			operation: 'uploadByUrl',
			videoUrl: url,
		});
		expect(error).toBeUndefined();
		const [upload] = sandbox.requests({ endpoint: UPLOAD });
		expect(bodyOf(upload)).toEqual({
			upload_type: 'UPLOAD_BY_URL',
			use_scenario: 'AIGC',
			video_url: url,
		});
		expect(items).toEqual([
			{
				json: { video_id: sandbox.state.tiktok.uploads[0].video_id, video_url: url },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends an upload again when TikTok refuses it for rate (free, and nothing was accepted)', async () => {
		sandbox.injectFault({
			provider: 'tiktok',
			path: '/file/video/ad/upload/',
			type: 'tiktokCode',
			code: 40100,
		});
		const { items, error } = await run({
			resource: 'video',
			operation: 'uploadByUrl',
			videoUrl: videoUrl(),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.video_id).toBe(sandbox.state.tiktok.uploads[0].video_id);
		expect(sandbox.requests({ endpoint: UPLOAD }).map((entry) => entry.code)).toEqual([40100, 0]);
		expect(sandbox.state.tiktok.uploads).toHaveLength(1);
	});

	it('sends a URL with spaces percent-encoded, as TikTok asks', async () => {
		await run({
			resource: 'video',
			operation: 'uploadByUrl',
			videoUrl: `${sandbox.url}/files/videos/spring sale ad.mp4`,
		});
		const [upload] = sandbox.requests({ endpoint: UPLOAD });
		expect(bodyOf(upload).video_url).toBe(`${sandbox.url}/files/videos/spring%20sale%20ad.mp4`);
	});

	it.each([
		// An expression that resolves to nothing (a literal empty field is already refused by n8n itself).
		['an empty URL', '={{ "" }}', /Video URL is required/],
		['an ftp URL', 'ftp://example.com/ad.mp4', /Video URL must be an http\(s\) URL/],
		['a file name', 'ad.mp4', /Video URL must be an http\(s\) URL/],
	])('rejects %s before sending anything', async (_label, url, message) => {
		const { error } = await run({ resource: 'video', operation: 'uploadByUrl', videoUrl: url });
		expect(error?.message).toMatch(message);
		expect(sandbox.stats().total).toBe(0);
	});

	it("explains TikTok's video URL errors", async () => {
		const { error } = await run({
			resource: 'video',
			operation: 'uploadByUrl',
			videoUrl: `${sandbox.url}/files/text/sandbox-text.html`,
		});
		expect(error?.message).toContain('(code 40908)');
		expect(error?.description).toMatch(/serve the video file itself/);
	});
});

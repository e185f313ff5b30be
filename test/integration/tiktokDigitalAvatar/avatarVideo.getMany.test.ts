import { AVATAR_ID, sandbox, run, createParameters, scripts } from './setup';

describe('Avatar Video → Get Many, then Rename', () => {
	it('filters by avatar and dates (JSON-encoded filtering) and renames a video', async () => {
		const created = await run(createParameters(), { items: scripts(2) });
		const videoId = String(created.items[0].json.avatar_video_id);

		const renamed = await run({
			resource: 'avatarVideo',
			operation: 'rename',
			avatarVideoId: videoId,
			fileName: 'Spring campaign — take 2',
		});
		expect(renamed.items[0].json).toMatchObject({ avatar_video_id: videoId, renamed: true });

		const today = new Date().toISOString().slice(0, 10);
		const { items } = await run({
			resource: 'avatarVideo',
			operation: 'getMany',
			returnAll: true,
			filters: {
				avatar: { __rl: true, mode: 'id', value: AVATAR_ID },
				startDate: `${today}T00:00:00`,
				endDate: today,
			},
		});
		expect(items).toHaveLength(2);
		expect(items.find((item) => item.json.avatar_video_id === videoId)?.json.video_name).toBe(
			'Spring campaign — take 2',
		);
		const [list] = sandbox.requests({
			endpoint: 'GET /open_api/v1.3/creative/digital_avatar/video/list/',
		});
		expect(JSON.parse(String(list.query.filtering))).toEqual({
			avatar_id: AVATAR_ID,
			start_date: today,
			end_date: today,
		});
	});
});

import type { IDataObject } from 'n8n-workflow';

import { TiktokBusinessApi } from '../../credentials/TiktokBusinessApi.credentials';
import { resetRateLimits } from '../../nodes/shared/rateLimiter';
import { TikTokDigitalAvatar } from '../../nodes/TikTokDigitalAvatar/TikTokDigitalAvatar.node';
import { binarySize, listSearch, runNode, testCredential } from '../helpers/n8nContext';
import type { RunOptions } from '../helpers/n8nContext';
import { SANDBOX_KEYS, startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';

const nodeType = new TikTokDigitalAvatar();
const credentialType = new TiktokBusinessApi();
const AVATAR_ID = '7301881390801371138';
const CREATE = 'POST /open_api/v1.3/creative/digital_avatar/video/task/create/';
const TASK_GET = 'GET /open_api/v1.3/creative/digital_avatar/video/task/get/';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({
		durations: { tiktokAvatar: { minMs: 100, maxMs: 400 } },
		videoBytes: 300_000,
	});
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ durations: { tiktokAvatar: { minMs: 100, maxMs: 400 } } });
	resetRateLimits();
});

function credentials(accessToken = SANDBOX_KEYS.tiktok.accessToken) {
	return { tiktokBusinessApi: { ...sandbox.credentials.tiktokBusinessApi, accessToken } };
}

async function run(parameters: IDataObject, options: Partial<RunOptions> = {}) {
	return await runNode({
		nodeType,
		credentialTypes: [credentialType],
		credentials: credentials(),
		parameters,
		...options,
	});
}

const createParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'avatarVideo',
	operation: 'create',
	avatar: { __rl: true, mode: 'id', value: AVATAR_ID },
	script: '={{ $json.script }}',
	additionalFields: { videoName: '={{ $json.name }}' },
	pollInterval: 1,
	timeout: 60,
	...overrides,
});

const scripts = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		script: `Hello number ${index + 1}, this is our new product.`,
		name: `video ${index + 1}`,
	}));

function queryIds(entry: { query: IDataObject }): string[] {
	return JSON.parse(String(entry.query.task_ids)) as string[];
}

describe('Avatar → Get Many', () => {
	it('returns up to Limit avatars, and every avatar with Return All (100 per page)', async () => {
		const limited = await run({ resource: 'avatar', operation: 'getMany', limit: 5 });
		expect(limited.error).toBeUndefined();
		expect(limited.items).toHaveLength(5);
		expect(limited.items[0].json).toMatchObject({ avatar_id: AVATAR_ID });

		sandbox.reset();
		const all = await run({ resource: 'avatar', operation: 'getMany', returnAll: true });
		expect(all.items.length).toBeGreaterThanOrEqual(80);
		const pages = sandbox.requests({ endpoint: 'GET /open_api/v1.3/creative/digital_avatar/get/' });
		expect(pages.map((entry) => entry.query.page_size)).toEqual(pages.map(() => '100'));
		expect(pages).toHaveLength(Math.ceil(all.items.length / 100));
	});

	it('feeds the searchable avatar dropdown, filtered by name', async () => {
		const result = await listSearch(
			{ nodeType, credentialTypes: [credentialType], credentials: credentials(), parameters: {} },
			'searchAvatars',
			'emma',
		);
		expect(result.results.length).toBeGreaterThan(0);
		for (const option of result.results) expect(option.name.toLowerCase()).toContain('emma');
	});

	it('shows an empty dropdown instead of failing on a bad token', async () => {
		const result = await listSearch(
			{
				nodeType,
				credentialTypes: [credentialType],
				credentials: credentials('wrong'),
				parameters: {},
			},
			'searchAvatars',
		);
		expect(result.results).toEqual([]);
	});
});

describe('Avatar Video → Create', () => {
	it('sends 12 items as 3 create requests of up to 5 packages and polls 5 task IDs per request', async () => {
		const { items, error } = await run(createParameters(), { items: scripts(12) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(12);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({ status: 'SUCCESS', video_name: `video ${index + 1}` });
			expect(item.json.task_id).toBeTruthy();
			expect(item.json.avatar_video_id).toBeTruthy();
			expect(String(item.json.preview_url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
		});

		const creates = sandbox.requests({ endpoint: CREATE });
		expect(
			creates.map(
				(entry) =>
					(entry.body as IDataObject[] & { material_packages: unknown[] }).material_packages.length,
			),
		).toEqual([5, 5, 2]);
		const reads = sandbox.requests({ endpoint: TASK_GET });
		expect(reads.length).toBeGreaterThan(0);
		for (const read of reads) expect(queryIds(read).length).toBeLessThanOrEqual(5);
		expect(sandbox.stats().rateViolations).toBe(0);
	});

	it('returns the task IDs at once when Wait for Completion is off', async () => {
		const { items } = await run(createParameters({ waitForCompletion: false }), {
			items: scripts(2),
		});
		expect(items.map((item) => item.json.status)).toEqual(['SUBMITTED', 'SUBMITTED']);
		expect(sandbox.requests({ endpoint: TASK_GET })).toHaveLength(0);
	});

	it('downloads each finished video into binary data', async () => {
		const { items, error } = await run(
			createParameters({ downloadVideo: true, binaryPropertyName: 'video' }),
			{ items: scripts(2) },
		);
		expect(error).toBeUndefined();
		for (const item of items) {
			const binary = item.binary?.video;
			expect(binary?.mimeType).toBe('video/mp4');
			expect(binary?.fileName).toMatch(/\.mp4$/);
			expect(await binarySize(binary!)).toBe(300_000);
		}
	});

	it.each([
		['an emoji', 'Buy now 🚀', /Script contains "🚀"/],
		['a pictograph symbol', 'Best deal ★ today', /Script contains "★"/],
		[
			'more than 2,000 characters',
			'a'.repeat(2345),
			/Script must be at most 2,000 characters \(TikTok limit\); this one has 2,345/,
		],
		['nothing', '', /Script/],
	])('rejects a script with %s before any request', async (_label, script, message) => {
		const { error } = await run(createParameters({ script, additionalFields: {} }));
		expect(error?.message).toMatch(message);
		expect(sandbox.stats().total).toBe(0);
	});

	it('accepts scripts in any language with ordinary punctuation', async () => {
		const { error } = await run(
			createParameters({
				script: '¿Qué tal? 你好，世界！ Prix : 9,99 € — «offre» (50 %)',
				waitForCompletion: false,
			}),
		);
		expect(error).toBeUndefined();
	});

	it('rejects a video name over 50 characters and an avatar ID that is not a number', async () => {
		const longName = await run(
			createParameters({ script: 'Hi', additionalFields: { videoName: 'n'.repeat(51) } }),
		);
		expect(longName.error?.message).toMatch(/Video Name must be at most 50 characters/);
		const badAvatar = await run(
			createParameters({ script: 'Hi', avatar: { __rl: true, mode: 'id', value: 'emma' } }),
		);
		// n8n's own check of the By ID pattern stops the run before the node runs.
		expect(badAvatar.error?.message).toMatch(/avatar ID is a number/);
		expect(sandbox.stats().total).toBe(0);
	});

	it("turns a package's error_msg into that item's error and keeps the other videos", async () => {
		const { items } = await run(
			createParameters({ avatar: { __rl: true, mode: 'id', value: '={{ $json.avatar }}' } }),
			{
				items: [
					{ script: 'One', name: 'ok', avatar: AVATAR_ID },
					{ script: 'Two', name: 'bad', avatar: '1234567890' },
				],
				continueOnFail: true,
			},
		);
		expect(items[0].json.status).toBe('SUCCESS');
		expect(items[1].json).toMatchObject({ script: 'Two', avatar: '1234567890' });
		expect(String(items[1].json.error)).toMatch(/avatar_id 1234567890 does not exist/);
	});

	it('reports a FAILED task with its task ID and keeps the input (Continue On Fail)', async () => {
		const { items } = await run(createParameters(), {
			items: [
				{ script: 'Fine', name: 'fine' },
				{ script: 'Broken', name: 'sandbox-fail' },
			],
			continueOnFail: true,
		});
		expect(items[0].json.status).toBe('SUCCESS');
		expect(items[1].json.script).toBe('Broken');
		expect(items[1].json.task_ids).toHaveLength(1);
		expect(String(items[1].json.error)).toContain(String((items[1].json.task_ids as string[])[0]));
	});

	it('fails the run on a FAILED task without Continue On Fail, naming the task', async () => {
		const { error } = await run(createParameters(), {
			items: [{ script: 'x', name: 'sandbox-fail' }],
		});
		const taskId =
			sandbox.requests({ endpoint: TASK_GET })[0] &&
			queryIds(sandbox.requests({ endpoint: TASK_GET })[0])[0];
		expect(error?.message).toContain(taskId);
	});

	it('stops waiting at the timeout and tells how to resume, with every task ID', async () => {
		sandbox.configure({ durations: { tiktokAvatar: { minMs: 60_000, maxMs: 60_000 } } });
		const { error } = await run(createParameters({ timeout: 10, pollInterval: 3 }), {
			items: scripts(2),
		});
		const created = sandbox.state.tiktok.avatarTasks.map((task: IDataObject) =>
			String(task.task_id),
		);
		expect(created).toHaveLength(2);
		const text = `${error?.message} ${error?.description}`;
		for (const id of created) expect(text).toContain(id);
		expect(text).toMatch(/Avatar Video → Get" with Wait for Completion/);
	}, 30_000);

	it('rides out a rate-limit answer and a 5xx while polling', async () => {
		sandbox.injectFault({
			provider: 'tiktok',
			path: '/video/task/get/',
			type: 'tiktokCode',
			code: 40100,
		});
		sandbox.injectFault({
			provider: 'tiktok',
			path: '/video/task/get/',
			type: 'http',
			status: 503,
		});
		const { items, error } = await run(createParameters(), { items: scripts(3) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
	}, 30_000);

	it('never sends a create twice when the connection drops after TikTok accepted it', async () => {
		sandbox.injectFault({
			provider: 'tiktok',
			path: '/video/task/create/',
			type: 'dropAfterProcessing',
		});
		const { error } = await run(createParameters(), { items: scripts(1) });
		expect(sandbox.requests({ endpoint: CREATE })).toHaveLength(1);
		expect(`${error?.message} ${error?.description}`).toMatch(/may have been accepted/);
	});
});

describe('Avatar Video → Get', () => {
	it("reads every item's task IDs together, 5 per request, waiting until they finish", async () => {
		const created = await run(createParameters({ waitForCompletion: false }), {
			items: scripts(7),
		});
		const ids = created.items.map((item) => String(item.json.task_id));
		expect(sandbox.requests({ endpoint: TASK_GET })).toHaveLength(0);

		const { items, error } = await run(
			{
				resource: 'avatarVideo',
				operation: 'get',
				taskIds: '={{ $json.ids }}',
				waitForCompletion: true,
				pollInterval: 1,
			},
			{ items: [{ ids: ids.slice(0, 3).join(', ') }, { ids: ids.slice(3).join(',') }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.task_id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual(
			[0, 0, 0, 1, 1, 1, 1].map((item) => ({ item })),
		);
		for (const item of items) expect(item.json.status).toBe('SUCCESS');
		const firstRound = sandbox.requests({ endpoint: TASK_GET }).slice(0, 2);
		expect(firstRound.map((entry) => queryIds(entry).length).sort()).toEqual([2, 5]);
	});

	it('reads the current status once when not waiting', async () => {
		const created = await run(createParameters({ waitForCompletion: false }), {
			items: scripts(1),
		});
		const { items } = await run({
			resource: 'avatarVideo',
			operation: 'get',
			taskIds: String(created.items[0].json.task_id),
		});
		expect(['SUBMITTED', 'PROCESSING', 'SUCCESS']).toContain(items[0].json.status);
		expect(sandbox.requests({ endpoint: TASK_GET })).toHaveLength(1);
	});

	it('requires at least one task ID', async () => {
		const { error } = await run({
			resource: 'avatarVideo',
			operation: 'get',
			taskIds: ' , ',
		});
		expect(error?.message).toMatch(/Task IDs needs at least one task ID/);
		expect(sandbox.stats().total).toBe(0);
	});

	it('reports an unknown task ID after one read, with what to check', async () => {
		const { error } = await run({
			resource: 'avatarVideo',
			operation: 'get',
			taskIds: '7000000000000000001',
		});
		expect(error?.message).toBe('TikTok has no digital avatar task with ID 7000000000000000001');
		expect(error?.description).toMatch(/task_ids returned by Avatar Video → Create/);
		expect(sandbox.requests({ endpoint: TASK_GET })).toHaveLength(1);
	});
});

describe('Avatar Video → Get Many and Rename', () => {
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

describe('TikTok errors and the credential', () => {
	it.each([
		[SANDBOX_KEYS.tiktok.notAllowlistedToken, 40118, /allowlist/],
		[SANDBOX_KEYS.tiktok.noPermissionToken, 40001, /Generative AI Tool > Video Generation/],
		[SANDBOX_KEYS.tiktok.expiredToken, 40102, /Re-authorize/],
		['not-a-token', 40105, /credential/],
	])('maps the answer for token %s to code %s with a hint', async (token, code, hint) => {
		const { error } = await runNode({
			nodeType,
			credentialTypes: [credentialType],
			credentials: credentials(token),
			parameters: { resource: 'avatar', operation: 'getMany', limit: 1 },
		});
		expect(error?.message).toContain(`(code ${code})`);
		expect(error?.description).toMatch(hint);
		expect(error?.description).toMatch(/Request ID: /);
		expect(JSON.stringify(error)).not.toContain(token === 'not-a-token' ? 'not-a-token' : token);
	});

	it('passes the credential test with a good token and fails it visibly with a bad one', async () => {
		const good = await testCredential({
			credentialType,
			data: credentials().tiktokBusinessApi,
			nodeType,
		});
		expect(good.status).toBe('OK');
		const bad = await testCredential({
			credentialType,
			data: credentials('revoked-token').tiktokBusinessApi,
			nodeType,
		});
		expect(bad).toEqual({
			status: 'Error',
			message: expect.stringMatching(/invalid or was revoked.*40105/),
		});
		const missing = await testCredential({
			credentialType,
			data: credentials('').tiktokBusinessApi,
			nodeType,
		});
		expect(missing.message).toMatch(/40104/);
		const [request] = sandbox.requests({ endpoint: 'GET /open_api/v1.3/user/info/' });
		expect(request.auth).toBe('valid');
	});
});

describe('what a long run tells the user', () => {
	it('logs each waiting round to the editor and ends with a hint on the jobs', async () => {
		sandbox.configure({ durations: { tiktokAvatar: { minMs: 2500, maxMs: 3500 } } });
		const { items, error, hints, uiMessages } = await run(createParameters(), {
			items: scripts(3),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(
			uiMessages.some((message) =>
				/^[^:]+: \d of 3 TikTok digital avatar tasks done, 0 failed, \d still running; next check in \d+ s$/.test(
					message,
				),
			),
		).toBe(true);
		expect(hints).toContainEqual(
			expect.stringMatching(/^3 TikTok digital avatar tasks: 3 done, 0 failed; slowest \d+ s$/),
		);
	});
});

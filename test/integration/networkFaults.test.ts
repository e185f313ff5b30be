/**
 * Network faults around paid creates and downloads, through n8n-core's real engine and HTTP stack against the
 * sandbox: a connection that is refused (nothing sent), an answer slower than the credential's Request Timeout,
 * a refusal in an HTTP 200, and result downloads cut short or stalled. `npm run test:faults` runs the whole matrix
 * of faults × nodes; these are the cases it found wrong, kept here so that they stay right.
 */
import type { IDataObject } from 'n8n-workflow';

import { CreatifyApi } from '../../credentials/CreatifyApi.credentials';
import { SixtySecondsApi } from '../../credentials/SixtySecondsApi.credentials';
import { TiktokBusinessApi } from '../../credentials/TiktokBusinessApi.credentials';
import { Creatify } from '../../nodes/Creatify/Creatify.node';
import { SixtySeconds } from '../../nodes/SixtySeconds/SixtySeconds.node';
import { TikTokDigitalAvatar } from '../../nodes/TikTokDigitalAvatar/TikTokDigitalAvatar.node';
import { binarySize } from '../helpers/n8nContext';
import { nodeRunner } from '../helpers/nodeRunner';
import { useSandbox } from '../helpers/sandboxSuite';
import { SANDBOX_KEYS, startSandbox } from '../sandbox';

const VIDEO_BYTES = 100_000;
const AVATAR_CREATE = 'POST /open_api/v1.3/creative/digital_avatar/video/task/create/';

const sandbox = useSandbox({ durations: { minMs: 100, maxMs: 300 }, videoBytes: VIDEO_BYTES });
const avatars = nodeRunner(sandbox, new TikTokDigitalAvatar(), new TiktokBusinessApi());
const sixtySeconds = nodeRunner(sandbox, new SixtySeconds(), new SixtySecondsApi());
const creatify = nodeRunner(sandbox, new Creatify(), new CreatifyApi());

/** The origin of a sandbox that has been closed: connecting to it is refused. */
async function closedOrigin(): Promise<string> {
	const closed = await startSandbox();
	const origin = closed.url;
	await closed.close();
	return origin;
}

const errorText = (json: IDataObject) =>
	`${String(json.error)} ${String(json.errorDescription ?? '')}`;

async function avatarVideo(credential: IDataObject = {}) {
	return await avatars.run(
		{
			resource: 'avatarVideo',
			operation: 'create',
			avatar: { __rl: true, mode: 'id', value: '7301881390801371138' },
			script: 'Hello, this is our new product.',
			pollInterval: 1,
			timeout: 60,
		},
		{ credentials: avatars.credentials(credential), continueOnFail: true },
	);
}

async function sixtySecondsVideo(
	credential: IDataObject = {},
	parameters: IDataObject = {},
	{
		items = [{ first_name: 'Ada' }],
		continueOnFail = true,
	}: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	return await sixtySeconds.run(
		{
			resource: 'video',
			operation: 'create',
			title: 'Welcome',
			template: { __rl: true, mode: 'id', value: 'tmpl_welcome_message' },
			customerData: 'inputItem',
			pollInterval: 1,
			timeout: 60,
			downloadVideo: true,
			...parameters,
		},
		{ credentials: sixtySeconds.credentials(credential), items, continueOnFail },
	);
}

describe('paid creates', () => {
	it('says "not created" when the connection is refused: the request never left', async () => {
		const baseUrl = `${await closedOrigin()}/tiktok`;
		const { items } = await avatarVideo({ baseUrl });
		expect(items).toHaveLength(1);
		const text = errorText(items[0].json);
		expect(text).toContain('Could not reach TikTok');
		expect(text).toContain('was not created: the request never reached the provider');
		expect(text).not.toContain('may have been');
		expect(text).not.toContain(SANDBOX_KEYS.tiktok.accessToken);
	});

	it("gives up on an answer slower than the credential's Request Timeout, and never sends the create again", async () => {
		sandbox.injectFault({ provider: 'sixtyseconds', method: 'POST', type: 'slow', delayMs: 2_500 });
		const { items } = await sixtySecondsVideo({ requestTimeout: 1 });
		const text = errorText(items[0].json);
		expect(text).toContain('No answer from SixtySeconds within 1 s');
		expect(text).toMatch(/may have been accepted; check "Video → Get Many"/);
		// SixtySeconds made the video after the node stopped waiting: once.
		await sandbox.whenIdle();
		expect(sandbox.requests({ provider: 'sixtyseconds', endpoint: 'POST /videos' })).toHaveLength(
			1,
		);
		expect(sandbox.state.sixtyseconds.videos).toHaveLength(1);
	});

	it('says "not created" when the provider refuses the create in an HTTP 200', async () => {
		sandbox.injectFault({
			provider: 'tiktok',
			path: '/task/create/',
			type: 'tiktokCode',
			code: 40002,
			message: 'Invalid parameters',
		});
		const { items } = await avatarVideo();
		const text = errorText(items[0].json);
		expect(text).toContain('TikTok: Invalid parameters (code 40002)');
		expect(text).toContain('was not created, so nothing was charged');
		expect(sandbox.requests({ endpoint: AVATAR_CREATE })).toHaveLength(1);
		expect(sandbox.state.tiktok.avatarTasks).toHaveLength(0);
	});

	it('names the render, not a new video, when the answer to a Creatify render is lost', async () => {
		const headers = {
			'Content-Type': 'application/json',
			'X-API-ID': SANDBOX_KEYS.creatify.apiId,
			'X-API-KEY': SANDBOX_KEYS.creatify.apiKey,
		};
		const post = async (path: string, body: IDataObject) =>
			(await (
				await fetch(`${sandbox.url}/creatify/api${path}`, {
					method: 'POST',
					headers,
					body: JSON.stringify(body),
				})
			).json()) as IDataObject;
		const link = await post('/links/', { url: 'https://shop.example.com/products/p1' });
		const preview = await post('/link_to_videos/preview/', { link: link.id, aspect_ratio: '9x16' });
		sandbox.injectFault({ provider: 'creatify', path: '/render/', type: 'dropAfterProcessing' });
		const { items } = await creatify.run(
			{ resource: 'video', operation: 'render', videoId: String(preview.id) },
			{ continueOnFail: true },
		);
		const text = errorText(items[0].json);
		expect(text).toContain('The Creatify render may have been created anyway');
		expect(text).toContain('check "Video → Get" on the video ID of this item');
		expect(sandbox.requests({ endpoint: 'POST /api/link_to_videos/{id}/render/' })).toHaveLength(1);
	});
});

describe('Download Video', () => {
	it('downloads a video cut short once again, and keeps it only whole', async () => {
		sandbox.injectFault({ provider: 'files', path: '/videos/', type: 'dropAfterProcessing' });
		const { items } = await sixtySecondsVideo();
		expect(items[0].json.error).toBeUndefined();
		expect(await binarySize(items[0].binary!.data)).toBe(VIDEO_BYTES);
		expect(sandbox.requests({ provider: 'files' }).map((entry) => entry.fault)).toEqual([
			'dropAfterProcessing',
			null,
		]);
	});

	it('fails a download cut short on every attempt, naming the video, what arrived and the next step', async () => {
		sandbox.injectFault({
			provider: 'files',
			path: '/videos/',
			type: 'dropAfterProcessing',
			times: 3,
		});
		const { items } = await sixtySecondsVideo();
		const { json } = items[0];
		expect(String(json.error)).toMatch(
			new RegExp(
				`^Could not download the video from .+ \\(cut short after \\d+ of ${VIDEO_BYTES} bytes`,
			),
		);
		expect(String(json.errorDescription)).toBe(
			`SixtySeconds video ${String(json.id)} is finished. Only the download failed: download the video again with the Get operation (Download Video on), or turn off Download Video to keep the URL only.`,
		);
		expect(items[0].binary).toBeUndefined();
	});

	it('names every other video of the run when a failed download stops it (Continue On Fail off)', async () => {
		sandbox.injectFault({
			provider: 'files',
			path: '/videos/',
			type: 'dropAfterProcessing',
			times: 3,
		});
		const { items, error } = await sixtySecondsVideo(
			{},
			{},
			{ items: [{ first_name: 'Ada' }, { first_name: 'Grace' }], continueOnFail: false },
		);
		expect(items).toEqual([]);
		const [first, second] = sandbox.state.sixtyseconds.videos.map((video) => String(video.id));
		expect(error?.message).toMatch(/^Could not download the video from .+ \(cut short after/);
		// The run stops at the first video's download: the second, paid for and finished, is named with it.
		expect(error?.description).toContain(`SixtySeconds video ${first} is finished.`);
		expect(error?.description).toContain(
			`Other SixtySeconds videos created by this run: item 1: ${second} (succeeded).`,
		);
	});

	it("fails a stalled download after the credential's Request Timeout instead of waiting for ever", async () => {
		sandbox.injectFault({ provider: 'files', path: '/videos/', type: 'stall', times: 3 });
		const { items } = await sixtySecondsVideo({ requestTimeout: 1 });
		expect(String(items[0].json.error)).toMatch(
			new RegExp(`\\(no data for 1 s after ${VIDEO_BYTES / 2} of ${VIDEO_BYTES} bytes\\)$`),
		);
		expect(String(items[0].json.errorDescription)).toContain(
			`video ${String(items[0].json.id)} is finished`,
		);
		expect(sandbox.requests({ provider: 'files' })).toHaveLength(3);
	}, 30_000);
});

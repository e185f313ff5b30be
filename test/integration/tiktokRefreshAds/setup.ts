/**
 * What the TikTok Refresh Ads suites of this folder (one file per resource and operation,
 * `<resource>.<operation>.test.ts`) share: the sandbox, started for each test file that imports this module, `run()`
 * for the node, and the parameters, items and request-log readers the tests use.
 *
 * TikTok Refresh Ads through n8n's real execution engine against the sandbox over HTTP. Each test starts from an
 * empty sandbox and an empty rate limiter, so the 5-creates-per-minute pacing of one test never slows the next.
 */
import type { IDataObject } from 'n8n-workflow';
import { TiktokBusinessApi } from '../../../credentials/TiktokBusinessApi.credentials';
import { TikTokRefreshAds } from '../../../nodes/TikTokRefreshAds/TikTokRefreshAds.node';
import { nodeRunner } from '../../helpers/nodeRunner';
import { useSandbox } from '../../helpers/sandboxSuite';
import type { RequestLogEntry } from '../../sandbox';

export const nodeType = new TikTokRefreshAds();
export const credentialType = new TiktokBusinessApi();
export const API = '/open_api/v1.3';
export const UPLOAD = `POST ${API}/file/video/ad/upload/`;
export const CREATE = `POST ${API}/creative/aigc/refresh_video/task/create/`;
export const TASK_LIST = `GET ${API}/creative/aigc/video/task/list/`;
export const VIDEO_LIST = `GET ${API}/creative/aigc/video/list/`;
export const VIDEO_BYTES = 200_000;

export const sandbox = useSandbox({
	durations: { tiktokRefresh: { minMs: 100, maxMs: 400 } },
	videoBytes: VIDEO_BYTES,
});
export const { run, credentials } = nodeRunner(sandbox, nodeType, credentialType);

export const createParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'refreshTask',
	operation: 'create',
	source: 'videoUrl',
	videoUrl: '={{ $json.url }}',
	strategy: 'ADD_HOOK',
	hookType: 'RECOMMENDED',
	productCategory: 'GAMES',
	productDescription: 'A puzzle game for commuters, free to play.',
	pollInterval: 1,
	timeout: 60,
	...overrides,
});

export const videoUrl = (name = 'summer-ad') => sandbox.videoUrl(undefined, `${name}.mp4`);

export function bodyOf(entry: RequestLogEntry): IDataObject {
	return entry.body as IDataObject;
}

export function queryIds(entry: RequestLogEntry): string[] {
	return JSON.parse(String(entry.query.task_ids)) as string[];
}

/** Uploads one video through the node and returns its video_id. */
export async function uploadedVideoId(): Promise<string> {
	const { items, error } = await run({
		resource: 'video',
		operation: 'uploadByUrl',
		videoUrl: videoUrl('stock'),
	});
	expect(error).toBeUndefined();
	return String(items[0].json.video_id);
}

export function expectTaskReadsWellFormed() {
	const reads = sandbox.requests({ endpoint: TASK_LIST });
	expect(reads.length).toBeGreaterThan(0);
	for (const read of reads) {
		expect(read.query.aigc_video_type).toBe('REFRESH_VIDEO');
		expect(String(read.query.task_ids)).toMatch(/^\[".*"\]$/);
		expect(queryIds(read).length).toBeLessThanOrEqual(5);
	}
	return reads;
}

/**
 * What the TikTok Digital Avatar suites of this folder (one file per resource and operation,
 * `<resource>.<operation>.test.ts`) share: the sandbox, started for each test file that imports this module, `run()`
 * for the node, and the parameters, items and request-log readers the tests use.
 */
import type { IDataObject } from 'n8n-workflow';
import { TiktokBusinessApi } from '../../../credentials/TiktokBusinessApi.credentials';
import { TikTokDigitalAvatar } from '../../../nodes/TikTokDigitalAvatar/TikTokDigitalAvatar.node';
import { nodeRunner } from '../../helpers/nodeRunner';
import { useSandbox } from '../../helpers/sandboxSuite';

export const nodeType = new TikTokDigitalAvatar();
export const credentialType = new TiktokBusinessApi();
export const AVATAR_ID = '7301881390801371138';
export const CREATE = 'POST /open_api/v1.3/creative/digital_avatar/video/task/create/';
export const TASK_GET = 'GET /open_api/v1.3/creative/digital_avatar/video/task/get/';

export const sandbox = useSandbox(
	{
		durations: { tiktokAvatar: { minMs: 100, maxMs: 400 } },
		videoBytes: 300_000,
	},
	{ each: { durations: { tiktokAvatar: { minMs: 100, maxMs: 400 } } } },
);
export const { run, credentials } = nodeRunner(sandbox, nodeType, credentialType);

export const createParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'avatarVideo',
	operation: 'create',
	avatar: { __rl: true, mode: 'id', value: AVATAR_ID },
	script: '={{ $json.script }}',
	additionalFields: { videoName: '={{ $json.name }}' },
	pollInterval: 1,
	timeout: 60,
	...overrides,
});

export const scripts = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		script: `Hello number ${index + 1}, this is our new product.`,
		name: `video ${index + 1}`,
	}));

export function queryIds(entry: { query: IDataObject }): string[] {
	return JSON.parse(String(entry.query.task_ids)) as string[];
}

import type { IDataObject } from 'n8n-workflow';

import { TiktokBusinessApi } from '../../credentials/TiktokBusinessApi.credentials';
import { TikTokDigitalAvatar } from '../../nodes/TikTokDigitalAvatar/TikTokDigitalAvatar.node';
import { installDeduplicator } from '../helpers/deduplicationStore';
import { nodeRunner } from '../helpers/nodeRunner';
import { useSandbox } from '../helpers/sandboxSuite';

// The node as n8n runs it, with n8n-core's own deduplication service (what `this.helpers.checkProcessedAndRecord`
// calls) backed by an in-memory store, as n8n's server backs it with its database: a second execution of the same
// node with the same input is what n8n's Retry and a re-run are.

const CREATE = 'POST /open_api/v1.3/creative/digital_avatar/video/task/create/';
const deduplicator = installDeduplicator();
// The sandbox keeps its jobs and request log from test to test, as the provider does between executions.
const sandbox = useSandbox(
	{ durations: { tiktokAvatar: { minMs: 100, maxMs: 300 } } },
	{ reset: false },
);
const { run } = nodeRunner(sandbox, new TikTokDigitalAvatar(), new TiktokBusinessApi());

async function createVideos(scripts: string[], parameters: IDataObject = {}) {
	return await run(
		{
			resource: 'avatarVideo',
			operation: 'create',
			avatar: { __rl: true, mode: 'id', value: '7301881390801371138' },
			script: '={{ $json.script }}',
			pollInterval: 1,
			timeout: 60,
			...parameters,
		},
		{ items: scripts.map((script) => ({ script })), continueOnFail: true },
	);
}

const paidScripts = () =>
	sandbox
		.requests({ endpoint: CREATE })
		.filter((request) => request.code === 0)
		.flatMap(
			(request) =>
				(request.body as IDataObject & { material_packages: IDataObject[] }).material_packages,
		)
		.map((pack) => pack.script);

describe('a second execution of the same node (Retry, re-run)', () => {
	it('picks up the videos already paid for, pays once more only for the failed one, and says so', async () => {
		const scripts = [
			'Retry one, the kettle.',
			'Retry two, the bottle.',
			'Retry three sandbox-fail',
		];
		const first = await createVideos(scripts);
		expect(first.items.filter((item) => item.json.status === 'SUCCESS')).toHaveLength(2);
		expect(first.hints.join(' ')).not.toMatch(/could not be recorded/);

		const retry = await createVideos(scripts);
		expect(paidScripts().filter((script) => scripts.includes(script as string))).toEqual([
			...scripts,
			scripts[2],
		]);
		const [one, two, three] = retry.items;
		expect(one.json).toMatchObject({
			status: 'SUCCESS',
			task_id: first.items[0].json.task_id,
			reused_job: true,
			reused_job_created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
		expect(two.json).toMatchObject({ task_id: first.items[1].json.task_id, reused_job: true });
		expect(three.json.error).toMatch(/failed/);
		expect(three.json.reused_job).toBeUndefined();
		expect(deduplicator.size).toBeGreaterThan(0);
	});

	it('pays again when Reuse Paid Jobs is off', async () => {
		const scripts = ['Reuse off, the mug.'];
		await createVideos(scripts);
		const again = await createVideos(scripts, { reusePaidJobs: false });
		expect(paidScripts().filter((script) => script === scripts[0])).toHaveLength(2);
		expect(again.items[0].json.reused_job).toBeUndefined();
	});

	it('without waiting, says per job whether it is finished', async () => {
		const created = await createVideos(['Not waiting, the lamp.'], { waitForCompletion: false });
		expect(created.items[0].json).toMatchObject({ finished: false });
	});
});

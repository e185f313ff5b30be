/**
 * What the Genviral suites of this folder (one file per resource and operation, `<resource>.<operation>.test.ts`)
 * share: the sandbox, started for each test file that imports this module, `run()` for the node, and the parameters,
 * items and request-log readers the tests use.
 *
 * The Genviral node inside n8n-core's real engine, against the provider sandbox over real HTTP: every operation,
 * what the sandbox received (its request log), credits spent, the free checks before any paid import, pacing,
 * rate limits ridden out and an import that is never sent twice.
 */
import type { IDataObject } from 'n8n-workflow';
import { GenviralApi } from '../../../credentials/GenviralApi.credentials';
import { Genviral } from '../../../nodes/Genviral/Genviral.node';
import { nodeRunner } from '../../helpers/nodeRunner';
import { useSandbox } from '../../helpers/sandboxSuite';
import { GENVIRAL_IDS } from '../../sandbox';
import type { RequestLogEntry } from '../../sandbox';

export const nodeType = new Genviral();
export const credentialType = new GenviralApi();
export const PREVIEW = 'POST /slideshows/copy-tiktok/preview';
export const IMPORT = 'POST /slideshows/copy-tiktok/import';
export const RENDER = 'POST /slideshows/{id}/render';
export const GET_SLIDESHOW = 'GET /slideshows/{id}';
export const photoUrl = (n: number | string) =>
	`https://www.tiktok.com/@creator/photo/74991234567890${n}`;
export const videoUrl = (n: number | string) =>
	`https://www.tiktok.com/@creator/video/74991234567890${n}`;
export const OTHER_UUID = '9b2e4c1a-0d3f-4a5b-8c7d-6e5f4a3b2c1d';

export const sandbox = useSandbox(
	{},
	{ each: { genviralCredits: 1000, rateLimits: { genviral: null } } },
);
export const { run, credentials } = nodeRunner(sandbox, nodeType, credentialType);

export const packById = (value: string) => ({ __rl: true, mode: 'id', value });

export const copyParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'slideshow',
	operation: 'copyFromTiktok',
	tiktokUrl: '={{ $json.url }}',
	backgroundImages: 'pack',
	imagePack: packById(GENVIRAL_IDS.packWithImages),
	...overrides,
});

export const requests = (endpoint: string): RequestLogEntry[] =>
	sandbox.requests({ provider: 'genviral', endpoint });
export const creditsUsed = () => sandbox.state.genviral.credits.used_this_period;
export const slideshowCount = () => sandbox.state.genviral.slideshows.length;

export async function copyOne(url = photoUrl(1), title?: string): Promise<string> {
	const { items } = await run(copyParameters(title ? { additionalFields: { title } } : {}), {
		items: [{ url }],
	});
	return items[0].json.slideshow_id as string;
}

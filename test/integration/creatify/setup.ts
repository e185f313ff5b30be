/**
 * What the Creatify suites of this folder (one file per resource and operation, `<resource>.<operation>.test.ts`)
 * share: the sandbox, started for each test file that imports this module, `run()` for the node, and the parameters,
 * items and request-log readers the tests use.
 *
 * The Creatify node inside n8n-core's real engine, against the provider sandbox over real HTTP. Each test checks
 * what the sandbox received (its request log) as well as what the node output.
 */
import type { IDataObject } from 'n8n-workflow';
import { CreatifyApi } from '../../../credentials/CreatifyApi.credentials';
import { Creatify } from '../../../nodes/Creatify/Creatify.node';
import { nodeRunner } from '../../helpers/nodeRunner';
import { useSandbox } from '../../helpers/sandboxSuite';
import type { RequestLogEntry } from '../../sandbox';

export const nodeType = new Creatify();
export const credentialType = new CreatifyApi();

export const LINK_CREATE = 'POST /api/links/';
export const VIDEO_CREATE = 'POST /api/link_to_videos/';
export const VIDEO_LIST = 'GET /api/link_to_videos/';
export const VIDEO_GET = 'GET /api/link_to_videos/{id}/';
export const CREDITS = 'GET /api/remaining_credits/';
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const UNKNOWN_ID = '7a1f0c1e-0000-4000-8000-000000000000';
export const RENDER_MS = { minMs: 100, maxMs: 400 };

export const sandbox = useSandbox(
	{ durations: { creatify: RENDER_MS }, videoBytes: 200_000 },
	{ each: { creatifyCredits: 1000, durations: { creatify: RENDER_MS } } },
);
export const { run, credentials } = nodeRunner(sandbox, nodeType, credentialType);

export const createParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'video',
	operation: 'create',
	source: 'productUrl',
	productUrl: '={{ $json.url }}',
	additionalFields: { name: '={{ $json.name }}' },
	pollInterval: 1,
	timeout: 60,
	...overrides,
});

export const productUrl = (index: number) => `https://shop.example.com/products/p${index}`;

/** `count` items over `distinct` product URLs (item i uses URL i mod distinct). */
export const products = (count: number, distinct = count) =>
	Array.from({ length: count }, (_, index) => ({
		url: productUrl(index % distinct),
		name: `ad ${index}`,
	}));

export const requests = (endpoint: string) => sandbox.requests({ provider: 'creatify', endpoint });

export function idsOf(entry: RequestLogEntry): string[] {
	return String(entry.query.ids ?? '')
		.split(',')
		.filter(Boolean);
}

export const errorText = (error: { message?: string; description?: string | null } | undefined) =>
	`${error?.message ?? ''} ${error?.description ?? ''}`;

export async function createLink(url = productUrl(0)): Promise<string> {
	const { items, error } = await run({ resource: 'link', operation: 'createFromUrl', url });
	expect(error).toBeUndefined();
	return String(items[0].json.id);
}

/**
 * What the SixtySeconds suites of this folder (one file per resource and operation,
 * `<resource>.<operation>.test.ts`) share: the sandbox, started for each test file that imports this module, `run()`
 * for the node, and the parameters, items and request-log readers the tests use.
 *
 * The SixtySeconds node executed by n8n-core's real engine against the provider sandbox over real HTTP: what the
 * sandbox received (its request log) and what the node handed back.
 */
import type { IDataObject } from 'n8n-workflow';
import { SixtySecondsApi } from '../../../credentials/SixtySecondsApi.credentials';
import { SixtySeconds } from '../../../nodes/SixtySeconds/SixtySeconds.node';
import { nodeRunner } from '../../helpers/nodeRunner';
import { useSandbox } from '../../helpers/sandboxSuite';
import type { RequestLogEntry } from '../../sandbox';

export const nodeType = new SixtySeconds();
export const credentialType = new SixtySecondsApi();
export const CREATE = 'POST /videos';
export const READ = 'GET /videos/{id}';
export const TEMPLATE = 'GET /templates/{id}';
/** Renders of 1–2.5 s: long enough for whole-second estimated_completion values. */
export const QUICK = { sixtyseconds: { minMs: 1_000, maxMs: 2_500 } };

export const sandbox = useSandbox(
	{ durations: QUICK, videoBytes: 200_000 },
	{ each: { durations: QUICK } },
);
export const { run, credentials } = nodeRunner(sandbox, nodeType, credentialType);

export const template = (value = 'tmpl_welcome_message') => ({ __rl: true, mode: 'id', value });

export const createParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'video',
	operation: 'create',
	title: '={{ "Welcome " + $json.first_name }}',
	template: template(),
	customerData: 'inputItem',
	pollInterval: 1,
	timeout: 60,
	...overrides,
});

export const customers = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		first_name: `Customer ${index + 1}`,
		company: `Company ${index + 1}`,
		product_tier: index % 2 ? 'Enterprise' : 'Professional',
		usage_stats: { logins: index * 3, features_used: ['dashboard', 'reports'] },
	}));

export const creates = () => sandbox.requests({ provider: 'sixtyseconds', endpoint: CREATE });
export const reads = () => sandbox.requests({ provider: 'sixtyseconds', endpoint: READ });
export const idOf = (entry: RequestLogEntry) => entry.path.replace('/videos/', '');
export const videos = () => sandbox.state.sixtyseconds.videos as IDataObject[];

export function errorText(error?: { message?: string; description?: string | null }) {
	return `${error?.message ?? ''} ${error?.description ?? ''}`;
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ReuseOptions } from './jobEngine/types';
import { JobLedger, n8nLedgerStore } from './jobLedger';
import { readBooleanParameter, readNumberParameter, switchValue } from './validation';

/** Defaults a provider passes for its typical job length. */
export interface WaitDefaults {
	pollIntervalSeconds: number;
	timeoutSeconds: number;
}

/** The ranges of the wait fields, in seconds: shown by the editor and checked when the fields are read. */
const POLL_INTERVAL_SECONDS = { min: 1, max: 300 };
const TIMEOUT_SECONDS = { min: 10, max: 21600 };

/**
 * "Wait for Completion" and its timing, shared by every asynchronous operation. Creates wait by default: a no-code
 * user expects the run to hand back the finished video. Gets read once by default (`waitByDefault: false`); turning
 * waiting on resumes after a create that timed out.
 */
export function waitProperties(
	defaults: WaitDefaults,
	what: string,
	{ waitByDefault = true }: { waitByDefault?: boolean } = {},
): INodeProperties[] {
	// The lint wants a literal default in each property literal; the operation's own defaults are set on return.
	const waitForCompletion: INodeProperties = {
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description: `Whether to wait until ${what} is finished before continuing. All items' jobs are waited for together, so the run takes about as long as the slowest job.`,
	};
	const pollInterval: INodeProperties = {
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		default: 10,
		typeOptions: { minValue: POLL_INTERVAL_SECONDS.min, maxValue: POLL_INTERVAL_SECONDS.max },
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			"How often to check the jobs still running, so a finished job is seen at most this long after it ends. Checks are spaced out only when they would take more than half of the provider's rate limits.",
	};
	const timeout: INodeProperties = {
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		default: 600,
		typeOptions: { minValue: TIMEOUT_SECONDS.min, maxValue: TIMEOUT_SECONDS.max },
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			'How long to wait for each job, counted from its creation. Jobs still running then are reported with their IDs so you can resume with a Get operation — nothing is lost or paid twice.',
	};
	return [
		{ ...waitForCompletion, default: waitByDefault },
		{ ...pollInterval, default: defaults.pollIntervalSeconds },
		{ ...timeout, default: defaults.timeoutSeconds },
	];
}

export interface WaitSettings {
	waitForCompletion: boolean;
	pollIntervalMs: number;
	timeoutMs: number;
}

/**
 * Reads the wait fields, checked against their ranges (an expression could make the Poll Interval 0 or the Timeout
 * NaN: a busy loop, or a wait without end). They are node-level settings: item 0's values apply to the whole batch.
 * Read before anything is sent.
 */
export function readWaitSettings(this: IExecuteFunctions, defaults: WaitDefaults): WaitSettings {
	const waitForCompletion = readWaitForCompletion.call(this);
	// Hidden while Wait for Completion is off, so n8n gives their defaults then.
	const pollIntervalSeconds = readNumberParameter.call(this, 'pollInterval', 0, {
		label: 'Poll Interval (Seconds)',
		default: defaults.pollIntervalSeconds,
		...POLL_INTERVAL_SECONDS,
	});
	const timeoutSeconds = readNumberParameter.call(this, 'timeout', 0, {
		label: 'Timeout (Seconds)',
		default: defaults.timeoutSeconds,
		...TIMEOUT_SECONDS,
	});
	return {
		waitForCompletion,
		pollIntervalMs: pollIntervalSeconds * 1000,
		timeoutMs: timeoutSeconds * 1000,
	};
}

/** Every operation with these fields shows the switch, so n8n gives its value; null (an empty expression) is off. */
function readWaitForCompletion(this: IExecuteFunctions): boolean {
	return readBooleanParameter.call(this, 'waitForCompletion', 0, {
		label: 'Wait for Completion',
		default: false,
	});
}

const REUSE_WINDOW_HOURS = { min: 1, max: 720 };

/**
 * "Reuse Paid Jobs", on every operation that pays: n8n's Retry of a failed execution runs the node again with its
 * whole input, and a crash loses what a running node held, so without it recovering from trouble pays again for
 * every item (see jobLedger.ts).
 */
export function reuseProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Reuse Paid Jobs',
			name: 'reusePaidJobs',
			type: 'boolean',
			default: true,
			description: `Whether to pick up the ${what} an earlier run of this node already paid for with the same input (a Retry of a failed execution, a re-run, a run after n8n restarted) instead of paying for it again. Turn off to pay for a new one from the same input.`,
		},
		{
			displayName: 'Reuse Within (Hours)',
			name: 'reuseWithinHours',
			type: 'number',
			default: 24,
			typeOptions: { minValue: REUSE_WINDOW_HOURS.min, maxValue: REUSE_WINDOW_HOURS.max },
			displayOptions: { show: { reusePaidJobs: [true] } },
			description:
				'How old an earlier payment may be to be picked up; older ones are ignored and the item is paid for again',
		},
	];
}

/**
 * Reads the reuse fields (node-level, like the wait fields) and opens this node's ledger. Undefined where n8n offers
 * no deduplication store. Read before anything is sent.
 */
export function readReuseSettings(this: IExecuteFunctions): ReuseOptions | undefined {
	const reusePaidJobs = readBooleanParameter.call(this, 'reusePaidJobs', 0, {
		label: 'Reuse Paid Jobs',
		default: true,
	});
	const hours = reusePaidJobs
		? readNumberParameter.call(this, 'reuseWithinHours', 0, {
				label: 'Reuse Within (Hours)',
				default: 24,
				...REUSE_WINDOW_HOURS,
			})
		: 0;
	const store = n8nLedgerStore(this.helpers);
	if (!store) return undefined;
	const resource = this.getNodeParameter('resource', 0, '') as string;
	const operation = this.getNodeParameter('operation', 0, '') as string;
	return {
		ledger: new JobLedger(store),
		reusePaidJobs,
		windowMs: hours * 3_600_000,
		operation: `${resource}.${operation}`,
	};
}

/** "Download Video" and the binary field it writes, for operations that return a finished video. */
export function downloadProperties(notice?: string): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Download Video',
			name: 'downloadVideo',
			type: 'boolean',
			default: false,
			displayOptions: { show: { waitForCompletion: [true] } },
			description:
				'Whether to download each finished video into binary data (streamed, so large files are fine), for example to upload it elsewhere',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			displayOptions: { show: { waitForCompletion: [true], downloadVideo: [true] } },
			hint: 'The name of the output binary field to put the video in',
		},
	];
	if (notice) {
		properties.splice(1, 0, {
			displayName: notice,
			name: 'downloadNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { waitForCompletion: [true], downloadVideo: [true] } },
		});
	}
	return properties;
}

export interface DownloadSettings {
	downloadVideo: boolean;
	binaryPropertyName: string;
}

/**
 * Read once the jobs are done, so it must not fail: Wait for Completion was checked before anything was sent, and a
 * Download Video that is not true (or "true") means no download.
 */
export function readDownloadSettings(this: IExecuteFunctions): DownloadSettings {
	const download = switchValue(this.getNodeParameter('downloadVideo', 0, false), false);
	return {
		downloadVideo: readWaitForCompletion.call(this) && download,
		binaryPropertyName: this.getNodeParameter('binaryPropertyName', 0, 'data') as string,
	};
}

/** Return All / Limit for list operations (pages are read at the provider's largest page size). */
export function paginationProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

/** Return All / Limit of one item; a Limit that is not a whole number of at least 1 is refused. */
export function readPagination(this: IExecuteFunctions, itemIndex: number): { limit?: number } {
	const returnAll = readBooleanParameter.call(this, 'returnAll', itemIndex, {
		label: 'Return All',
		default: false,
	});
	if (returnAll) return {};
	return {
		limit: readNumberParameter.call(this, 'limit', itemIndex, {
			label: 'Limit',
			default: 50,
			min: 1,
			whole: true,
		}),
	};
}

export interface IdLocatorOptions {
	displayName: string;
	name: string;
	/** The node's listSearch method behind "From List". */
	searchListMethod: string;
	/** The "By ID" placeholder, e.g. "e.g. 7301881390801371138". */
	placeholder: string;
	description?: string;
	/** What a typed ID must look like, checked in the editor as it is typed. */
	pattern?: { regex: string; errorMessage: string };
}

/**
 * A "from list / by ID" picker: the account's objects in a searchable list, or an ID typed or mapped. Every node
 * picks its provider objects (avatars, templates, links, packs, slideshows) this way, so they look and behave alike.
 */
export function idLocator(
	options: IdLocatorOptions,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...(options.description !== undefined ? { description: options.description } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder,
				...(options.pattern
					? { validation: [{ type: 'regex' as const, properties: options.pattern }] }
					: {}),
			},
		],
		...overrides,
	};
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Defaults a provider passes for its typical job length. */
export interface WaitDefaults {
	pollIntervalSeconds: number;
	timeoutSeconds: number;
}

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
		typeOptions: { minValue: 1, maxValue: 300 },
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			'How often to check at first; the interval grows gently (×1.5) up to 30 seconds or this value, whichever is larger',
	};
	const timeout: INodeProperties = {
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		default: 600,
		typeOptions: { minValue: 10, maxValue: 21600 },
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

/** Reads the wait fields. They are node-level settings: item 0's values apply to the whole batch. */
export function readWaitSettings(this: IExecuteFunctions, defaults: WaitDefaults): WaitSettings {
	const waitForCompletion = this.getNodeParameter('waitForCompletion', 0, true) as boolean;
	return {
		waitForCompletion,
		pollIntervalMs:
			(this.getNodeParameter('pollInterval', 0, defaults.pollIntervalSeconds) as number) * 1000,
		timeoutMs: (this.getNodeParameter('timeout', 0, defaults.timeoutSeconds) as number) * 1000,
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

export function readDownloadSettings(this: IExecuteFunctions): DownloadSettings {
	const waitForCompletion = this.getNodeParameter('waitForCompletion', 0, true) as boolean;
	return {
		downloadVideo:
			waitForCompletion && (this.getNodeParameter('downloadVideo', 0, false) as boolean),
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

export function readPagination(this: IExecuteFunctions, itemIndex: number): { limit?: number } {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? {} : { limit: this.getNodeParameter('limit', itemIndex, 50) as number };
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { DownloadSettings } from './descriptions';
import { downloadToBinary } from './download';
import type { JobAdapter, JobEngineContext, JobResult, TrackedJob } from './jobEngine';
import { resumeSentence } from './jobEngine';
import { idList, joinSentences } from './jobEngine/messages';
import { failedItem, withItemIndex } from './items';
import { credentialTimeoutMs } from './request';

export interface JobOutputOptions<TJob> {
	/** The output JSON of one job of input `itemIndex` (every job of a successful or merely submitted input). */
	toJson(job: TrackedJob<TJob>, itemIndex: number): IDataObject;
	/** What to name the job ids on a failed item, e.g. "task_ids". */
	jobIdsField: string;
	download?: DownloadSettings & {
		videoUrl(job: TJob): string | undefined;
		fileName(job: TJob): string;
		hint?: string;
		/** The node's credential type, whose Request Timeout bounds the download (see DownloadOptions). */
		credentialType?: string;
	};
}

/**
 * Turns the engine's per-input results into output items, in input order: one item per job (a refresh task that
 * made 4 videos gives 4 items), each paired with its input. Without Continue On Fail the first failure is thrown
 * with every created job id; with it, a failed input becomes an item holding its input, the error and the ids of
 * its unfinished jobs, next to items for any of its jobs that did finish.
 */
export async function jobResultsToItems<TJob>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	results: Array<JobResult<TJob>>,
	adapter: Pick<JobAdapter<unknown, TJob>, 'jobLabel' | 'resumeHint'>,
	options: JobOutputOptions<TJob>,
): Promise<Map<number, INodeExecutionData[]>> {
	if (!this.continueOnFail()) throwFirstFailure.call(this, results, adapter);

	const output = new Map<number, INodeExecutionData[]>();
	for (const result of results) {
		const { itemIndex } = result;
		const itemOutput: INodeExecutionData[] = [];
		// A failed input may still have finished videos (one of a refresh task's four can fail): they are paid
		// for, so they are output as usual, and the failed item names only the jobs that did not finish.
		const finished = result.error
			? result.jobs.filter((job) => job.state === 'succeeded')
			: result.jobs;
		for (const job of finished) {
			const item = await jobItem.call(this, items, results, itemIndex, job, adapter, options);
			Object.assign(item.json, finishedField(result, job), reusedFields(result));
			itemOutput.push(item);
		}
		if (result.error) {
			const unfinished = result.jobs
				.filter((job) => job.state !== 'succeeded')
				.map((job) => job.id);
			itemOutput.push(
				failedItem(items[itemIndex], itemIndex, result.error, {
					[options.jobIdsField]: unfinished,
					...reusedFields(result),
				}),
			);
		}
		output.set(itemIndex, itemOutput);
	}
	return output;
}

/**
 * Where the run did not wait (a create with Wait for Completion off, a Get that reads once), whether the job is done
 * (succeeded or failed) or still running: what a loop "Create → n8n's Wait → Get → If finished" tests, so that a long
 * render is waited for by n8n's own Wait node rather than by a running execution.
 */
function finishedField<TJob>(result: JobResult<TJob>, job: TrackedJob<TJob>): IDataObject {
	return result.outcome === 'read' || result.outcome === 'submitted'
		? { finished: job.state !== 'pending' }
		: {};
}

/**
 * On the items of an input whose jobs an earlier run of the node paid for (a Retry, a re-run): says so, and when that
 * payment was made. Absent on items created by this run.
 */
export function reusedFields(result: Pick<JobResult<unknown>, 'reused'>): IDataObject {
	return result.reused
		? { reused_job: true, reused_job_created_at: result.reused.createdAt.toISOString() }
		: {};
}

/** One job's output item, with its video downloaded when asked. */
async function jobItem<TJob>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	results: Array<JobResult<TJob>>,
	itemIndex: number,
	job: TrackedJob<TJob>,
	adapter: Pick<JobAdapter<unknown, TJob>, 'jobLabel' | 'resumeHint'>,
	options: JobOutputOptions<TJob>,
): Promise<INodeExecutionData> {
	const json = options.toJson(job, itemIndex);
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	const download = options.download;
	if (!download?.downloadVideo || job.job === undefined || job.state !== 'succeeded') return item;
	try {
		const url = download.videoUrl(job.job);
		if (!url)
			throw new Error(`The provider returned no video URL for ${adapter.jobLabel} ${job.id}`);
		item.binary = {
			[download.binaryPropertyName]: await downloadToBinary.call(this, url, {
				fileName: download.fileName(job.job),
				hint: download.hint,
				timeoutMs: download.credentialType
					? await credentialTimeoutMs(this, download.credentialType)
					: undefined,
			}),
		};
		return item;
	} catch (error) {
		// The video exists and was paid for: name it in the error, and keep its IDs and URL in the failed item.
		const withJob = error as { description?: string | null };
		withJob.description = joinSentences(
			`${adapter.jobLabel} ${job.id} is finished.`,
			withJob.description ?? undefined,
		);
		if (this.continueOnFail()) return failedItem(items[itemIndex], itemIndex, error, json);
		// The run stops here, and no other job reaches the output (the other videos of a refresh task, the other
		// items' videos): name them all.
		withJob.description = joinSentences(
			withJob.description ?? undefined,
			otherJobsText(results, adapter, (other) => other.id !== job.id),
		);
		throw withItemIndex.call(this, error, itemIndex);
	}
}

/**
 * For a node without Continue On Fail: throws the error of the first failed input (in input order), adding the
 * ids of every job created by the run so that none is lost, or returns if every input succeeded.
 */
export function throwFirstFailure<TJob>(
	this: JobEngineContext,
	results: Array<JobResult<TJob>>,
	adapter: Pick<JobAdapter<unknown, TJob>, 'jobLabel' | 'resumeHint'>,
): void {
	const failures = results.filter((result) => result.error && result.outcome !== 'stopped');
	const first = failures[0] ?? results.find((result) => result.error);
	if (!first?.error) return;
	first.error.description = joinSentences(
		first.error.description ?? undefined,
		otherJobsText(results, adapter, (job, result) => result !== first),
	);
	throw first.error;
}

/**
 * "Other videos created by this run: item 0: 123 (succeeded); item 2: 456 (pending). <next step>: 123, 456." — for
 * an error that stops the run, so that no job already paid for is lost with it. Undefined when there is none.
 */
function otherJobsText<TJob>(
	results: Array<JobResult<TJob>>,
	adapter: Pick<JobAdapter<unknown, TJob>, 'jobLabel' | 'resumeHint'>,
	isOther: (job: TrackedJob<TJob>, result: JobResult<TJob>) => boolean,
): string | undefined {
	const others = results
		.map((result) => ({
			itemIndex: result.itemIndex,
			jobs: result.jobs.filter((job) => isOther(job, result)),
		}))
		.filter((result) => result.jobs.length > 0);
	if (others.length === 0) return undefined;
	const list = others
		.map(
			(result) =>
				`item ${result.itemIndex}: ${idList(result.jobs.map((job) => `${job.id} (${job.state})`))}`,
		)
		.join('; ');
	return joinSentences(
		`Other ${adapter.jobLabel}s created by this run: ${list}.`,
		resumeSentence(
			adapter.resumeHint,
			others.flatMap((result) => result.jobs.map((job) => job.id)),
		),
	);
}

import { NodeOperationError } from 'n8n-workflow';

import { sleep } from '../sleep';
import { chunk, forEachConcurrently } from '../concurrency';
import { failureKind } from '../errors';
import { FREE_CALL_RETRY, settleFreeCall } from '../transport';
import { errorForItem, messageOf } from './messages';
import type { Clock, JobAdapter, JobEngineContext, JobResult, JobTarget } from './types';

/** Status calls in flight at once (the transport's rate limiter paces them further). */
const STATUS_CONCURRENCY = 10;
/**
 * Status reads are free: 6 attempts on rate limits (the transport holds its bucket between them), 3 on a transient
 * failure (5xx, timeout, dropped connection, unreadable body), 1 s × n apart.
 */
const READ_RETRY = FREE_CALL_RETRY;

export interface ReadOnceOptions {
	/** For tests: a virtual clock. */
	clock?: Clock;
}

/**
 * A Get without waiting: every job is read once, as it is now, in the provider's batches (ids named by several
 * inputs are read once). Every Get operation of the package reads through here.
 * - An id the provider's answer leaves out does not exist (for this credential): one call, and the adapter's
 *   not-found message — never a retry loop.
 * - A batch refused as a whole with a permanent error is read again one id at a time, so that one bad id does not
 *   fail the inputs that named the others.
 * - Rate-limit answers are waited out; other transient failures are retried a few times.
 * Returns one result per target, in the order given: outcome "read" with every job, or "error".
 */
export async function readJobsOnce<TJob>(
	this: JobEngineContext,
	adapter: JobAdapter<unknown, TJob>,
	targets: JobTarget[],
	options: ReadOnceOptions = {},
): Promise<Array<JobResult<TJob>>> {
	const node = this.getNode();
	const signal = this.getExecutionCancelSignal() ?? undefined;
	const pause = options.clock?.sleep ?? sleep;
	const found = new Map<string, TJob>();
	const problems = new Map<string, unknown>();

	const readBatch = async (ids: string[], mayIsolate: boolean): Promise<void> => {
		const read = await settleFreeCall(async () => await adapter.fetchStatuses(ids), READ_RETRY, {
			signal,
			pause,
		});
		if (read.ok) {
			for (const job of read.value) found.set(String(adapter.jobId(job)), job);
			return;
		}
		if (signal?.aborted) {
			throw new NodeOperationError(
				node,
				`The run was cancelled while reading ${adapter.jobLabel}s`,
			);
		}
		if (failureKind(read.error) === 'permanent' && ids.length > 1 && mayIsolate) {
			await forEachConcurrently(ids, ids.length, async (id) => await readBatch([id], false));
			return;
		}
		for (const id of ids) problems.set(id, read.error);
	};

	const ids = [...new Set(targets.flatMap((target) => target.jobIds.map(String)))];
	await forEachConcurrently(
		chunk(ids, adapter.statusBatchSize),
		STATUS_CONCURRENCY,
		async (batch) => await readBatch(batch, true),
	);

	return targets.map(({ itemIndex, jobIds }) => {
		const jobs = jobIds.map((id) => {
			const job = found.get(id);
			return job === undefined
				? { id, state: 'pending' as const }
				: { id, state: adapter.state(job), job };
		});
		const unreadable = jobIds.find((id) => problems.has(id));
		if (unreadable !== undefined) {
			const source = problems.get(unreadable);
			return {
				itemIndex,
				jobs,
				outcome: 'error' as const,
				error: errorForItem(node, itemIndex, source, {
					message: `Could not read ${adapter.jobLabel} ${unreadable}: ${messageOf(source)}`,
					jobIds,
				}),
			};
		}
		const missing = jobIds.find((id) => !found.has(id));
		if (missing !== undefined) {
			const { message, description } = adapter.notFound?.(missing) ?? {
				message: `No ${adapter.jobLabel} with ID ${missing} was found`,
				description: 'Check the ID and that the credential belongs to the account that created it.',
			};
			return {
				itemIndex,
				jobs,
				outcome: 'error' as const,
				error: new NodeOperationError(node, message, { itemIndex, description }),
			};
		}
		return { itemIndex, jobs, outcome: 'read' as const };
	});
}

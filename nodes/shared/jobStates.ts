/**
 * How a provider's job status is classified. Each provider's table of documented statuses lives next to it, in its
 * jobs.ts. A wrong table either stops waiting too early or waits until the timeout for a job that ended long ago
 * (another community node waited its full 10 minutes on every post because `scheduled` and `queued` were not
 * listed), so each value comes from the provider's own documents and each one is unit-tested.
 */

export type JobState = 'pending' | 'succeeded' | 'failed';

export interface StatusTable {
	/** The job is still running or waiting to run. */
	pending: readonly string[];
	/** The job finished and its result is available. */
	succeeded: readonly string[];
	/** The job ended without a result. */
	failed: readonly string[];
}

/**
 * The state of a provider status value. Matching ignores case and surrounding spaces. A value the provider does not
 * document (for example a new intermediate status) counts as pending: the job is not declared finished on a guess,
 * and the timeout still bounds the wait, with the last status in its message.
 */
export function jobStateOf(table: StatusTable, status: unknown): JobState {
	if (typeof status !== 'string') return 'pending';
	const value = status.trim().toLowerCase();
	const matches = (values: readonly string[]) =>
		values.some((known) => known.toLowerCase() === value);
	if (matches(table.succeeded)) return 'succeeded';
	if (matches(table.failed)) return 'failed';
	return 'pending';
}

/** Whether the status is one the provider documents (used to word messages, never to decide). */
export function isKnownStatus(table: StatusTable, status: unknown): boolean {
	if (typeof status !== 'string') return false;
	const value = status.trim().toLowerCase();
	return [...table.pending, ...table.succeeded, ...table.failed].some(
		(known) => known.toLowerCase() === value,
	);
}

import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * What a long run tells the user while it waits. n8n has no progress bar for a node, so a wait for a provider's
 * rate limit or for slow jobs is reported with what n8n has:
 * - a log line (n8n's logger) each time the node starts waiting;
 * - during a manual run, the same line in the editor (the browser console, via sendMessageToUI);
 * - after the run, execution hints on the node: "Waited 57 s for TikTok's rate limit", "12 jobs, slowest 3 min 10 s".
 * Every function is a no-op on a context without these helpers (dropdown loading, unit tests).
 */
export type ProgressContext = Partial<
	Pick<IExecuteFunctions, 'logger' | 'sendMessageToUI' | 'addExecutionHints' | 'getMode'>
>;

interface RunProgress {
	/** Per provider, the intervals requests spent waiting for its rate limit (they overlap when concurrent). */
	rateLimitWaits: Map<string, Array<[number, number]>>;
	/** Per provider, when the run last said it is waiting (one line per episode, not one per request). */
	lastWaitMessage: Map<string, number>;
	jobs?: { label: string; count: number; slowestMs: number };
}

/** One entry per node run (its context), dropped with it. */
const runs = new WeakMap<object, RunProgress>();

function progressOf(context: object): RunProgress {
	let progress = runs.get(context);
	if (!progress) {
		progress = { rateLimitWaits: new Map(), lastWaitMessage: new Map() };
		runs.set(context, progress);
	}
	return progress;
}

/** "57 s", "3 min 10 s". */
export function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	const rest = seconds % 60;
	return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** A line for the log and, in a manual run, for the editor. */
export function reportProgress(context: ProgressContext, message: string): void {
	context.logger?.info(message);
	if (typeof context.getMode === 'function' && context.getMode() === 'manual') {
		context.sendMessageToUI?.(message);
	}
}

/** Concurrent requests waiting together say so once, not once each. */
const WAIT_MESSAGE_INTERVAL_MS = 30_000;

/** A request is still waiting for the provider's rate limit after `waitedMs`. */
export function reportRateLimitWait(
	context: ProgressContext & { getNode(): { name: string } },
	provider: string,
	waitedMs: number,
): void {
	const progress = progressOf(context);
	const now = Date.now();
	if (now - (progress.lastWaitMessage.get(provider) ?? 0) < WAIT_MESSAGE_INTERVAL_MS) return;
	progress.lastWaitMessage.set(provider, now);
	reportProgress(
		context,
		`${context.getNode().name}: waiting for ${provider}'s rate limit (${formatDuration(waitedMs)} so far)`,
	);
}

/** A request waited from `start` to `end` for the provider's rate limit. */
export function noteRateLimitWait(
	context: ProgressContext,
	provider: string,
	start: number,
	end: number,
): void {
	const waits = progressOf(context).rateLimitWaits;
	waits.set(provider, [...(waits.get(provider) ?? []), [start, end]]);
}

/** Wall time covered by the intervals: requests that waited side by side count once. */
function coveredMs(intervals: Array<[number, number]>): number {
	let total = 0;
	let reach = -Infinity;
	for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
		if (end <= reach) continue;
		total += end - Math.max(start, reach);
		reach = end;
	}
	return total;
}

/** The jobs a run waited for, and how long the slowest took from its creation to its end. */
export function noteJobsFinished(
	context: ProgressContext,
	jobs: { label: string; count: number; slowestMs: number },
): void {
	if (jobs.count > 0) progressOf(context).jobs = jobs;
}

/** Shows what the run waited for as execution hints on the node (called once, after the operation). */
export function addProgressHints(context: ProgressContext): void {
	const progress = runs.get(context);
	if (!progress || typeof context.addExecutionHints !== 'function') return;
	runs.delete(context);
	const hints: string[] = [];
	for (const [provider, intervals] of progress.rateLimitWaits) {
		const ms = coveredMs(intervals);
		if (ms >= 1000) hints.push(`Waited ${formatDuration(ms)} for ${provider}'s rate limit`);
	}
	if (progress.jobs) {
		const { label, count, slowestMs } = progress.jobs;
		hints.push(`${count} ${label}${count === 1 ? '' : 's'}, slowest ${formatDuration(slowestMs)}`);
	}
	if (hints.length) {
		context.addExecutionHints(
			...hints.map((message) => ({
				message,
				type: 'info' as const,
				location: 'outputPane' as const,
			})),
		);
	}
}

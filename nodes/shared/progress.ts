import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * What a long run tells the user while it waits. n8n 2.x gives a running node no way to show anything on the
 * canvas or in the Logs panel before it finishes (its push messages to the editor are the node's start and end,
 * and `sendMessageToUI`, which the editor writes to the browser's developer console), so a wait is reported with
 * what n8n has:
 * - a log line (n8n's logger) after each status round and before a long sleep: "12 of 50 … done, 1 failed, 37 still
 *   running; next check in 10 s";
 * - during a manual run, the same line in the browser's developer console (sendMessageToUI);
 * - after the run, execution hints on the node with the figures: jobs done, failed and still running, the slowest,
 *   the time spent waiting for the provider's rate limit, and rounds spaced out for its limits.
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
	jobs?: FinishedJobs;
	/** Per provider, the longest interval between rounds the limits asked for, and why. */
	spacedRounds: Map<string, RoundsSpaced>;
}

/** The jobs a run waited for. */
export interface FinishedJobs {
	label: string;
	done: number;
	failed: number;
	/** Still running when the run ended (timed out, unreadable, or stopped at another failure). */
	running: number;
	/** The longest time from a job's creation to the read that saw it finished. */
	slowestMs: number;
}

/** Rounds spaced out because their status calls would take more than half of one of the provider's limits. */
export interface RoundsSpaced {
	provider: string;
	pollIntervalMs: number;
	intervalMs: number;
	calls: number;
	limit: { limit: number; intervalMs: number };
}

/** One entry per node run (its context), dropped with it. */
const runs = new WeakMap<object, RunProgress>();

function progressOf(context: object): RunProgress {
	let progress = runs.get(context);
	if (!progress) {
		progress = { rateLimitWaits: new Map(), lastWaitMessage: new Map(), spacedRounds: new Map() };
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

function plural(count: number, label: string): string {
	return `${count} ${label}${count === 1 ? '' : 's'}`;
}

export interface WaitingCounts {
	/** Jobs created so far. */
	total: number;
	done: number;
	failed: number;
	running: number;
	/** Of the running jobs, those left unread until the provider's estimated finish time. */
	atEstimate: number;
	/** Items whose create has not been answered yet (their jobs are not counted in `total`). */
	creating: number;
	nextCheckMs: number;
}

/**
 * The progress line of a wait, e.g. "Create Videos: 1 of 4 Creatify videos done, 0 failed, 3 still running; next
 * check in 10 s". Counts every job created so far, and says how many items are still being created.
 */
export function waitingLine(nodeName: string, label: string, counts: WaitingCounts): string {
	const { total, done, failed, running, atEstimate, creating, nextCheckMs } = counts;
	const parts = [
		`${nodeName}: ${done} of ${plural(total, label)} done, ${failed} failed, ${running} still running`,
	];
	if (atEstimate > 0) {
		parts.push(`${atEstimate} of them checked at the provider's estimated finish time`);
	}
	if (creating > 0) parts.push(`${plural(creating, 'more item')} being created`);
	parts.push(`next check in ${formatDuration(nextCheckMs)}`);
	return parts.join('; ');
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
export function noteJobsFinished(context: ProgressContext, jobs: FinishedJobs): void {
	if (jobs.done + jobs.failed + jobs.running > 0) progressOf(context).jobs = jobs;
}

/** Status rounds were spaced out for the provider's limits; the hint names the widest spacing. */
export function noteRoundsSpaced(context: ProgressContext, spaced: RoundsSpaced): void {
	const all = progressOf(context).spacedRounds;
	const widest = all.get(spaced.provider);
	if (!widest || spaced.intervalMs > widest.intervalMs) all.set(spaced.provider, spaced);
}

/** "per second", "per minute", "per 5 s". */
function perWindow(intervalMs: number): string {
	if (intervalMs === 1_000) return 'per second';
	if (intervalMs === 60_000) return 'per minute';
	return `per ${formatDuration(intervalMs)}`;
}

/** The hint lines of a run, in the order shown. Pure, for the tests. */
export function progressHints(progress: {
	rateLimitWaitMs: Map<string, number>;
	jobs?: FinishedJobs;
	spacedRounds: RoundsSpaced[];
}): string[] {
	const hints: string[] = [];
	if (progress.jobs) {
		const { label, done, failed, running, slowestMs } = progress.jobs;
		const total = done + failed + running;
		const figures = [`${done} done`, `${failed} failed`];
		if (running > 0) figures.push(`${running} still running when the run ended`);
		hints.push(
			`${plural(total, label)}: ${figures.join(', ')}; slowest ${formatDuration(slowestMs)}`,
		);
	}
	for (const [provider, ms] of progress.rateLimitWaitMs) {
		if (ms >= 1000) hints.push(`Waited ${formatDuration(ms)} for ${provider}'s rate limit`);
	}
	for (const spaced of progress.spacedRounds) {
		hints.push(
			`Checked every ${formatDuration(spaced.intervalMs)} instead of every ${formatDuration(spaced.pollIntervalMs)} (Poll Interval) while ${spaced.calls} status calls a round were needed: reads use at most half of ${spaced.provider}'s limit of ${spaced.limit.limit} requests ${perWindow(spaced.limit.intervalMs)}, the rest is left for creates and other runs`,
		);
	}
	return hints;
}

/** Shows what the run waited for as execution hints on the node (called once, after the operation). */
export function addProgressHints(context: ProgressContext): void {
	const progress = runs.get(context);
	if (!progress || typeof context.addExecutionHints !== 'function') return;
	runs.delete(context);
	const hints = progressHints({
		rateLimitWaitMs: new Map(
			[...progress.rateLimitWaits].map(([provider, intervals]) => [provider, coveredMs(intervals)]),
		),
		jobs: progress.jobs,
		spacedRounds: [...progress.spacedRounds.values()],
	});
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

import type { IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeError, NodeOperationError, sleep } from 'n8n-workflow';

import { failureKind } from './errors';
import type { JobState } from './jobStates';
import type { PollSchedule } from './pollSchedule';
import { DEFAULT_MAX_POLL_INTERVAL_MS, nextPollDelayMs, pollSchedule } from './pollSchedule';

export type { JobState } from './jobStates';

/**
 * The provider-neutral job engine: every asynchronous create of this package (Creatify, SixtySeconds, TikTok
 * Digital Avatar, TikTok Refresh Ads) runs through it.
 *
 * Other n8n video nodes submit, wait and finish item by item, so 50 items of 2-minute renders take 100 minutes.
 * This engine submits every item's job (in the provider's batches), and waits for all of them together, polling
 * the pending ones in rounds with the provider's batch reads. A run takes about as long as its slowest job.
 *
 * Invariants (each one is unit-tested):
 * 1. A paid create is never sent twice once the provider may have accepted it. Only a rate-limit refusal (the
 *    provider did not accept it) is retried. A timeout, a dropped connection, a 5xx, an unreadable answer or any
 *    unexpected error after sending fails the batch's items with "the request may have been accepted; check
 *    <list operation> before running again".
 * 2. Reading a status is free, so polling tolerates a few transient failures in a row per job (5xx, timeouts,
 *    dropped connections, malformed bodies, a job missing from the answer). Rate-limit answers while polling only
 *    slow down and never use up that budget.
 * 3. Each round issues exactly ceil(pending / statusBatchSize) status calls (run concurrently, paced by the
 *    transport's rate limiter). The one exception: when a batched read is refused as a whole with a permanent
 *    error, its ids are read one by one, so that one bad id does not fail the others.
 * 4. Every failure and timeout message names the job id(s) and the next step (the adapter's resume hint).
 * 5. Results come back one per input, in input order, with the input's item index; none is ever dropped. A failed
 *    input keeps every job id already created for it.
 * 6. Waiting never sleeps past a deadline and stops as soon as the run is cancelled.
 */

export interface SubmitAccepted {
	jobIds: string[];
}
export interface SubmitRejected {
	/** The provider's reason for refusing this request; the job was not created. */
	error: string;
}
export type SubmitResult = SubmitAccepted | SubmitRejected;

/** What a provider supplies to the engine. */
export interface JobAdapter<TRequest, TJob> {
	/** Singular name used in messages, e.g. "TikTok digital avatar task". */
	jobLabel: string;
	/** Requests per create call (TikTok avatar: 5; most providers: 1). */
	submitBatchSize: number;
	/**
	 * One create call for up to `submitBatchSize` requests. Returns per request (same order) its job ids, or the
	 * provider's own reason for refusing that one request. Throws for a whole-call failure: the transport's
	 * NodeApiError for a provider answer, a NodeOperationError for a problem found before sending. Anything else
	 * thrown is treated as "may have been accepted".
	 */
	submit(requests: TRequest[]): Promise<SubmitResult[]>;
	/** Job ids per status call (TikTok task endpoints: 5; 1 where there is no batch read). */
	statusBatchSize: number;
	/** Reads the jobs with these ids; jobs missing from the answer are retried in the next round. */
	fetchStatuses(jobIds: string[]): Promise<TJob[]>;
	jobId(job: TJob): string;
	/** Exact terminal statuses per provider live in the adapter (see jobStates.ts). */
	state(job: TJob): JobState;
	/** The provider's own status value, quoted in timeout messages. */
	status?(job: TJob): string | undefined;
	failureReason(job: TJob): string | undefined;
	/** What to do to pick up a job later, e.g. 'run "Avatar Video → Get Task Status" with Wait for Completion on'. */
	resumeHint: string;
	/**
	 * Where to look for jobs a failed create may have made, e.g. '"Avatar Video → Get Many"'. Defaults to the
	 * provider's job list in general terms.
	 */
	listHint?: string;
}

export interface JobRequest<TRequest> {
	itemIndex: number;
	request: TRequest;
}

export interface JobTarget {
	itemIndex: number;
	jobIds: string[];
}

export interface Clock {
	now(): number;
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface PollRoundInfo {
	round: number;
	pendingJobs: number;
	statusCalls: number;
}

export interface WaitOptions {
	/** First wait between rounds; grows ×1.5 per round up to `maxPollIntervalMs`. */
	pollIntervalMs: number;
	/** Cap of the growing wait (default 30 s, or `pollIntervalMs` if longer). */
	maxPollIntervalMs?: number;
	/** How long each job may take, counted from its creation (or from the start of waiting for existing ids). */
	timeoutMs: number;
	/**
	 * Stop at the first failure, as a node without Continue On Fail does: no further creates, no further waiting.
	 * Inputs not finished by then come back with outcome "stopped" (and any job ids already created).
	 */
	stopOnFirstError?: boolean;
	/** Consecutive failed status reads tolerated per job before giving up on it (default 3). */
	transientFailureBudget?: number;
	/** Status calls in flight at once (default 10; the rate limiter paces them further). */
	statusConcurrency?: number;
	/** For tests and the benchmark: a virtual clock, and a hook called before each polling round. */
	clock?: Clock;
	onRound?: (info: PollRoundInfo) => void;
}

export interface WaitForJobsOptions extends WaitOptions {
	/**
	 * When false, every job is read once (a Get without waiting): results have outcome "read" and carry the job as
	 * it is now, whatever its status; failed reads are still retried within the budget. Default true.
	 */
	waitForCompletion?: boolean;
}

export interface RunOptions extends WaitOptions {
	waitForCompletion: boolean;
	/** Create calls in flight at once (default 4; creates are also paced by the transport's rate limiter). */
	submitConcurrency?: number;
	/** Attempts of a create refused for rate (default 6); the transport's hold grows between them. */
	maxCreateAttempts?: number;
}

export type JobOutcome =
	/** Every job of the input finished successfully. */
	| 'succeeded'
	/** Created; not waited for (Wait for Completion off). */
	| 'submitted'
	/** A job ended with the provider's failed status. */
	| 'failed'
	/** A job was still running at its deadline. */
	| 'timedOut'
	/** The create was refused or may have been accepted, or the status could not be read. */
	| 'error'
	/** Not finished because the run stopped at another input's failure (stopOnFirstError). */
	| 'stopped'
	/** Read once without waiting (waitForJobs with waitForCompletion false), whatever the job's status. */
	| 'read';

export interface TrackedJob<TJob> {
	id: string;
	state: JobState;
	/** The job as last read from the provider. */
	job?: TJob;
}

export interface JobResult<TJob> {
	itemIndex: number;
	outcome: JobOutcome;
	/** Every job created for (or waited on by) this input, in the provider's order. */
	jobs: Array<TrackedJob<TJob>>;
	/** Set for every outcome but "succeeded", "submitted" and "read". */
	error?: NodeApiError | NodeOperationError;
}

export type JobEngineContext = Pick<IExecuteFunctions, 'getNode' | 'getExecutionCancelSignal'>;

const DEFAULT_TRANSIENT_FAILURE_BUDGET = 3;
const DEFAULT_STATUS_CONCURRENCY = 10;
const DEFAULT_SUBMIT_CONCURRENCY = 4;
const DEFAULT_MAX_CREATE_ATTEMPTS = 6;
/** First pause before re-sending a create refused for rate; doubles each time, up to a minute. */
const CREATE_RETRY_DELAY_MS = 1_000;
const MAX_CREATE_RETRY_DELAY_MS = 60_000;
/** Reading once still gets this long to get past transient failures and rate limits. */
const READ_ONCE_TIMEOUT_MS = 60_000;

const realClock: Clock = { now: () => Date.now(), sleep };

interface Track<TJob> {
	id: string;
	state: JobState;
	job?: TJob;
	deadline: number;
	/** Consecutive failed reads. */
	failures: number;
	/** Read successfully at least once. */
	read: boolean;
	lastProblem?: string;
	/** Set when the engine gave up reading this job: the last error and the message to show. */
	unreadable?: { source: unknown; message: string };
	timedOut: boolean;
}

interface Entry<TRequest> {
	itemIndex: number;
	request?: TRequest;
	jobIds: string[];
	submitted: boolean;
	/** Failure of the create, set once. */
	error?: NodeApiError | NodeOperationError;
	/** The create failed in a way that does not tell whether the provider accepted it. */
	maybeAccepted: boolean;
}

function chunk<T>(values: T[], size: number): T[][] {
	const step = Math.max(1, Math.floor(size));
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += step)
		chunks.push(values.slice(start, start + step));
	return chunks;
}

/** Runs `work` on every value with at most `limit` running at once. */
async function forEachConcurrently<T>(
	values: T[],
	limit: number,
	work: (value: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < values.length) {
			const value = values[next++];
			await work(value);
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, values.length)) }, worker);
	await Promise.all(workers);
}

function messageOf(error: unknown): string {
	const message = (error as { message?: unknown })?.message;
	return typeof message === 'string' && message ? message : String(error);
}

function joinSentences(...parts: Array<string | undefined | null>): string | undefined {
	const text = parts.filter((part) => typeof part === 'string' && part.trim() !== '').join(' ');
	return text || undefined;
}

function idList(ids: string[]): string {
	return ids.join(', ');
}

/** "<resume hint>: <ids>." — the next step after a timeout or failure, with the ids to use. */
export function resumeSentence(resumeHint: string, ids: string[]): string {
	const hint = resumeHint.trim().replace(/[.:]+$/, '');
	return `${hint.charAt(0).toUpperCase()}${hint.slice(1)}: ${idList(ids)}.`;
}

/**
 * An error for one input, built from `source` (an error thrown by a transport or adapter) with this input's item
 * index. A provider error stays a NodeApiError with its HTTP code and provider details; each input gets its own
 * copy, because one batch error can concern up to five inputs.
 */
function errorForItem(
	node: INode,
	itemIndex: number,
	source: unknown,
	override: { message?: string; description?: string; jobIds?: string[] } = {},
): NodeApiError | NodeOperationError {
	const message = override.message ?? messageOf(source);
	const sourceDescription = (source as { description?: unknown })?.description;
	const description = joinSentences(
		typeof sourceDescription === 'string' ? sourceDescription : undefined,
		override.description,
	);
	let error: NodeApiError | NodeOperationError;
	if (source instanceof NodeApiError) {
		error = new NodeApiError(node, (source.errorResponse ?? {}) as JsonObject, {
			message,
			description,
			httpCode: source.httpCode ?? undefined,
			itemIndex,
		});
		error.failure = source.failure;
		for (const key of ['provider', 'providerCode', 'providerMessage', 'requestId', 'failureKind']) {
			if (source.context[key] !== undefined) error.context[key] = source.context[key];
		}
	} else {
		error = new NodeOperationError(node, message, { description, itemIndex });
	}
	if (override.jobIds?.length) error.context.jobIds = override.jobIds;
	return error;
}

class JobRun<TRequest, TJob> {
	private readonly node: INode;
	private readonly signal?: AbortSignal;
	private readonly clock: Clock;
	private readonly schedule: PollSchedule;
	private readonly budget: number;
	private readonly entries: Array<Entry<TRequest>> = [];
	private readonly tracks = new Map<string, Track<TJob>>();
	private stopped = false;
	private submitting = false;
	/** Read every job once instead of waiting for it to finish. */
	private readonly readOnce: boolean;
	private submissionEvent: { promise: Promise<void>; resolve: () => void };

	constructor(
		context: JobEngineContext,
		private readonly adapter: JobAdapter<TRequest, TJob>,
		private readonly options: RunOptions,
		readOnce = false,
	) {
		this.readOnce = readOnce;
		this.node = context.getNode();
		this.signal = context.getExecutionCancelSignal() ?? undefined;
		this.clock = options.clock ?? realClock;
		this.schedule = pollSchedule(
			options.pollIntervalMs,
			options.maxPollIntervalMs ?? DEFAULT_MAX_POLL_INTERVAL_MS,
		);
		this.budget = options.transientFailureBudget ?? DEFAULT_TRANSIENT_FAILURE_BUDGET;
		this.submissionEvent = this.newSubmissionEvent();
	}

	private get cancelled(): boolean {
		return this.signal?.aborted === true;
	}

	private newSubmissionEvent() {
		let resolve = () => {};
		const promise = new Promise<void>((done) => (resolve = done));
		return { promise, resolve };
	}

	/** Wakes the poller when jobs were created or submission ended. */
	private signalSubmission(): void {
		const event = this.submissionEvent;
		this.submissionEvent = this.newSubmissionEvent();
		event.resolve();
	}

	/** Sleeps; false when the run was cancelled meanwhile. */
	private async pause(ms: number): Promise<boolean> {
		if (this.cancelled) return false;
		try {
			await this.clock.sleep(ms, this.signal);
		} catch {
			// `sleep` only rejects when the run is cancelled; the callers stop on `false`.
		}
		return !this.cancelled;
	}

	private failEntry(entry: Entry<TRequest>, error: NodeApiError | NodeOperationError): void {
		entry.error = error;
		if (this.options.stopOnFirstError) this.stopped = true;
	}

	private addJobs(entry: Entry<TRequest>, jobIds: string[]): void {
		const deadline = this.clock.now() + this.options.timeoutMs;
		for (const id of jobIds) {
			if (!entry.jobIds.includes(id)) entry.jobIds.push(id);
			if (!this.tracks.has(id)) {
				this.tracks.set(id, {
					id,
					state: 'pending',
					deadline,
					failures: 0,
					read: false,
					timedOut: false,
				});
			}
		}
	}

	// ---- Submitting -------------------------------------------------------------------------------------------

	async submitAll(requests: Array<JobRequest<TRequest>>): Promise<void> {
		for (const { itemIndex, request } of requests) {
			this.entries.push({ itemIndex, request, jobIds: [], submitted: false, maybeAccepted: false });
		}
		this.submitting = true;
		try {
			const batches = chunk(this.entries, this.adapter.submitBatchSize);
			await forEachConcurrently(
				batches,
				this.options.submitConcurrency ?? DEFAULT_SUBMIT_CONCURRENCY,
				async (batch) => await this.submitBatch(batch),
			);
		} finally {
			this.submitting = false;
			this.signalSubmission();
		}
	}

	private mayHaveBeenAcceptedError(entry: Entry<TRequest>, source: unknown, reason: string) {
		entry.maybeAccepted = true;
		const list = this.adapter.listHint ?? `your ${this.adapter.jobLabel}s in the provider's list`;
		return errorForItem(this.node, entry.itemIndex, source, {
			message: `${reason} The ${this.adapter.jobLabel} may have been created anyway.`,
			description: `The request may have been accepted; check ${list} before running again so you don't pay twice. (${messageOf(source)})`,
		});
	}

	private async submitBatch(batch: Array<Entry<TRequest>>): Promise<void> {
		const maxAttempts = this.options.maxCreateAttempts ?? DEFAULT_MAX_CREATE_ATTEMPTS;
		for (let attempt = 1; ; attempt++) {
			// Never start a paid create once the run is cancelled or stopped.
			if (this.cancelled || this.stopped) return;

			let results: SubmitResult[] | undefined;
			let failure: unknown;
			try {
				results = await this.adapter.submit(batch.map((entry) => entry.request as TRequest));
			} catch (error) {
				failure = error ?? 'unknown error';
			}

			if (failure !== undefined) {
				if (this.cancelled) {
					// The abort cut the request; whether the provider took it is unknown.
					for (const entry of batch) {
						entry.submitted = true;
						entry.error = this.mayHaveBeenAcceptedError(
							entry,
							failure,
							'The run was cancelled while creating.',
						);
					}
					return;
				}
				const kind = failureKind(failure);
				if (kind === 'rateLimit' && attempt < maxAttempts) {
					// Refused for rate, so not accepted: safe to send again once the hold is over (the transport
					// has held the bucket; this pause only spaces attempts when it could not).
					const delay = Math.min(
						MAX_CREATE_RETRY_DELAY_MS,
						CREATE_RETRY_DELAY_MS * 2 ** (attempt - 1),
					);
					if (!(await this.pause(delay))) return;
					continue;
				}
				for (const entry of batch) {
					entry.submitted = true;
					if (kind === 'rateLimit') {
						this.failEntry(
							entry,
							errorForItem(this.node, entry.itemIndex, failure, {
								description: `The ${this.adapter.jobLabel} was not created (the provider refused ${maxAttempts} times because of its rate limit), so nothing was charged. Run again later.`,
							}),
						);
					} else if (kind === 'permanent' && failure instanceof NodeError) {
						// The provider answered and refused (or the request was never sent): not created.
						this.failEntry(entry, errorForItem(this.node, entry.itemIndex, failure));
					} else {
						this.failEntry(
							entry,
							this.mayHaveBeenAcceptedError(entry, failure, 'The create request failed.'),
						);
					}
				}
				this.signalSubmission();
				return;
			}

			this.acceptResults(batch, results ?? []);
			this.signalSubmission();
			return;
		}
	}

	private acceptResults(batch: Array<Entry<TRequest>>, results: SubmitResult[]): void {
		const unreadable = results.length !== batch.length;
		batch.forEach((entry, index) => {
			entry.submitted = true;
			const result = results[index];
			if (unreadable || !result) {
				this.failEntry(
					entry,
					this.mayHaveBeenAcceptedError(
						entry,
						`sent ${batch.length} request(s), got ${results.length} result(s)`,
						'The answer to the create request could not be matched to the inputs.',
					),
				);
				return;
			}
			if ('error' in result) {
				this.failEntry(
					entry,
					errorForItem(this.node, entry.itemIndex, result.error, {
						message: `The ${this.adapter.jobLabel} was not created: ${result.error}`,
						description: 'The provider refused this request, so nothing was charged for it.',
					}),
				);
				return;
			}
			const jobIds = (result.jobIds ?? []).map(String).filter((id) => id !== '');
			if (jobIds.length === 0) {
				this.failEntry(
					entry,
					this.mayHaveBeenAcceptedError(
						entry,
						'no job ID in the answer',
						'The provider returned no job ID.',
					),
				);
				return;
			}
			this.addJobs(entry, jobIds);
		});
	}

	// ---- Waiting ----------------------------------------------------------------------------------------------

	addTargets(targets: JobTarget[]): void {
		for (const { itemIndex, jobIds } of targets) {
			const entry: Entry<TRequest> = {
				itemIndex,
				jobIds: [],
				submitted: true,
				maybeAccepted: false,
			};
			this.entries.push(entry);
			this.addJobs(entry, jobIds.map(String));
		}
	}

	/** Whether the engine still has to read this job. */
	private isOpen(track: Track<TJob>): boolean {
		if (track.unreadable || track.timedOut) return false;
		return this.readOnce ? !track.read : track.state === 'pending';
	}

	private pendingTracks(): Array<Track<TJob>> {
		return [...this.tracks.values()].filter((track) => this.isOpen(track));
	}

	/**
	 * Polls until no job is open. `firstWait`: for jobs just created, the first round comes one poll interval after
	 * the first job exists (a render is never done at once); for existing ids it comes at once.
	 */
	async waitAll(firstWait: boolean): Promise<void> {
		let round = 0;
		let step = 0;
		for (;;) {
			if (this.cancelled || this.stopped) return;
			const pending = this.pendingTracks();
			if (pending.length === 0) {
				if (!this.submitting) return;
				// Nothing to poll yet: wait for the next create to finish.
				await this.submissionEvent.promise;
				continue;
			}
			if (firstWait && step === 0) {
				const now = this.clock.now();
				const deadline = Math.min(...pending.map((track) => track.deadline));
				if (!(await this.pause(nextPollDelayMs(this.schedule, step++, now, now, deadline)))) return;
				continue;
			}

			const roundStartedAt = this.clock.now();
			await this.pollRound(round, pending);
			if (this.cancelled) return;
			// A job times out only after a round that started at or after its deadline still saw it pending, so the
			// last check always happens at the deadline.
			for (const track of pending) {
				if (this.isOpen(track) && roundStartedAt >= track.deadline) {
					track.timedOut = true;
					this.noteJobProblem();
				}
			}

			const stillPending = this.pendingTracks();
			if (stillPending.length === 0) continue;
			const deadline = Math.min(...stillPending.map((track) => track.deadline));
			const delay = nextPollDelayMs(
				this.schedule,
				step++,
				this.clock.now(),
				roundStartedAt,
				deadline,
			);
			round++;
			if (!(await this.pause(delay))) return;
		}
	}

	private async pollRound(round: number, pending: Array<Track<TJob>>): Promise<void> {
		const batches = chunk(
			pending.map((track) => track.id),
			this.adapter.statusBatchSize,
		);
		this.options.onRound?.({ round, pendingJobs: pending.length, statusCalls: batches.length });
		await forEachConcurrently(
			batches,
			this.options.statusConcurrency ?? DEFAULT_STATUS_CONCURRENCY,
			async (ids) => await this.pollBatch(ids, true),
		);
	}

	private async pollBatch(ids: string[], mayIsolate: boolean): Promise<void> {
		if (this.cancelled || this.stopped) return;
		let jobs: TJob[];
		try {
			jobs = await this.adapter.fetchStatuses(ids);
		} catch (error) {
			if (this.cancelled) return;
			const kind = failureKind(error);
			if (kind === 'rateLimit') {
				// Slows down only: the transport holds its bucket, and the budget is for real failures.
				for (const id of ids) this.track(id).lastProblem = messageOf(error);
				return;
			}
			if (kind === 'permanent') {
				if (ids.length > 1 && mayIsolate) {
					// One unknown id can fail a whole batched read; read each alone to find which.
					await forEachConcurrently(
						ids,
						ids.length,
						async (id) => await this.pollBatch([id], false),
					);
					return;
				}
				for (const id of ids) this.giveUp(this.track(id), error);
				return;
			}
			for (const id of ids) this.readFailed(this.track(id), error);
			return;
		}

		const byId = new Map<string, TJob>();
		for (const job of Array.isArray(jobs) ? jobs : [])
			byId.set(String(this.adapter.jobId(job)), job);
		for (const id of ids) {
			const track = this.track(id);
			const job = byId.get(id);
			if (job === undefined) {
				this.readFailed(track, `the answer did not include ${this.adapter.jobLabel} ${id}`);
				continue;
			}
			track.failures = 0;
			track.lastProblem = undefined;
			track.read = true;
			track.job = job;
			const state = this.adapter.state(job);
			track.state = state;
			if (state === 'failed' && !this.readOnce) this.noteJobProblem();
		}
	}

	private track(id: string): Track<TJob> {
		return this.tracks.get(id) as Track<TJob>;
	}

	private readFailed(track: Track<TJob>, error: unknown): void {
		track.failures++;
		track.lastProblem = messageOf(error);
		if (track.failures > this.budget) this.giveUp(track, error);
	}

	/** Stops reading a job whose status cannot be read. */
	private giveUp(track: Track<TJob>, error: unknown): void {
		const attempts = track.failures > 1 ? ` (${track.failures} attempts in a row failed)` : '';
		track.unreadable = {
			source: error,
			message: `Could not read the status of ${this.adapter.jobLabel} ${track.id}${attempts}: ${messageOf(error)}`,
		};
		this.noteJobProblem();
	}

	/** Under stopOnFirstError, a job problem ends the run for everyone. */
	private noteJobProblem(): void {
		if (this.options.stopOnFirstError) this.stopped = true;
	}

	private resumeText(ids: string[]): string {
		return resumeSentence(this.adapter.resumeHint, ids);
	}

	// ---- Results ----------------------------------------------------------------------------------------------

	results(waited: boolean): Array<JobResult<TJob>> {
		return this.entries.map((entry) => this.resultOf(entry, waited));
	}

	private resultOf(entry: Entry<TRequest>, waited: boolean): JobResult<TJob> {
		const tracks = entry.jobIds.map((id) => this.track(id));
		const base = { itemIndex: entry.itemIndex, jobs: this.jobsOf(tracks) };
		const label = this.adapter.jobLabel;
		const { itemIndex } = entry;

		if (entry.error)
			return { ...base, outcome: 'error', error: this.withIds(entry.error, entry.jobIds) };
		if (!entry.submitted) {
			return {
				...base,
				outcome: 'stopped',
				error: new NodeOperationError(
					this.node,
					`The ${label} was not created: the run stopped at an earlier failure`,
					{ itemIndex, description: 'Nothing was charged for this item.' },
				),
			};
		}
		if (!waited) return { ...base, outcome: 'submitted' };

		if (this.readOnce) {
			return (
				this.unreadableResult(entry, tracks) ??
				this.timedOutResult(entry, tracks) ?? { ...base, outcome: 'read' }
			);
		}

		const failed = tracks.filter((track) => track.state === 'failed');
		if (failed.length > 0) {
			const reasons = failed.map((track) => {
				const reason = track.job !== undefined ? this.adapter.failureReason(track.job) : undefined;
				return `${label} ${track.id} failed${reason ? `: ${reason}` : ''}`;
			});
			const others = tracks.filter((track) => track.state !== 'failed').map((track) => track.id);
			return {
				...base,
				outcome: 'failed',
				error: new NodeOperationError(this.node, reasons.join('; '), {
					itemIndex,
					description: joinSentences(
						'The provider reported the job as failed.',
						others.length ? `Other jobs of this item: ${idList(others)}.` : undefined,
					),
				}),
			};
		}
		const problem = this.unreadableResult(entry, tracks) ?? this.timedOutResult(entry, tracks);
		if (problem) return problem;

		const pendingIds = tracks.filter((track) => track.state === 'pending').map((track) => track.id);
		if (pendingIds.length > 0) {
			return {
				...base,
				outcome: 'stopped',
				error: new NodeOperationError(
					this.node,
					`Stopped waiting for ${label} ${idList(pendingIds)}: the run stopped at an earlier failure`,
					{ itemIndex, description: `The job is still running. ${this.resumeText(pendingIds)}` },
				),
			};
		}
		return { ...base, outcome: 'succeeded' };
	}

	private jobsOf(tracks: Array<Track<TJob>>): Array<TrackedJob<TJob>> {
		return tracks.map((track) => ({
			id: track.id,
			state: track.state,
			...(track.job !== undefined ? { job: track.job } : {}),
		}));
	}

	private unreadableResult(
		entry: Entry<TRequest>,
		tracks: Array<Track<TJob>>,
	): JobResult<TJob> | undefined {
		const unreadable = tracks.filter((track) => track.unreadable);
		if (unreadable.length === 0) return undefined;
		const first = unreadable[0].unreadable as { source: unknown; message: string };
		return {
			itemIndex: entry.itemIndex,
			jobs: this.jobsOf(tracks),
			outcome: 'error',
			error: errorForItem(this.node, entry.itemIndex, first.source, {
				message: unreadable.map((track) => track.unreadable?.message).join('; '),
				description: `The job may still finish. ${this.resumeText(unreadable.map((track) => track.id))}`,
				jobIds: entry.jobIds,
			}),
		};
	}

	private timedOutResult(
		entry: Entry<TRequest>,
		tracks: Array<Track<TJob>>,
	): JobResult<TJob> | undefined {
		const timedOut = tracks.filter((track) => track.timedOut);
		if (timedOut.length === 0) return undefined;
		const ids = timedOut.map((track) => track.id);
		const seconds = Math.round(this.options.timeoutMs / 1000);
		const statuses = timedOut
			.map((track) => (track.job !== undefined ? this.adapter.status?.(track.job) : undefined))
			.filter((status): status is string => !!status);
		const lastStatus = statuses.length
			? ` (last status: ${[...new Set(statuses)].join(', ')})`
			: '';
		const problem = timedOut.find((track) => track.lastProblem)?.lastProblem;
		const what = this.readOnce ? 'reading' : 'waiting for';
		return {
			itemIndex: entry.itemIndex,
			jobs: this.jobsOf(tracks),
			outcome: 'timedOut',
			error: new NodeOperationError(
				this.node,
				`Timed out after ${seconds} s ${what} ${this.adapter.jobLabel} ${idList(ids)}${lastStatus}`,
				{
					itemIndex: entry.itemIndex,
					description: joinSentences(
						this.readOnce ? undefined : 'The job is still running and may finish.',
						this.resumeText(ids),
						this.readOnce ? undefined : 'Or raise Timeout (Seconds).',
						problem ? `Last problem while checking: ${problem}` : undefined,
					),
				},
			),
		};
	}

	private withIds(error: NodeApiError | NodeOperationError, jobIds: string[]) {
		if (jobIds.length) error.context.jobIds = jobIds;
		return error;
	}

	/** Thrown when the run is cancelled: lists what was already created so that nothing paid for is lost. */
	cancellationError(): NodeOperationError {
		const created = this.entries.filter((entry) => entry.jobIds.length > 0);
		const uncertain = this.entries.filter((entry) => entry.maybeAccepted);
		const pending = this.pendingTracks().map((track) => track.id);
		return new NodeOperationError(
			this.node,
			`The run was cancelled while handling ${this.adapter.jobLabel}s`,
			{
				description: joinSentences(
					created.length
						? `Already created: ${created.map((entry) => `item ${entry.itemIndex}: ${idList(entry.jobIds)}`).join('; ')}.`
						: 'No job had been created yet.',
					pending.length
						? `Still running: ${idList(pending)}. ${this.resumeText(pending)}`
						: undefined,
					uncertain.length
						? `Creates in flight for item(s) ${uncertain.map((entry) => entry.itemIndex).join(', ')} may have been accepted; check ${this.adapter.listHint ?? 'the provider list'} before running again.`
						: undefined,
				),
			},
		);
	}

	get wasCancelled(): boolean {
		return this.cancelled;
	}
}

/**
 * Creates one job per request (several per create call where the provider allows it) and, when waiting, waits for
 * all of them together. Returns one result per request, in the order given.
 * Throws only when the run is cancelled (with the ids already created in the message).
 */
export async function runJobs<TRequest, TJob>(
	this: JobEngineContext,
	adapter: JobAdapter<TRequest, TJob>,
	requests: Array<JobRequest<TRequest>>,
	options: RunOptions,
): Promise<Array<JobResult<TJob>>> {
	const run = new JobRun<TRequest, TJob>(this, adapter, options);
	const submission = run.submitAll(requests);
	if (options.waitForCompletion) {
		// Polling starts as soon as the first jobs exist, while later batches are still being created (this matters
		// where creates are slow, e.g. TikTok refresh tasks at 5 per minute).
		await Promise.all([submission, run.waitAll(true)]);
	} else {
		await submission;
	}
	if (run.wasCancelled) throw run.cancellationError();
	return run.results(options.waitForCompletion);
}

/**
 * Waits for existing jobs (Get operations with Wait for Completion on, e.g. to resume after a timeout), or with
 * `waitForCompletion: false` reads each of them once. Ids shared by several inputs are read once per round.
 * Returns one result per target, in the order given.
 */
export async function waitForJobs<TJob>(
	this: JobEngineContext,
	adapter: JobAdapter<unknown, TJob>,
	targets: JobTarget[],
	options: WaitForJobsOptions,
): Promise<Array<JobResult<TJob>>> {
	const readOnce = options.waitForCompletion === false;
	const run = new JobRun<unknown, TJob>(
		this,
		adapter,
		{
			...options,
			waitForCompletion: true,
			timeoutMs: readOnce ? Math.max(options.timeoutMs, READ_ONCE_TIMEOUT_MS) : options.timeoutMs,
		},
		readOnce,
	);
	run.addTargets(targets);
	await run.waitAll(false);
	if (run.wasCancelled) throw run.cancellationError();
	return run.results(true);
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
	const others = results.filter((result) => result !== first && result.jobs.length > 0);
	if (others.length > 0) {
		const list = others
			.map(
				(result) =>
					`item ${result.itemIndex}: ${idList(result.jobs.map((job) => `${job.id} (${job.state})`))}`,
			)
			.join('; ');
		first.error.description = joinSentences(
			first.error.description ?? undefined,
			`Other ${adapter.jobLabel}s created by this run: ${list}.`,
			resumeSentence(
				adapter.resumeHint,
				others.flatMap((result) => result.jobs.map((job) => job.id)),
			),
		);
	}
	throw first.error;
}

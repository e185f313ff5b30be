import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeError, NodeOperationError } from 'n8n-workflow';

import { sleep } from '../sleep';
import { chunk, forEachConcurrently } from '../concurrency';
import { failureKind } from '../errors';
import type { JobLedger, LedgerClaim, LedgerSlot } from '../jobLedger';
import { ledgerKey } from '../jobLedger';
import type { JobState } from '../jobStates';
import { nextRoundOnCadence, roundSpacing } from '../pollSchedule';
import { noteJobsFinished, noteRoundsSpaced, reportProgress, waitingLine } from '../progress';
import { errorForItem, idList, messageOf } from './messages';
import { readJobsOnce } from './readOnce';
import type { ResultSettings } from './results';
import { beforeRunningAgain, cancellationError, resultOf } from './results';
import type {
	Clock,
	JobAdapter,
	JobEngineContext,
	JobRequest,
	JobResult,
	JobTarget,
	RunOptions,
	SubmitResult,
	WaitOptions,
} from './types';

/**
 * The provider-neutral job engine: every asynchronous create of this package (Creatify, SixtySeconds, TikTok
 * Digital Avatar, TikTok Refresh Ads) runs through it.
 *
 * Waiting item after item, 50 items of 2-minute renders would take 100 minutes. This engine submits every item's
 * job (in the provider's batches), and waits for all of them together, polling the pending ones in rounds with the
 * provider's batch reads. A run takes about as long as its slowest job.
 *
 * Invariants (each one is unit-tested):
 * 1. A paid create is never sent twice once the provider may have accepted it. Only a rate-limit refusal (the
 *    provider did not accept it) is retried. A timeout, a dropped connection, a 5xx, an unreadable answer or any
 *    unexpected error after sending fails the batch's items with "the request may have been accepted; check
 *    <list operation> before running again".
 * 2. Reading a status is free, so polling tolerates a few transient failures in a row per job (5xx, timeouts,
 *    dropped connections, malformed bodies, a job missing from the answer). Rate-limit answers while polling only
 *    slow down and never use up that budget.
 * 3. Each round reads every open job that is due once, in exactly ceil(due / statusBatchSize) status calls (run
 *    concurrently, paced by the transport's rate limiter); a finished job is never read again. The one exception:
 *    when a batched read is refused as a whole with a permanent error, its ids are read one by one, so that one bad
 *    id does not fail the others.
 * 4. Every failure and timeout message names the job id(s) and the next step (the adapter's resume hint).
 * 5. Results come back one per input, in input order, with the input's item index; none is ever dropped. A failed
 *    input keeps every job id already created for it.
 * 6. Waiting never sleeps past a deadline and stops as soon as the run is cancelled.
 * 7. A job whose create answer said when it will be ready (`firstCheckAfterMs`) is first read then, not before,
 *    and never after its deadline; after that first read it joins the shared polling rounds.
 * 8. A job is first read at the first round once it is half a Poll Interval old, and while it runs again one Poll
 *    Interval after each read, not sooner (but at its deadline, which may come sooner), and later only when the
 *    rounds are spaced out for the provider's limits: then a round of C calls follows the previous one by at least
 *    C / (half of each limit), and the run's execution hint says so.
 * 9. Across executions (`options.reuse`, see jobLedger.ts): an item is claimed in n8n's database before its create
 *    is sent and its job IDs are recorded as soon as the provider accepts, so a Retry, a re-run or a restart picks up
 *    the item's job instead of paying again. A claim whose answer was never recorded is not paid again without the
 *    user; a job the provider failed is paid again once. Every job ID is logged the moment it exists.
 */

const DEFAULT_TRANSIENT_FAILURE_BUDGET = 3;
const DEFAULT_STATUS_CONCURRENCY = 10;
const DEFAULT_SUBMIT_CONCURRENCY = 4;
const DEFAULT_MAX_CREATE_ATTEMPTS = 6;
/** First pause before re-sending a create refused for rate; doubles each time, up to a minute. */
const CREATE_RETRY_DELAY_MS = 1_000;
/** A sleep between rounds at least this long is said (once per 30 s), e.g. until the provider's estimate. */
const NOTABLE_SLEEP_MS = 10_000;
const MAX_CREATE_RETRY_DELAY_MS = 60_000;

const realClock: Clock = { now: () => Date.now(), sleep };

interface Track<TJob> {
	id: string;
	state: JobState;
	job?: TJob;
	deadline: number;
	/** When the engine started tracking the job (its creation, or the start of waiting for an existing id). */
	startedAt: number;
	/** When a read first saw it finished (succeeded or failed). */
	finishedAt?: number;
	/** Set until the first read of a job whose create answer said when it will be ready: the time of that read. */
	notBefore?: number;
	/** When the last read of this job started; it joins the round one Poll Interval later. */
	lastReadAt?: number;
	/** Consecutive failed reads. */
	failures: number;
	lastProblem?: string;
	/** Set when the engine gave up reading this job: the last error and the message to show. */
	unreadable?: { source: unknown; message: string };
	timedOut: boolean;
}

interface Entry<TRequest> {
	itemIndex: number;
	request?: TRequest;
	identity?: unknown;
	/** This item's payment in the ledger: the slot it takes when created (see jobLedger.ts). */
	claim?: LedgerClaim;
	/** Set when the item's jobs were paid for by an earlier run and picked up. */
	reused?: { createdAt: Date };
	jobIds: string[];
	submitted: boolean;
	/** Failure of the create, set once. */
	error?: NodeApiError | NodeOperationError;
	/** The create failed in a way that does not tell whether the provider accepted it. */
	maybeAccepted: boolean;
}

class JobRun<TRequest, TJob> {
	private readonly node: INode;
	private readonly signal?: AbortSignal;
	private readonly clock: Clock;
	private readonly budget: number;
	private readonly entries: Array<Entry<TRequest>> = [];
	private readonly tracks = new Map<string, Track<TJob>>();
	private stopped = false;
	private submitting = false;
	private submissionEvent: { promise: Promise<void>; resolve: () => void };
	/** Off once the ledger could not be read or written: the run goes on as without it, and says so. */
	private ledgerWorks = true;
	/** Records of accepted creates still being written; the submission ends once they are (see `submitBatch`). */
	private readonly recording: Array<Promise<void>> = [];

	constructor(
		private readonly context: JobEngineContext,
		private readonly adapter: JobAdapter<TRequest, TJob>,
		private readonly options: RunOptions,
	) {
		this.node = context.getNode();
		this.signal = context.getExecutionCancelSignal() ?? undefined;
		this.clock = options.clock ?? realClock;
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

	/**
	 * Sleeps like `pause`, but wakes early when a create finishes while creates are still being sent: a job created
	 * meanwhile may be due for its first read before the end of this sleep.
	 */
	private async pauseUnlessCreated(ms: number): Promise<boolean> {
		if (!this.submitting) return await this.pause(ms);
		if (this.cancelled) return false;
		const wake = new AbortController();
		const stop = () => wake.abort();
		this.signal?.addEventListener('abort', stop, { once: true });
		void this.submissionEvent.promise.then(stop);
		try {
			await this.clock.sleep(ms, wake.signal);
		} catch {
			// Woken by a create or by cancellation; the caller looks again.
		} finally {
			this.signal?.removeEventListener('abort', stop);
		}
		return !this.cancelled;
	}

	private failEntry(entry: Entry<TRequest>, error: NodeApiError | NodeOperationError): void {
		entry.error = error;
		if (this.options.stopOnFirstError) this.stopped = true;
	}

	private addJobs(entry: Entry<TRequest>, jobIds: string[], firstCheckAfterMs?: number): void {
		const startedAt = this.clock.now();
		const deadline = startedAt + this.options.timeoutMs;
		const notBefore =
			typeof firstCheckAfterMs === 'number' &&
			Number.isFinite(firstCheckAfterMs) &&
			firstCheckAfterMs > 0
				? Math.min(startedAt + firstCheckAfterMs, deadline)
				: undefined;
		for (const id of jobIds) {
			if (!entry.jobIds.includes(id)) entry.jobIds.push(id);
			if (!this.tracks.has(id)) {
				this.tracks.set(id, {
					id,
					state: 'pending',
					deadline,
					startedAt,
					...(notBefore !== undefined ? { notBefore } : {}),
					failures: 0,
					timedOut: false,
				});
			}
		}
	}

	// ---- Submitting -------------------------------------------------------------------------------------------

	async submitAll(requests: Array<JobRequest<TRequest>>): Promise<void> {
		for (const { itemIndex, request, identity } of requests) {
			this.entries.push({
				itemIndex,
				request,
				identity,
				jobIds: [],
				submitted: false,
				maybeAccepted: false,
			});
		}
		this.submitting = true;
		try {
			// Without a ledger nothing is awaited here, so that creates start as they always did.
			const toCreate = this.ledger ? await this.consultLedger(this.entries) : this.entries;
			const batches = chunk(toCreate, this.adapter.submitBatchSize);
			await forEachConcurrently(
				batches,
				this.options.submitConcurrency ?? DEFAULT_SUBMIT_CONCURRENCY,
				async (batch) => await this.submitBatch(batch),
			);
		} finally {
			await Promise.all(this.recording);
			this.submitting = false;
			this.signalSubmission();
		}
	}

	// ---- Across executions: the ledger of paid jobs -----------------------------------------------------------

	private get ledger() {
		return this.ledgerWorks ? this.options.reuse?.ledger : undefined;
	}

	/** A ledger that cannot be used does not stop the run: it runs as before, and the user is told. */
	private ledgerFailed(error: unknown): void {
		if (!this.ledgerWorks) return;
		this.ledgerWorks = false;
		const message = `Paid ${this.adapter.jobLabel}s could not be recorded in n8n's database (${messageOf(error)}): a Retry or re-run of this execution may pay for them again`;
		this.context.logger?.warn(`${this.node.name}: ${message}`);
		this.context.addExecutionHints?.({ message, type: 'warning', location: 'outputPane' });
	}

	/** For n8n's log: which workflow, execution and node a line is about. */
	private logContext(itemIndex: number, jobIds: string[]) {
		return {
			workflowId: this.context.getWorkflow?.().id,
			executionId: this.context.getExecutionId?.(),
			node: this.node.name,
			itemIndex,
			job: this.adapter.jobLabel,
			jobIds,
		};
	}

	/**
	 * Picks up what earlier runs of this node paid for, and returns the entries to create. An item whose latest payment
	 * (within the reuse window) has jobs gets those jobs; one whose create was sent but never answered fails here,
	 * before anything is sent, because it may have been paid; a job the provider failed is paid for again once.
	 */
	private async consultLedger(entries: Array<Entry<TRequest>>): Promise<Array<Entry<TRequest>>> {
		const reuse = this.options.reuse;
		const ledger = this.ledger;
		if (!reuse || !ledger || entries.length === 0) return entries;
		let lookups;
		try {
			// Two inputs with the same request in one run are two videos: the second is told apart by its place.
			const seen = new Map<string, number>();
			for (const entry of entries) {
				const identity = entry.identity ?? entry.request;
				const key = ledgerKey(reuse.operation, identity);
				const occurrence = seen.get(key) ?? 0;
				seen.set(key, occurrence + 1);
				entry.claim = {
					key: occurrence ? ledgerKey(reuse.operation, { identity, occurrence }) : key,
					slot: 1,
				};
			}
			lookups = await ledger.lookup(entries.map((entry) => (entry.claim as LedgerClaim).key));
		} catch (error) {
			for (const entry of entries) delete entry.claim;
			this.ledgerFailed(error);
			return entries;
		}
		const windowStart = Date.now() - reuse.windowMs;
		// A damaged record has no time: it counts as recent, so that it is never paid again without the user.
		const inWindow = (slot?: LedgerSlot) =>
			slot && (slot.claimedAt?.getTime() ?? Infinity) >= windowStart ? slot : undefined;
		const toCreate: Array<Entry<TRequest>> = [];
		const paid: Array<{ entry: Entry<TRequest>; slot: LedgerSlot; payAgain: boolean }> = [];
		entries.forEach((entry, index) => {
			const lookup = lookups[index];
			(entry.claim as LedgerClaim).slot = lookup.nextSlot;
			const latest = reuse.reusePaidJobs ? inWindow(lookup.latest) : undefined;
			if (!latest) toCreate.push(entry);
			else if (latest.jobIds && latest.claimedAt) {
				// A provider failure is paid for again once: not when the payment before it is recent too.
				paid.push({ entry, slot: latest, payAgain: !inWindow(lookup.previous) });
			} else {
				entry.submitted = true;
				this.failEntry(entry, this.unansweredPaymentError(entry, latest));
			}
		});
		if (paid.length === 0) return toCreate;

		// Read once, as a Get does, to know which were failed by the provider; what cannot be read now is read by the
		// waiting rounds.
		let reads: Array<JobResult<TJob>>;
		try {
			reads = await (readJobsOnce<TJob>).call(
				this.context,
				this.adapter,
				paid.map(({ entry, slot }) => ({
					itemIndex: entry.itemIndex,
					jobIds: slot.jobIds as string[],
				})),
				{ clock: this.options.clock },
			);
		} catch {
			// Only a cancelled run stops the read: nothing more is created, and runJobs reports the cancellation.
			return [];
		}
		paid.forEach(({ entry, slot, payAgain }, index) => {
			const ids = slot.jobIds as string[];
			const jobs = reads[index].jobs;
			if (jobs.every((job) => job.state === 'failed') && payAgain) {
				toCreate.push(entry);
				return;
			}
			entry.submitted = true;
			const createdAt = slot.claimedAt as Date;
			entry.reused = { createdAt };
			this.addJobs(entry, ids);
			for (const { id, job } of jobs) if (job !== undefined) this.noteRead(this.track(id), job);
			this.context.logger?.info(
				`${this.node.name}: item ${entry.itemIndex} picks up ${this.adapter.jobLabel} ${idList(ids)}, paid for by an earlier run at ${createdAt.toISOString()}`,
				this.logContext(entry.itemIndex, ids),
			);
		});
		return toCreate;
	}

	/** The item's latest payment has no recorded answer: it may have been paid, so nothing is sent for it. */
	private unansweredPaymentError(entry: Entry<TRequest>, slot: LedgerSlot) {
		const label = this.adapter.jobLabel;
		const list = this.adapter.listHint ?? `your ${label}s in the provider's list`;
		const when = slot.claimedAt ? ` at ${slot.claimedAt.toISOString()}` : '';
		return new NodeOperationError(
			this.node,
			slot.unreadable
				? `An earlier run of this node paid for this item's ${label}${when}, but its record could not be read back`
				: `An earlier run of this node sent this item's create${when} and stopped before the provider answered: the ${label} may have been paid for`,
			{
				itemIndex: entry.itemIndex,
				description: `Nothing was sent, so that it is not paid twice. Check ${list} for a job created at that time (n8n's log has every job ID as it was created). To create it anyway, run once with Reuse Paid Jobs off.`,
			},
		);
	}

	/** One write to the ledger; a failure turns the ledger off for the rest of the run (see `ledgerFailed`). */
	private async writeLedger<T>(
		items: T[],
		write: (ledger: JobLedger, items: T[]) => Promise<void>,
	) {
		const ledger = this.ledger;
		if (!ledger || items.length === 0) return;
		try {
			await write(ledger, items);
		} catch (error) {
			this.ledgerFailed(error);
		}
	}

	private async claimBeforeSending(batch: Array<Entry<TRequest>>): Promise<void> {
		const claims = batch.flatMap((entry) => (entry.claim ? [entry.claim] : []));
		await this.writeLedger(claims, async (ledger, items) => await ledger.claim(items));
	}

	/** The provider refused: nothing was paid, so the claim is taken back and a later run creates the item. */
	private async releaseRefused(entries: Array<Entry<TRequest>>): Promise<void> {
		const claims = entries.flatMap((entry) => (entry.claim?.claimedAt ? [entry.claim] : []));
		await this.writeLedger(claims, async (ledger, items) => await ledger.release(items));
	}

	private async recordAccepted(entries: Array<Entry<TRequest>>): Promise<void> {
		const records = entries.flatMap((entry) =>
			entry.claim?.claimedAt && entry.jobIds.length
				? [{ ...entry.claim, jobIds: entry.jobIds }]
				: [],
		);
		await this.writeLedger(records, async (ledger, items) => await ledger.record(items));
	}

	private mayHaveBeenAcceptedError(entry: Entry<TRequest>, source: unknown, reason: string) {
		entry.maybeAccepted = true;
		const list = this.adapter.listHint ?? `your ${this.adapter.jobLabel}s in the provider's list`;
		return errorForItem(this.node, entry.itemIndex, source, {
			message: `${reason} The ${this.adapter.jobLabel} may have been created anyway.`,
			description: `The request may have been accepted; ${beforeRunningAgain(list, this.ledger !== undefined)} (${messageOf(source)})`,
		});
	}

	/**
	 * One create call: claimed in the ledger first, sent, and then either accepted (job IDs recorded) or failed. Only a
	 * refusal for rate is sent again (the provider did not take it); every other failure fails the batch's items.
	 */
	private async submitBatch(batch: Array<Entry<TRequest>>): Promise<void> {
		const maxAttempts = this.options.maxCreateAttempts ?? DEFAULT_MAX_CREATE_ATTEMPTS;
		let claimed = false;
		for (let attempt = 1; ; attempt++) {
			// Never start a paid create once the run is cancelled or stopped.
			if (this.cancelled || this.stopped) {
				if (claimed && this.ledger) await this.releaseRefused(batch);
				return;
			}
			if (!claimed) {
				if (this.ledger) await this.claimBeforeSending(batch);
				claimed = true;
			}

			let results: SubmitResult[] | undefined;
			let failure: unknown;
			try {
				results = await this.adapter.submit(batch.map((entry) => entry.request as TRequest));
			} catch (error) {
				failure = error ?? 'unknown error';
			}

			if (failure === undefined) {
				this.acceptResults(batch, results ?? []);
				this.signalSubmission();
				if (this.ledger) {
					// Not waited for here, so that the next create's claim goes to n8n's database in the same call as
					// this record (the ledger writes what waits together). writeLedger never rejects.
					const refused = batch.filter(
						(entry) => entry.error && !entry.maybeAccepted && entry.jobIds.length === 0,
					);
					this.recording.push(
						this.recordAccepted(batch).then(async () => await this.releaseRefused(refused)),
					);
				}
				return;
			}
			if (!this.cancelled && failureKind(failure) === 'rateLimit' && attempt < maxAttempts) {
				// Refused for rate, so not accepted: safe to send again once the hold is over (the transport has held
				// the bucket; this pause only spaces attempts when it could not).
				const delay = Math.min(MAX_CREATE_RETRY_DELAY_MS, CREATE_RETRY_DELAY_MS * 2 ** (attempt - 1));
				if (await this.pause(delay)) continue;
				// Cancelled while waiting to send again: the provider has not taken it.
				if (this.ledger) await this.releaseRefused(batch);
				return;
			}
			this.failBatch(batch, failure, maxAttempts);
			if (this.cancelled) return;
			if (this.ledger) await this.releaseRefused(batch.filter((entry) => !entry.maybeAccepted));
			this.signalSubmission();
			return;
		}
	}

	/** A create call that failed as a whole: each item says whether it may have been paid for, and what to do. */
	private failBatch(batch: Array<Entry<TRequest>>, failure: unknown, attempts: number): void {
		const label = this.adapter.jobLabel;
		const kind = failureKind(failure);
		for (const entry of batch) {
			entry.submitted = true;
			if (this.cancelled) {
				// The abort cut the request; whether the provider took it is unknown.
				entry.error = this.mayHaveBeenAcceptedError(
					entry,
					failure,
					'The run was cancelled while creating.',
				);
			} else if (kind === 'rateLimit') {
				this.failEntry(
					entry,
					errorForItem(this.node, entry.itemIndex, failure, {
						description: `The ${label} was not created (the provider refused ${attempts} times because of its rate limit), so nothing was charged. Run again later.`,
					}),
				);
			} else if (kind === 'permanent' && failure instanceof NodeError) {
				// The provider answered and refused (or the request was never sent): not created.
				this.failEntry(
					entry,
					errorForItem(this.node, entry.itemIndex, failure, {
						description: `The ${label} was not created, so nothing was charged for it.`,
					}),
				);
			} else if (kind === 'notSent') {
				// No connection was made, so the provider never saw the request.
				this.failEntry(
					entry,
					errorForItem(this.node, entry.itemIndex, failure, {
						description: `The ${label} was not created: the request never reached the provider, so nothing was charged. Run again once the connection works.`,
					}),
				);
			} else {
				this.failEntry(
					entry,
					this.mayHaveBeenAcceptedError(entry, failure, 'The create request failed.'),
				);
			}
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
			this.addJobs(entry, jobIds, result.firstCheckAfterMs);
			// In n8n's log at once, before anything else can go wrong: the one place a job ID survives a crash
			// even where n8n's database does not.
			this.context.logger?.info(
				`${this.node.name}: item ${entry.itemIndex} created ${this.adapter.jobLabel} ${idList(jobIds)}`,
				this.logContext(entry.itemIndex, jobIds),
			);
		});
	}

	/** A job read outside the waiting rounds (the ledger's check of a job an earlier run paid for). */
	private noteRead(track: Track<TJob>, job: TJob): void {
		track.lastReadAt = this.clock.now();
		track.job = job;
		track.state = this.adapter.state(job);
		if (track.state !== 'pending') track.finishedAt ??= this.clock.now();
		if (track.state === 'failed') this.noteJobProblem();
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
		return track.state === 'pending';
	}

	private pendingTracks(): Array<Track<TJob>> {
		return [...this.tracks.values()].filter((track) => this.isOpen(track));
	}

	/**
	 * Polls until no job is open, in shared rounds at the user's Poll Interval: each round reads, in as few calls as
	 * the provider's batch reads allow, every open job that has gone one interval without a read. The first round
	 * comes one interval after the first job exists (a render is never done at once) and a job just created joins
	 * the rounds once it is half an interval old; existing ids are read at once (`firstWait` false). A job whose create answer said when it will be ready is read first at that time, then
	 * joins the rounds. A job is also read at its deadline, its last check. Rounds are spaced out only when their
	 * calls would take more than the run's share of the provider's limits (`roundSpacing`).
	 */
	async waitAll(firstWait: boolean): Promise<void> {
		const pollIntervalMs = this.options.pollIntervalMs;
		let round = 0;
		/** When the next shared round is due; undefined while no job is in the rounds. */
		let nextRoundAt: number | undefined;
		/** When the last progress line was said. */
		let lastLineAt = Number.NEGATIVE_INFINITY;
		/**
		 * The earliest round a job may be read in: one interval after its last read; for its first read, half an
		 * interval after its creation, so that jobs created a moment after the first one (creates are sent a few at a
		 * time) share its round instead of making calls of their own. Existing ids are read at once.
		 */
		const joinsRoundsAt = (track: Track<TJob>) =>
			track.lastReadAt !== undefined
				? track.lastReadAt + pollIntervalMs
				: track.startedAt + (firstWait ? pollIntervalMs / 2 : 0);
		/** Where the cadence starts: one interval after the first job exists (a render is never done at once). */
		const firstRoundFor = (track: Track<TJob>) =>
			track.lastReadAt !== undefined || !firstWait
				? joinsRoundsAt(track)
				: track.startedAt + pollIntervalMs;
		for (;;) {
			if (this.cancelled || this.stopped) return;
			const pending = this.pendingTracks();
			if (pending.length === 0) {
				if (!this.submitting) return;
				// Nothing to poll yet: wait for the next create to finish.
				await this.submissionEvent.promise;
				continue;
			}
			const now = this.clock.now();
			const inRounds = pending.filter((track) => track.notBefore === undefined);
			if (inRounds.length === 0) {
				nextRoundAt = undefined;
			} else {
				nextRoundAt =
					nextRoundAt === undefined
						? Math.min(...inRounds.map(firstRoundFor))
						: nextRoundOnCadence(
								nextRoundAt,
								Math.min(...inRounds.map(joinsRoundsAt)),
								pollIntervalMs,
							);
			}

			const roundDue = nextRoundAt !== undefined && nextRoundAt <= now;
			const due = pending.filter(
				(track) =>
					track.deadline <= now ||
					(track.notBefore !== undefined
						? track.notBefore <= now
						: roundDue && joinsRoundsAt(track) <= now),
			);
			if (due.length === 0) {
				const wakeAt = Math.min(
					nextRoundAt ?? Number.POSITIVE_INFINITY,
					...pending.map((track) => track.notBefore ?? track.deadline),
				);
				const sleepMs = Math.max(0, wakeAt - now);
				// A long sleep (e.g. until the provider's estimate) is said even between rounds, at most every 30 s.
				if (sleepMs >= NOTABLE_SLEEP_MS && now - lastLineAt >= NOTABLE_SLEEP_MS * 3) {
					lastLineAt = now;
					this.reportWaiting(sleepMs);
				}
				if (!(await this.pauseUnlessCreated(sleepMs))) return;
				continue;
			}

			const roundStartedAt = now;
			await this.pollRound(round, due);
			if (this.cancelled) return;
			this.noteRoundRead(due, roundStartedAt);
			round++;
			if (roundDue) nextRoundAt = this.nextRoundAfter(roundStartedAt) ?? nextRoundAt;
			if (this.pendingTracks().length > 0) {
				const after = this.clock.now();
				const nextReads = this.pendingTracks().map((track) =>
					track.notBefore !== undefined
						? Math.min(track.notBefore, track.deadline)
						: Math.min(Math.max(nextRoundAt ?? after, joinsRoundsAt(track)), track.deadline),
				);
				lastLineAt = after;
				this.reportWaiting(Math.max(0, Math.min(...nextReads) - after));
			}
		}
	}

	/** After a round: when each job was read, and which ones are past their deadline. */
	private noteRoundRead(due: Array<Track<TJob>>, roundStartedAt: number): void {
		for (const track of due) {
			track.notBefore = undefined;
			track.lastReadAt = roundStartedAt;
			// A job times out only after a read that started at or after its deadline still saw it pending, so the
			// last check always happens at the deadline.
			if (this.isOpen(track) && roundStartedAt >= track.deadline) {
				track.timedOut = true;
				this.noteJobProblem();
			}
		}
	}

	/**
	 * When the next shared round starts, after one that started at `roundStartedAt`: one Poll Interval later, or later
	 * when the open jobs' calls would take more than the run's share of the provider's limits (then the hint says so).
	 * Undefined when no job is left in the rounds.
	 */
	private nextRoundAfter(roundStartedAt: number): number | undefined {
		const pollIntervalMs = this.options.pollIntervalMs;
		const inRounds = this.pendingTracks().filter((track) => track.notBefore === undefined);
		if (inRounds.length === 0) return undefined;
		const calls = Math.ceil(inRounds.length / this.adapter.statusBatchSize);
		const spacing = roundSpacing(pollIntervalMs, calls, this.adapter.readLimits?.limits);
		if (spacing.spacedBy && this.adapter.readLimits) {
			noteRoundsSpaced(this.context, {
				provider: this.adapter.readLimits.provider,
				pollIntervalMs,
				intervalMs: spacing.intervalMs,
				calls,
				limit: spacing.spacedBy,
			});
		}
		return roundStartedAt + spacing.intervalMs;
	}

	/** What the run is waiting for, as a log line and (in a manual run) in the editor. */
	private reportWaiting(nextCheckMs: number): void {
		const tracks = [...this.tracks.values()];
		const creating = this.submitting
			? this.entries.filter((entry) => !entry.submitted && entry.error === undefined).length
			: 0;
		reportProgress(
			this.context,
			waitingLine(this.node.name, this.adapter.jobLabel, {
				total: tracks.length,
				done: tracks.filter((track) => track.state === 'succeeded').length,
				failed: tracks.filter((track) => track.state === 'failed').length,
				running: tracks.filter((track) => this.isOpen(track)).length,
				atEstimate: tracks.filter((track) => this.isOpen(track) && track.notBefore !== undefined)
					.length,
				creating,
				nextCheckMs,
			}),
		);
	}

	private async pollRound(round: number, due: Array<Track<TJob>>): Promise<void> {
		const batches = chunk(
			due.map((track) => track.id),
			this.adapter.statusBatchSize,
		);
		this.options.onRound?.({ round, pendingJobs: due.length, statusCalls: batches.length });
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
			track.job = job;
			const state = this.adapter.state(job);
			track.state = state;
			if (state !== 'pending') track.finishedAt ??= this.clock.now();
			if (state === 'failed') this.noteJobProblem();
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

	// ---- Results (built in results.ts) -----------------------------------------------------------------------

	private get resultSettings(): ResultSettings<TJob> {
		return {
			node: this.node,
			adapter: this.adapter,
			timeoutMs: this.options.timeoutMs,
			recorded: this.ledger !== undefined,
		};
	}

	results(waited: boolean): Array<JobResult<TJob>> {
		return this.entries.map((entry) =>
			resultOf(
				{ ...entry, jobs: entry.jobIds.map((id) => this.track(id)) },
				this.resultSettings,
				waited,
			),
		);
	}

	cancellationError(): NodeOperationError {
		return cancellationError(this.resultSettings, {
			created: this.entries.filter((entry) => entry.jobIds.length > 0),
			uncertain: this.entries.filter((entry) => entry.maybeAccepted).map((entry) => entry.itemIndex),
			pending: this.pendingTracks().map((track) => track.id),
		});
	}

	/** For the run's execution hint: jobs done, failed and still running, and the slowest one's time. */
	noteFinishedJobs(): void {
		const tracks = [...this.tracks.values()];
		const finished = tracks.filter((track) => track.finishedAt !== undefined);
		noteJobsFinished(this.context, {
			label: this.adapter.jobLabel,
			done: tracks.filter((track) => track.state === 'succeeded').length,
			failed: tracks.filter((track) => track.state === 'failed').length,
			running: tracks.filter((track) => track.state === 'pending').length,
			slowestMs: Math.max(0, ...finished.map((track) => (track.finishedAt ?? 0) - track.startedAt)),
		});
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
	if (options.waitForCompletion) run.noteFinishedJobs();
	return run.results(options.waitForCompletion);
}

/**
 * Waits for existing jobs (Get operations with Wait for Completion on, e.g. to resume after a timeout). Ids shared
 * by several inputs are read once per round. Returns one result per target, in the order given.
 */
export async function waitForJobs<TJob>(
	this: JobEngineContext,
	adapter: JobAdapter<unknown, TJob>,
	targets: JobTarget[],
	options: WaitOptions,
): Promise<Array<JobResult<TJob>>> {
	const run = new JobRun<unknown, TJob>(this, adapter, { ...options, waitForCompletion: true });
	run.addTargets(targets);
	await run.waitAll(false);
	if (run.wasCancelled) throw run.cancellationError();
	run.noteFinishedJobs();
	return run.results(true);
}

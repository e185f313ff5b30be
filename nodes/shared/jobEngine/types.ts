import type { IExecuteFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { JobLedger } from '../jobLedger';
import type { JobState } from '../jobStates';
import type { ProgressContext } from '../progress';
import type { RateLimit } from '../rateLimiter';

export type { JobState } from '../jobStates';

export interface SubmitAccepted {
	jobIds: string[];
	/**
	 * How long after acceptance to read these jobs' status for the first time, when the provider says when they will
	 * be ready (e.g. SixtySeconds' `estimated_completion`). Until then the jobs are not read; afterwards they follow
	 * the usual poll schedule. Never later than the deadline; ignored unless a positive number.
	 */
	firstCheckAfterMs?: number;
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
	/**
	 * The provider's documented limits that status calls count against, per app or key (TikTok: 10 per second and
	 * 600 per minute). Rounds are spaced out when their calls would take more than half of one of them. Undefined
	 * where none is published (an in-flight cap only slows a round down).
	 */
	readLimits?: { provider: string; limits: RateLimit[] };
	/** Reads the jobs with these ids; jobs missing from the answer are retried in the next round. */
	fetchStatuses(jobIds: string[]): Promise<TJob[]>;
	jobId(job: TJob): string;
	/** The job's state from its provider status (each provider's table is in its jobs.ts, read with jobStateOf). */
	state(job: TJob): JobState;
	/** The provider's own status value, quoted in timeout messages. */
	status?(job: TJob): string | undefined;
	failureReason(job: TJob): string | undefined;
	/**
	 * The whole message for a job in the failed state, where "<job> failed: <reason>" would mislead (e.g. a video the
	 * provider left as a draft, which will never be processed without the user). Undefined: the usual message.
	 */
	failureMessage?(job: TJob, jobId: string): { message: string; description: string } | undefined;
	/** What to do to pick up a job later, e.g. 'run "Avatar Video → Get" with Wait for Completion on'. */
	resumeHint: string;
	/**
	 * The message for an id the provider's status answer leaves out, in a plain read (a Get without waiting), e.g.
	 * "TikTok has no refresh task with ID …" and where such ids come from. Defaults to a generic sentence.
	 */
	notFound?(jobId: string): { message: string; description: string };
	/**
	 * Where to look for jobs a failed create may have made, e.g. '"Avatar Video → Get Many"'. Defaults to the
	 * provider's job list in general terms.
	 */
	listHint?: string;
}

export interface JobRequest<TRequest> {
	itemIndex: number;
	request: TRequest;
	/**
	 * What makes a later run's item the same paid item, where that is not the request itself (e.g. the video URL a
	 * refresh task was asked for, not the ID of this run's upload of it). See jobLedger.ts.
	 */
	identity?: unknown;
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
	/**
	 * Time between status rounds: a job is read again one interval after its last read. Longer only where a round's
	 * calls would take more than half of the provider's limits (`JobAdapter.readLimits`).
	 */
	pollIntervalMs: number;
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

/** Paid jobs recorded across executions, so that a Retry, a re-run or a restart does not pay twice (jobLedger.ts). */
export interface ReuseOptions {
	ledger: JobLedger;
	/** Whether to pick up the job an earlier run paid for; off, every item is created (and still recorded). */
	reusePaidJobs: boolean;
	/** How old a recorded payment may be to be picked up. */
	windowMs: number;
	/** Part of every item's identity: the node's resource and operation. */
	operation: string;
}

export interface RunOptions extends WaitOptions {
	/** Undefined: nothing is recorded or picked up (a context without n8n's deduplication store). */
	reuse?: ReuseOptions;
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
	/** Read once without waiting (readJobsOnce), whatever the job's status. */
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
	/** Set when the jobs were paid for by an earlier run of this node and picked up instead of created again. */
	reused?: { createdAt: Date };
}

/** What the engine uses of n8n's context; the progress helpers are optional (absent in unit tests). */
export type JobEngineContext = Pick<IExecuteFunctions, 'getNode' | 'getExecutionCancelSignal'> &
	Partial<Pick<IExecuteFunctions, 'getWorkflow' | 'getExecutionId'>> &
	ProgressContext;

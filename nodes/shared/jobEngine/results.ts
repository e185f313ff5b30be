import type { INode, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorForItem, idList, joinSentences, resumeSentence } from './messages';
import type { JobAdapter, JobResult, JobState, TrackedJob } from './types';

/**
 * What the engine hands back for each input once a run is over: pure functions of what the run saw, so that every
 * outcome and its message is read in one place (run.ts only keeps the state they are built from).
 */

/** What the run knows of one job when it ends. */
export interface JobView<TJob> {
	id: string;
	state: JobState;
	job?: TJob;
	/** The engine gave up reading it: the last error and the message to show. */
	unreadable?: { source: unknown; message: string };
	timedOut: boolean;
	/** The last problem while reading it (quoted after a timeout). */
	lastProblem?: string;
}

/** What the run knows of one input when it ends. */
export interface InputView<TJob> {
	itemIndex: number;
	jobIds: string[];
	jobs: Array<JobView<TJob>>;
	/** Its create was sent (or picked up from an earlier run); false when the run stopped before. */
	submitted: boolean;
	/** The create's own failure, set once. */
	error?: NodeApiError | NodeOperationError;
	reused?: { createdAt: Date };
}

/** The run's settings that the messages quote. */
export interface ResultSettings<TJob> {
	node: INode;
	adapter: Pick<
		JobAdapter<unknown, TJob>,
		'jobLabel' | 'failureReason' | 'failureMessage' | 'status' | 'resumeHint' | 'listHint'
	>;
	timeoutMs: number;
	/** The ledger of paid jobs is in use: a Retry picks these jobs up (see jobLedger.ts). */
	recorded: boolean;
}

/** One input's result: its outcome, its jobs and, unless it succeeded, an error naming its job IDs and the next step. */
export function resultOf<TJob>(
	input: InputView<TJob>,
	settings: ResultSettings<TJob>,
	waited: boolean,
): JobResult<TJob> {
	const { node, adapter } = settings;
	const { itemIndex, jobs } = input;
	const base = {
		itemIndex,
		jobs: trackedJobs(jobs),
		...(input.reused ? { reused: input.reused } : {}),
	};
	const label = adapter.jobLabel;

	if (input.error) return { ...base, outcome: 'error', error: withIds(input.error, input.jobIds) };
	if (!input.submitted) {
		return {
			...base,
			outcome: 'stopped',
			error: new NodeOperationError(
				node,
				`The ${label} was not created: the run stopped at an earlier failure`,
				{ itemIndex, description: 'Nothing was charged for this item.' },
			),
		};
	}
	if (!waited) return { ...base, outcome: 'submitted' };

	const failed = failedResult(input, settings);
	if (failed) return { ...base, ...failed };
	const problem = unreadableResult(input, settings) ?? timedOutResult(input, settings);
	if (problem) return { itemIndex, jobs: base.jobs, ...problem };

	const pendingIds = jobs.filter((job) => job.state === 'pending').map((job) => job.id);
	if (pendingIds.length > 0) {
		return {
			...base,
			outcome: 'stopped',
			error: new NodeOperationError(
				node,
				`Stopped waiting for ${label} ${idList(pendingIds)}: the run stopped at an earlier failure`,
				{
					itemIndex,
					description: `The job is still running. ${resumeSentence(adapter.resumeHint, pendingIds)}`,
				},
			),
		};
	}
	return { ...base, outcome: 'succeeded' };
}

function trackedJobs<TJob>(jobs: Array<JobView<TJob>>): Array<TrackedJob<TJob>> {
	return jobs.map((job) => ({
		id: job.id,
		state: job.state,
		...(job.job !== undefined ? { job: job.job } : {}),
	}));
}

type Problem = Pick<JobResult<unknown>, 'outcome' | 'error'>;

/** A job the provider failed: its own message where the adapter has one, else "<job> failed: <reason>". */
function failedResult<TJob>(input: InputView<TJob>, settings: ResultSettings<TJob>): Problem | undefined {
	const { adapter } = settings;
	const failed = input.jobs.filter((job) => job.state === 'failed');
	if (failed.length === 0) return undefined;
	const own = failed.map((job) =>
		job.job !== undefined ? adapter.failureMessage?.(job.job, job.id) : undefined,
	);
	const reasons = failed.map((job, index) => {
		if (own[index]) return own[index].message;
		const reason = job.job !== undefined ? adapter.failureReason(job.job) : undefined;
		return `${adapter.jobLabel} ${job.id} failed${reason ? `: ${reason}` : ''}`;
	});
	const others = input.jobs.filter((job) => job.state !== 'failed').map((job) => job.id);
	return {
		outcome: 'failed',
		error: new NodeOperationError(settings.node, reasons.join('; '), {
			itemIndex: input.itemIndex,
			description: joinSentences(
				own.some((message) => !message) ? 'The provider reported the job as failed.' : undefined,
				...own.map((message) => message?.description),
				others.length ? `Other jobs of this item: ${idList(others)}.` : undefined,
			),
		}),
	};
}

/** A job whose status could not be read: it may still finish, so the error says how to pick it up. */
function unreadableResult<TJob>(
	input: InputView<TJob>,
	settings: ResultSettings<TJob>,
): Problem | undefined {
	const unreadable = input.jobs.filter((job) => job.unreadable);
	if (unreadable.length === 0) return undefined;
	const first = unreadable[0].unreadable as { source: unknown; message: string };
	const ids = unreadable.map((job) => job.id);
	return {
		outcome: 'error',
		error: errorForItem(settings.node, input.itemIndex, first.source, {
			message: unreadable.map((job) => job.unreadable?.message).join('; '),
			description: `The job may still finish. ${resumeSentence(settings.adapter.resumeHint, ids)}`,
			jobIds: input.jobIds,
		}),
	};
}

/** A job still running at its deadline: its last status, how to pick it up, and the last problem while reading. */
function timedOutResult<TJob>(
	input: InputView<TJob>,
	settings: ResultSettings<TJob>,
): Problem | undefined {
	const { adapter } = settings;
	const timedOut = input.jobs.filter((job) => job.timedOut);
	if (timedOut.length === 0) return undefined;
	const ids = timedOut.map((job) => job.id);
	const seconds = Math.round(settings.timeoutMs / 1000);
	const statuses = timedOut
		.map((job) => (job.job !== undefined ? adapter.status?.(job.job) : undefined))
		.filter((status): status is string => !!status);
	const lastStatus = statuses.length ? ` (last status: ${[...new Set(statuses)].join(', ')})` : '';
	const problem = timedOut.find((job) => job.lastProblem)?.lastProblem;
	return {
		outcome: 'timedOut',
		error: new NodeOperationError(
			settings.node,
			`Timed out after ${seconds} s waiting for ${adapter.jobLabel} ${idList(ids)}${lastStatus}`,
			{
				itemIndex: input.itemIndex,
				description: joinSentences(
					'The job is still running and may finish.',
					resumeSentence(adapter.resumeHint, ids),
					settings.recorded
						? 'Or raise Timeout (Seconds) and retry the execution: this node picks up these jobs instead of paying again.'
						: 'Or raise Timeout (Seconds).',
					problem ? `Last problem while checking: ${problem}` : undefined,
				),
			},
		),
	};
}

function withIds(error: NodeApiError | NodeOperationError, jobIds: string[]) {
	if (jobIds.length) error.context.jobIds = jobIds;
	return error;
}

/** What to do about a create that may have been accepted, so that nobody pays twice. */
export function beforeRunningAgain(list: string, recorded: boolean): string {
	return recorded
		? `this node recorded the attempt, so a Retry or re-run does not send it again while Reuse Paid Jobs is on. Check ${list} for the job.`
		: `check ${list} before running again so you don't pay twice.`;
}

/** Thrown when the run is cancelled: lists what was already created so that nothing paid for is lost. */
export function cancellationError<TJob>(
	settings: ResultSettings<TJob>,
	run: {
		/** Inputs with jobs already created. */
		created: Array<{ itemIndex: number; jobIds: string[] }>;
		/** Inputs whose create was in flight: it may have been accepted. */
		uncertain: number[];
		/** Jobs still running. */
		pending: string[];
	},
): NodeOperationError {
	const { adapter, recorded } = settings;
	const { created, uncertain, pending } = run;
	return new NodeOperationError(
		settings.node,
		`The run was cancelled while handling ${adapter.jobLabel}s`,
		{
			description: joinSentences(
				created.length
					? `Already created: ${created.map((input) => `item ${input.itemIndex}: ${idList(input.jobIds)}`).join('; ')}.`
					: 'No job had been created yet.',
				created.length && recorded
					? 'They are recorded: running the workflow again picks them up instead of paying again.'
					: undefined,
				pending.length
					? `Still running: ${idList(pending)}. ${resumeSentence(adapter.resumeHint, pending)}`
					: undefined,
				uncertain.length
					? `Creates in flight for item(s) ${uncertain.join(', ')} may have been accepted; ${beforeRunningAgain(adapter.listHint ?? 'the provider list', recorded)}`
					: undefined,
			),
		},
	);
}

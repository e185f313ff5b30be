import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { FailureKind } from '../../nodes/shared/errors';
import { providerApiError } from '../../nodes/shared/errors';
import type {
	Clock,
	JobAdapter,
	JobEngineContext,
	JobResult,
	PollRoundInfo,
	RunOptions,
	SubmitResult,
} from '../../nodes/shared/jobEngine';
import { readJobsOnce, runJobs, waitForJobs } from '../../nodes/shared/jobEngine';
import { throwFirstFailure } from '../../nodes/shared/jobOutput';
import { addProgressHints } from '../../nodes/shared/progress';
import type { JobState, StatusTable } from '../../nodes/shared/jobStates';
import { isKnownStatus, jobStateOf } from '../../nodes/shared/jobStates';
import { CREATIFY_JOB_STATUSES } from '../../nodes/Creatify/jobs';
import { SIXTYSECONDS_VIDEO_STATUSES } from '../../nodes/SixtySeconds/jobs';
import { TIKTOK_TASK_STATUSES } from '../../nodes/TikTok/jobs';
import { fakeNode } from '../helpers/fakeNode';

// ---- A fake provider and the little of n8n the engine uses ----------------------------------------------------

const NODE = fakeNode();

interface FakeRequest {
	name: string;
	/** Statuses the job reports on successive reads (the last one repeats). */
	statuses?: string[];
	reason?: string;
	/** Jobs one request creates (e.g. Refresh Ads RECOMMENDED makes several videos). */
	jobs?: number;
	/** Sent back with the create answer: when the job will be ready (e.g. SixtySeconds' estimated_completion). */
	firstCheckAfterMs?: number;
}

interface FakeJob {
	id: string;
	status: string;
	reason?: string;
	name: string;
}

const RESUME_HINT = 'Run "Video → Get" with Wait for Completion on';
const LIST_HINT = '"Video → Get Many"';

function providerError(kind: FailureKind, message = `${kind} answer`, httpStatus?: number) {
	const status =
		httpStatus ??
		{
			rateLimit: 429,
			transient: 503,
			permanent: 400,
			connectionLost: undefined,
			notSent: undefined,
		}[kind];
	return providerApiError(NODE, { provider: 'Fake', message, kind, httpStatus: status });
}

/** A scripted provider: creates jobs, reports their statuses read after read, fails on demand. */
class FakeProvider {
	private sequence = 0;
	readonly jobs = new Map<string, { request: FakeRequest; reads: number }>();
	readonly submitCalls: FakeRequest[][] = [];
	readonly statusCalls: string[][] = [];
	/** Thrown by the next create calls, in order. */
	readonly submitFailures: unknown[] = [];
	/** Per status call, in order: an error to throw, or undefined to answer normally. */
	readonly statusFailures: unknown[] = [];
	/** Ids the provider leaves out of its answers. */
	readonly omitted = new Set<string>();
	/** Ids for which a status read is refused permanently (e.g. not found). */
	readonly unknownIds = new Set<string>();
	/** Request names the provider refuses one by one (a per-package error_msg). */
	readonly refusedNames = new Set<string>();
	/** Answer with fewer results than requests. */
	shortAnswer = false;
	onStatusCall?: (ids: string[]) => void;
	onSubmitCall?: (requests: FakeRequest[]) => void;

	constructor(private readonly table: StatusTable = TIKTOK_TASK_STATUSES) {}

	statusOf(id: string): string {
		const entry = this.jobs.get(id);
		if (!entry) throw new Error(`no job ${id}`);
		const statuses = entry.request.statuses ?? ['SUBMITTED', 'PROCESSING', 'SUCCESS'];
		return statuses[Math.min(Math.max(0, entry.reads - 1), statuses.length - 1)];
	}

	isTerminal(id: string): boolean {
		const entry = this.jobs.get(id);
		return !!entry && entry.reads > 0 && jobStateOf(this.table, this.statusOf(id)) !== 'pending';
	}

	adapter(
		overrides: Partial<JobAdapter<FakeRequest, FakeJob>> = {},
	): JobAdapter<FakeRequest, FakeJob> {
		return {
			jobLabel: 'fake video job',
			submitBatchSize: 5,
			statusBatchSize: 5,
			submit: async (requests) => {
				this.submitCalls.push(requests);
				this.onSubmitCall?.(requests);
				await Promise.resolve();
				if (this.submitFailures.length > 0) throw this.submitFailures.shift();
				const results: SubmitResult[] = requests.map((request) => {
					if (this.refusedNames.has(request.name))
						return { error: `script of ${request.name} is invalid` };
					const jobIds = Array.from({ length: request.jobs ?? 1 }, () => {
						const id = `job-${++this.sequence}`;
						this.jobs.set(id, { request, reads: 0 });
						return id;
					});
					return request.firstCheckAfterMs === undefined
						? { jobIds }
						: { jobIds, firstCheckAfterMs: request.firstCheckAfterMs };
				});
				return this.shortAnswer ? results.slice(1) : results;
			},
			fetchStatuses: async (ids) => {
				this.statusCalls.push(ids);
				this.onStatusCall?.(ids);
				await Promise.resolve();
				const failure = this.statusFailures.shift();
				if (failure !== undefined) throw failure;
				if (ids.some((id) => this.unknownIds.has(id))) {
					throw providerError(
						'permanent',
						`task not found: ${ids.filter((id) => this.unknownIds.has(id)).join(',')}`,
					);
				}
				return ids
					.filter((id) => this.jobs.has(id) && !this.omitted.has(id))
					.map((id) => {
						const entry = this.jobs.get(id)!;
						entry.reads++;
						return {
							id,
							status: this.statusOf(id),
							reason: entry.request.reason,
							name: entry.request.name,
						};
					});
			},
			jobId: (job) => job.id,
			state: (job) => jobStateOf(this.table, job.status),
			status: (job) => job.status,
			failureReason: (job) => job.reason,
			resumeHint: RESUME_HINT,
			listHint: LIST_HINT,
			...overrides,
		};
	}
}

/** Virtual time: every sleep returns at once and moves the clock forward. */
function virtualClock(start = 1_000_000): Clock & { sleeps: number[]; time: () => number } {
	let now = start;
	const sleeps: number[] = [];
	return {
		sleeps,
		time: () => now,
		now: () => now,
		sleep: async (ms: number, signal?: AbortSignal) => {
			signal?.throwIfAborted();
			sleeps.push(ms);
			now += ms;
			await Promise.resolve();
		},
	};
}

/** The engine's waiting lines, not the line it logs for each job created (see jobLedger.test.ts). */
const isProgressLine = (line: string) => !/: item \d+ created /.test(line);

function fakeContext(signal?: AbortSignal): JobEngineContext {
	return { getNode: () => NODE, getExecutionCancelSignal: () => signal };
}

function requests(...names: Array<string | FakeRequest>) {
	return names.map((name, itemIndex) => ({
		itemIndex,
		request: typeof name === 'string' ? { name } : name,
	}));
}

function options(clock: Clock, extra: Partial<RunOptions> = {}): RunOptions {
	return { waitForCompletion: true, pollIntervalMs: 5_000, timeoutMs: 600_000, clock, ...extra };
}

async function run(
	provider: FakeProvider,
	input: Array<{ itemIndex: number; request: FakeRequest }>,
	extra: Partial<RunOptions> = {},
	adapterOverrides: Partial<JobAdapter<FakeRequest, FakeJob>> = {},
	signal?: AbortSignal,
) {
	const clock = virtualClock();
	const results = await (runJobs<FakeRequest, FakeJob>).call(
		fakeContext(signal),
		provider.adapter(adapterOverrides),
		input,
		options(clock, extra),
	);
	return { results, clock };
}

function errorText(result: JobResult<unknown>): string {
	return `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
}

// ---- Status tables ---------------------------------------------------------------------------------------------

/** Every documented status, with the state the provider's documents give it. */
const DOCUMENTED_STATUSES: Array<[string, string, JobState, StatusTable]> = [
	['Creatify', 'pending', 'pending', CREATIFY_JOB_STATUSES],
	['Creatify', 'in_queue', 'pending', CREATIFY_JOB_STATUSES],
	['Creatify', 'running', 'pending', CREATIFY_JOB_STATUSES],
	['Creatify', 'done', 'succeeded', CREATIFY_JOB_STATUSES],
	['Creatify', 'failed', 'failed', CREATIFY_JOB_STATUSES],
	['SixtySeconds', 'draft', 'pending', SIXTYSECONDS_VIDEO_STATUSES],
	['SixtySeconds', 'processing', 'pending', SIXTYSECONDS_VIDEO_STATUSES],
	['SixtySeconds', 'published', 'succeeded', SIXTYSECONDS_VIDEO_STATUSES],
	['SixtySeconds', 'failed', 'failed', SIXTYSECONDS_VIDEO_STATUSES],
	['TikTok', 'SUBMITTED', 'pending', TIKTOK_TASK_STATUSES],
	['TikTok', 'PROCESSING', 'pending', TIKTOK_TASK_STATUSES],
	['TikTok', 'SUCCESS', 'succeeded', TIKTOK_TASK_STATUSES],
	['TikTok', 'FAILED', 'failed', TIKTOK_TASK_STATUSES],
];

describe('job status tables', () => {
	it.each(DOCUMENTED_STATUSES)('%s "%s" is %s', (_provider, status, expected, table) => {
		expect(jobStateOf(table, status)).toBe(expected);
		expect(isKnownStatus(table, status)).toBe(true);
	});

	it.each<[string, number, StatusTable]>([
		['Creatify', 5, CREATIFY_JOB_STATUSES],
		['SixtySeconds', 4, SIXTYSECONDS_VIDEO_STATUSES],
		['TikTok', 4, TIKTOK_TASK_STATUSES],
	])('%s lists exactly its %d documented statuses', (provider, count, table) => {
		const documented = DOCUMENTED_STATUSES.filter(([name]) => name === provider).map(
			([, status]) => status,
		);
		expect(documented).toHaveLength(count);
		expect([...table.pending, ...table.succeeded, ...table.failed].sort()).toEqual(
			[...documented].sort(),
		);
	});

	it('ignores case and spaces', () => {
		expect(jobStateOf(TIKTOK_TASK_STATUSES, ' success ')).toBe('succeeded');
		expect(jobStateOf(CREATIFY_JOB_STATUSES, 'DONE')).toBe('succeeded');
	});

	it('treats an undocumented or missing status as still pending (the timeout bounds it)', () => {
		expect(jobStateOf(TIKTOK_TASK_STATUSES, 'QUEUED')).toBe('pending');
		expect(jobStateOf(TIKTOK_TASK_STATUSES, undefined)).toBe('pending');
		expect(isKnownStatus(TIKTOK_TASK_STATUSES, 'QUEUED')).toBe(false);
	});
});

describe('runJobs: every documented status ends the wait correctly', () => {
	it.each(DOCUMENTED_STATUSES)('%s "%s" (%s)', async (_provider, status, expected, table) => {
		const provider = new FakeProvider(table);
		const { results } = await run(
			provider,
			requests({ name: 'a', statuses: [status], reason: 'bad input' }),
			{
				timeoutMs: 60_000,
			},
		);
		const [result] = results;
		const [job] = result.jobs;
		expect(job.job?.status).toBe(status);
		if (expected === 'succeeded') {
			expect(result.outcome).toBe('succeeded');
			expect(result.error).toBeUndefined();
			expect(provider.statusCalls).toHaveLength(1);
		} else if (expected === 'failed') {
			expect(result.outcome).toBe('failed');
			expect(errorText(result)).toContain(job.id);
			expect(errorText(result)).toContain('bad input');
			expect(provider.statusCalls).toHaveLength(1);
		} else {
			// A pending status must not end the wait: it runs to the deadline.
			expect(result.outcome).toBe('timedOut');
			expect(provider.statusCalls.length).toBeGreaterThan(3);
			expect(errorText(result)).toContain(job.id);
			expect(errorText(result)).toContain(status);
			expect(errorText(result)).toContain(RESUME_HINT);
		}
	});
});

// ---- Submitting ------------------------------------------------------------------------------------------------

describe('runJobs: submitting', () => {
	it('sends one create per batch of submitBatchSize requests', async () => {
		const provider = new FakeProvider();
		const names = Array.from({ length: 12 }, (_, index) => `v${index}`);
		const { results } = await run(provider, requests(...names));
		expect(provider.submitCalls.map((call) => call.map((request) => request.name))).toEqual([
			names.slice(0, 5),
			names.slice(5, 10),
			names.slice(10),
		]);
		expect(results.every((result) => result.outcome === 'succeeded')).toBe(true);
	});

	it('with Wait for Completion off returns the created jobs without reading any status', async () => {
		const provider = new FakeProvider();
		const { results } = await run(provider, requests('a', 'b'), { waitForCompletion: false });
		expect(provider.statusCalls).toHaveLength(0);
		expect(results.map((result) => result.outcome)).toEqual(['submitted', 'submitted']);
		expect(results.map((result) => result.jobs.map((job) => job.id))).toEqual([
			['job-1'],
			['job-2'],
		]);
	});

	it.each<[string, unknown]>([
		[
			'a dropped connection',
			providerError('connectionLost', 'The connection was lost before Fake answered'),
		],
		['a 5xx answer', providerError('transient', 'Internal error', 502)],
		['a timeout', Object.assign(new Error('timeout of 60000ms exceeded'), { code: 'ETIMEDOUT' })],
		[
			'an unexpected error after sending',
			new TypeError("Cannot read properties of undefined (reading 'list')"),
		],
	])(
		'never retries a create after %s, and says it may have been accepted',
		async (_case, failure) => {
			const provider = new FakeProvider();
			provider.submitFailures.push(failure);
			const { results } = await run(provider, requests('a', 'b', 'c'), {}, { submitBatchSize: 5 });
			expect(provider.submitCalls).toHaveLength(1);
			for (const result of results) {
				expect(result.outcome).toBe('error');
				expect(result.jobs).toEqual([]);
				expect(errorText(result)).toContain('may have been accepted');
				expect(errorText(result)).toContain(LIST_HINT);
				expect(errorText(result)).toContain("so you don't pay twice");
			}
		},
	);

	it('keeps going with other batches after a create that may have been accepted, each sent once', async () => {
		const provider = new FakeProvider();
		provider.submitFailures.push(providerError('transient', 'Bad gateway', 502));
		const { results } = await run(
			provider,
			requests('a', 'b', 'c'),
			{ submitConcurrency: 1 },
			{ submitBatchSize: 1 },
		);
		expect(provider.submitCalls.map((call) => call[0].name)).toEqual(['a', 'b', 'c']);
		expect(results.map((result) => result.outcome)).toEqual(['error', 'succeeded', 'succeeded']);
	});

	it('retries a create refused for rate (not accepted) and creates each job once', async () => {
		const provider = new FakeProvider();
		provider.submitFailures.push(
			providerError('rateLimit', 'Too many requests'),
			providerError('rateLimit'),
		);
		const { results, clock } = await run(provider, requests('a', 'b'));
		expect(provider.submitCalls).toHaveLength(3);
		expect(provider.submitCalls.every((call) => call.map((r) => r.name).join() === 'a,b')).toBe(
			true,
		);
		expect(provider.jobs.size).toBe(2);
		expect(results.map((result) => result.outcome)).toEqual(['succeeded', 'succeeded']);
		// It paused between attempts.
		expect(clock.sleeps.length).toBeGreaterThan(0);
	});

	it('gives up on a create that stays refused for rate, saying nothing was created', async () => {
		const provider = new FakeProvider();
		for (let i = 0; i < 10; i++)
			provider.submitFailures.push(providerError('rateLimit', 'Too many requests'));
		const { results } = await run(provider, requests('a'), { maxCreateAttempts: 3 });
		expect(provider.submitCalls).toHaveLength(3);
		expect(results[0].outcome).toBe('error');
		expect(errorText(results[0])).toContain('was not created');
		expect(errorText(results[0])).not.toContain('may have been accepted');
	});

	it('reports a create the provider refused (4xx) as not created, with its own message', async () => {
		const provider = new FakeProvider();
		provider.submitFailures.push(providerError('permanent', 'avatar_id is invalid', 400));
		const { results } = await run(provider, requests('a'));
		expect(provider.submitCalls).toHaveLength(1);
		expect(results[0].outcome).toBe('error');
		expect(results[0].error).toBeInstanceOf(NodeApiError);
		expect(results[0].error?.message).toContain('avatar_id is invalid');
		expect(errorText(results[0])).not.toContain('may have been accepted');
		expect(results[0].error?.context.itemIndex).toBe(0);
	});

	it('says a create the provider refused was not created, so nothing was charged', async () => {
		const provider = new FakeProvider();
		provider.submitFailures.push(providerError('permanent', 'Invalid parameters', 200));
		const { results } = await run(provider, requests('a'));
		expect(errorText(results[0])).toContain('Invalid parameters');
		expect(errorText(results[0])).toContain('was not created, so nothing was charged');
	});

	it('reports a create whose connection was refused as not created, sent once', async () => {
		const provider = new FakeProvider();
		provider.submitFailures.push(
			providerError('notSent', 'Could not reach Fake'),
			providerError('notSent', 'Could not reach Fake'),
		);
		const { results } = await run(provider, requests('a', 'b'), {}, { submitBatchSize: 1 });
		expect(provider.submitCalls).toHaveLength(2);
		for (const result of results) {
			expect(result.outcome).toBe('error');
			expect(errorText(result)).toContain('Could not reach Fake');
			expect(errorText(result)).toContain(
				'was not created: the request never reached the provider',
			);
			expect(errorText(result)).not.toContain('may have been');
		}
	});

	it('gives each input of a failed batch its own error with its own item index', async () => {
		const provider = new FakeProvider();
		provider.submitFailures.push(providerError('permanent', 'bad request', 400));
		const { results } = await run(provider, [
			{ itemIndex: 3, request: { name: 'a' } },
			{ itemIndex: 7, request: { name: 'b' } },
		]);
		expect(results[0].error).not.toBe(results[1].error);
		expect(results.map((result) => result.error?.context.itemIndex)).toEqual([3, 7]);
	});

	it('fails only the requests the provider refused one by one', async () => {
		const provider = new FakeProvider();
		provider.refusedNames.add('b');
		const { results } = await run(provider, requests('a', 'b', 'c'));
		expect(provider.submitCalls).toHaveLength(1);
		expect(results.map((result) => result.outcome)).toEqual(['succeeded', 'error', 'succeeded']);
		expect(results[1].error?.message).toContain('script of b is invalid');
		expect(results[1].error?.message).toContain('was not created');
	});

	it('treats an answer that cannot be matched to the requests as possibly accepted', async () => {
		const provider = new FakeProvider();
		provider.shortAnswer = true;
		const { results } = await run(provider, requests('a', 'b'));
		expect(provider.submitCalls).toHaveLength(1);
		for (const result of results) {
			expect(result.outcome).toBe('error');
			expect(errorText(result)).toContain('may have been accepted');
		}
	});

	it('treats a create answer without a job id as possibly accepted', async () => {
		const provider = new FakeProvider();
		const { results } = await run(
			provider,
			requests('a'),
			{},
			{ submit: async () => [{ jobIds: [] }] },
		);
		expect(results[0].outcome).toBe('error');
		expect(errorText(results[0])).toContain('may have been accepted');
	});
});

// ---- Waiting ---------------------------------------------------------------------------------------------------

describe('runJobs: waiting', () => {
	it('reads all pending jobs together: ceil(pending / statusBatchSize) status calls per round', async () => {
		const provider = new FakeProvider();
		// 23 jobs finishing after 1 to 6 reads.
		const input = requests(
			...Array.from({ length: 23 }, (_, index) => ({
				name: `v${index}`,
				statuses: [...Array<string>(index % 6).fill('PROCESSING'), 'SUCCESS'],
			})),
		);
		const rounds: Array<{ info: PollRoundInfo; terminalBefore: Set<string>; calls: string[][] }> =
			[];
		provider.onStatusCall = (ids) => rounds[rounds.length - 1].calls.push(ids);
		const { results } = await run(provider, input, {
			onRound: (info) =>
				rounds.push({
					info,
					terminalBefore: new Set(
						[...provider.jobs.keys()].filter((id) => provider.isTerminal(id)),
					),
					calls: [],
				}),
		});

		expect(results.every((result) => result.outcome === 'succeeded')).toBe(true);
		expect(rounds.length).toBeGreaterThanOrEqual(6);
		let previous: string[] = [];
		for (const { info, terminalBefore, calls } of rounds) {
			const polled = calls.flat();
			// Each pending job once, in ceil(pending / 5) calls of at most 5 ids.
			expect(new Set(polled).size).toBe(polled.length);
			expect(polled).toHaveLength(info.pendingJobs);
			expect(calls).toHaveLength(Math.ceil(info.pendingJobs / 5));
			expect(info.statusCalls).toBe(calls.length);
			expect(calls.every((ids) => ids.length <= 5)).toBe(true);
			// Nothing already finished is read again, and nothing still running is left out.
			expect(polled.filter((id) => terminalBefore.has(id))).toEqual([]);
			expect(previous.filter((id) => !terminalBefore.has(id) && !polled.includes(id))).toEqual([]);
			previous = polled;
		}
		expect(new Set(rounds.flatMap((round) => round.calls.flat())).size).toBe(23);
	});

	it('uses single reads where the provider has no batch read', async () => {
		const provider = new FakeProvider();
		const { results } = await run(
			provider,
			requests('a', 'b', 'c'),
			{},
			{ statusBatchSize: 1, submitBatchSize: 1 },
		);
		expect(provider.submitCalls).toHaveLength(3);
		expect(provider.statusCalls.every((ids) => ids.length === 1)).toBe(true);
		expect(results.every((result) => result.outcome === 'succeeded')).toBe(true);
	});

	it('reads a running job every Poll Interval and stops at the deadline, checking one last time at it', async () => {
		const provider = new FakeProvider();
		const readTimes: number[] = [];
		const clock = virtualClock();
		provider.onStatusCall = () => readTimes.push(clock.now());
		const start = clock.now();
		const [result] = await (runJobs<FakeRequest, FakeJob>).call(
			fakeContext(),
			provider.adapter(),
			requests({ name: 'slow', statuses: ['PROCESSING'] }),
			options(clock, { pollIntervalMs: 5_000, timeoutMs: 100_000 }),
		);
		expect(result.outcome).toBe('timedOut');
		// The Poll Interval is the cadence: it does not grow, so a job that finishes is seen within one interval.
		expect(readTimes.map((time) => time - start)).toEqual(
			Array.from({ length: 20 }, (_, index) => (index + 1) * 5_000),
		);
		// Never slept past the deadline; the last read happened exactly at it, and none after.
		expect(readTimes[readTimes.length - 1]).toBe(start + 100_000);
		expect(readTimes.filter((time) => time > start + 100_000)).toEqual([]);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain('Timed out after 100 s');
		expect(result.error?.message).toContain('PROCESSING');
		expect(errorText(result)).toContain(`${RESUME_HINT}: ${result.jobs[0].id}.`);
		expect(result.jobs[0]).toMatchObject({ id: 'job-1', state: 'pending' });
	});

	it('counts each job from its own creation', async () => {
		const provider = new FakeProvider();
		const clock = virtualClock();
		// The second create is refused for rate first, so it is created later than the first.
		let calls = 0;
		const adapter = provider.adapter({ submitBatchSize: 1 });
		const submit = adapter.submit;
		adapter.submit = async (batch) => {
			calls++;
			if (calls === 2) throw providerError('rateLimit');
			return await submit(batch);
		};
		const results = await (runJobs<FakeRequest, FakeJob>).call(
			fakeContext(),
			adapter,
			requests({ name: 'a', statuses: ['PROCESSING'] }, { name: 'b', statuses: ['PROCESSING'] }),
			options(clock, { timeoutMs: 20_000, submitConcurrency: 1 }),
		);
		expect(results.map((result) => result.outcome)).toEqual(['timedOut', 'timedOut']);
		const lastReads = new Map<string, number>();
		provider.statusCalls.forEach((ids, index) => ids.forEach((id) => lastReads.set(id, index)));
		// Job b was created later, so it was still read after job a timed out.
		expect(lastReads.get('job-2')!).toBeGreaterThan(lastReads.get('job-1')!);
	});

	it('slows down on rate-limit answers without using up the failure budget', async () => {
		const provider = new FakeProvider();
		for (let i = 0; i < 6; i++)
			provider.statusFailures.push(providerError('rateLimit', 'Too many requests'));
		const { results } = await run(provider, requests({ name: 'a', statuses: ['SUCCESS'] }), {
			transientFailureBudget: 3,
		});
		expect(provider.statusCalls).toHaveLength(7);
		expect(results[0].outcome).toBe('succeeded');
	});

	it.each<[string, () => unknown]>([
		['5xx answers', () => providerError('transient', 'Service unavailable', 503)],
		['dropped connections', () => providerError('connectionLost', 'socket hang up')],
		['timeouts', () => Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })],
		[
			'malformed bodies',
			() => providerError('transient', 'Unreadable answer for GET /task/get/', 200),
		],
	])('tolerates up to 3 %s in a row per job', async (_case, failure) => {
		const provider = new FakeProvider();
		provider.statusFailures.push(failure(), failure(), failure());
		const { results } = await run(provider, requests({ name: 'a', statuses: ['SUCCESS'] }));
		expect(provider.statusCalls).toHaveLength(4);
		expect(results[0].outcome).toBe('succeeded');
	});

	it('gives up on a job after 4 failed reads in a row, naming it and the next step, and stops reading it', async () => {
		const provider = new FakeProvider();
		for (let i = 0; i < 4; i++)
			provider.statusFailures.push(providerError('transient', 'Service unavailable', 503));
		const { results } = await run(provider, requests({ name: 'a', statuses: ['SUCCESS'] }));
		expect(provider.statusCalls).toHaveLength(4);
		expect(results[0].outcome).toBe('error');
		expect(results[0].error?.message).toContain(
			'Could not read the status of fake video job job-1',
		);
		expect(errorText(results[0])).toContain(`${RESUME_HINT}: job-1.`);
		expect(results[0].jobs.map((job) => job.id)).toEqual(['job-1']);
	});

	it('counts only failures in a row: a good read resets the budget', async () => {
		const provider = new FakeProvider();
		const failure = () => providerError('transient', 'Service unavailable', 503);
		provider.statusFailures.push(
			failure(),
			failure(),
			failure(),
			undefined,
			failure(),
			failure(),
			failure(),
		);
		const { results } = await run(
			provider,
			requests({ name: 'a', statuses: ['PROCESSING', 'PROCESSING', 'SUCCESS'] }),
		);
		expect(results[0].outcome).toBe('succeeded');
	});

	it('treats a job missing from the answer as a failed read', async () => {
		const provider = new FakeProvider();
		provider.omitted.add('job-1');
		const { results } = await run(provider, requests('a', 'b'));
		expect(results.map((result) => result.outcome)).toEqual(['error', 'succeeded']);
		expect(results[0].error?.message).toContain('did not include fake video job job-1');
		expect(provider.statusCalls.filter((ids) => ids.includes('job-1'))).toHaveLength(4);
	});

	it('reads ids one by one when a batched read is refused, so one unknown id fails alone', async () => {
		const provider = new FakeProvider();
		const created = await (runJobs<FakeRequest, FakeJob>).call(
			fakeContext(),
			provider.adapter(),
			requests({ name: 'a', statuses: ['SUCCESS'] }),
			{
				waitForCompletion: false,
				pollIntervalMs: 1_000,
				timeoutMs: 1_000,
			},
		);
		const known = created[0].jobs[0].id;
		provider.unknownIds.add('unknown-id');
		const clock = virtualClock();
		const results = await (waitForJobs<FakeJob>).call(
			fakeContext(),
			provider.adapter(),
			[
				{ itemIndex: 0, jobIds: ['unknown-id'] },
				{ itemIndex: 1, jobIds: [known] },
			],
			{ pollIntervalMs: 1_000, timeoutMs: 60_000, clock },
		);
		expect(provider.statusCalls).toEqual([['unknown-id', known], ['unknown-id'], [known]]);
		expect(results[0].outcome).toBe('error');
		expect(results[0].error).toBeInstanceOf(NodeApiError);
		expect(errorText(results[0])).toContain('unknown-id');
		expect(errorText(results[0])).toContain(RESUME_HINT);
		expect(results[1].outcome).toBe('succeeded');
	});

	it('fails a job the provider reports as failed, with its reason and id', async () => {
		const provider = new FakeProvider();
		const { results } = await run(
			provider,
			requests('ok', {
				name: 'bad',
				statuses: ['PROCESSING', 'FAILED'],
				reason: 'script unreadable',
			}),
		);
		expect(results[0].outcome).toBe('succeeded');
		expect(results[1].outcome).toBe('failed');
		expect(results[1].error?.message).toBe('fake video job job-2 failed: script unreadable');
		expect(results[1].jobs[0]).toMatchObject({ id: 'job-2', state: 'failed' });
	});

	it('waits for every job of a request that makes several', async () => {
		const provider = new FakeProvider();
		const { results } = await run(provider, requests({ name: 'four', jobs: 4 }, 'one'));
		expect(results[0].jobs.map((job) => job.id)).toEqual(['job-1', 'job-2', 'job-3', 'job-4']);
		expect(results[0].jobs.every((job) => job.state === 'succeeded')).toBe(true);
		expect(results[0].outcome).toBe('succeeded');
	});
});

// ---- First read timed by the create answer ---------------------------------------------------------------------

describe('runJobs: first read at the time the create answer gave (firstCheckAfterMs)', () => {
	/** Runs with a virtual clock and records when each status call happened and which ids it read. */
	async function timedRun(
		input: FakeRequest[],
		extra: Partial<RunOptions> = {},
		adapterOverrides: Partial<JobAdapter<FakeRequest, FakeJob>> = {},
	) {
		const provider = new FakeProvider();
		const clock = virtualClock();
		const start = clock.now();
		const reads: Array<[number, string[]]> = [];
		provider.onStatusCall = (ids) => reads.push([clock.now() - start, ids]);
		const results = await (runJobs<FakeRequest, FakeJob>).call(
			fakeContext(),
			provider.adapter({ submitBatchSize: 1, statusBatchSize: 1, ...adapterOverrides }),
			requests(...input),
			options(clock, { pollIntervalMs: 5_000, timeoutMs: 600_000, ...extra }),
		);
		return { provider, results, reads };
	}

	it('reads a job first when the provider said it would be ready, not after the poll interval', async () => {
		const { results, reads } = await timedRun([
			{ name: 'a', statuses: ['SUCCESS'], firstCheckAfterMs: 95_000 },
		]);
		expect(reads).toEqual([[95_000, ['job-1']]]);
		expect(results[0].outcome).toBe('succeeded');
	});

	it('reads each job at its own time, once when it is ready then', async () => {
		const { results, reads } = await timedRun([
			{ name: 'a', statuses: ['SUCCESS'], firstCheckAfterMs: 30_000 },
			{ name: 'b', statuses: ['SUCCESS'], firstCheckAfterMs: 10_000 },
			{ name: 'c', statuses: ['SUCCESS'], firstCheckAfterMs: 20_000 },
		]);
		expect(reads).toEqual([
			[10_000, ['job-2']],
			[20_000, ['job-3']],
			[30_000, ['job-1']],
		]);
		expect(results.map((result) => result.outcome)).toEqual([
			'succeeded',
			'succeeded',
			'succeeded',
		]);
	});

	it('reads it every Poll Interval from that first read when the job is not ready yet', async () => {
		const { results, reads } = await timedRun([
			{
				name: 'a',
				statuses: ['PROCESSING', 'PROCESSING', 'SUCCESS'],
				firstCheckAfterMs: 60_000,
			},
		]);
		expect(reads.map(([time]) => time)).toEqual([60_000, 65_000, 70_000]);
		expect(results[0].outcome).toBe('succeeded');
	});

	it('never reads later than the deadline: an estimate beyond it gives one read at the deadline', async () => {
		const { results, reads } = await timedRun(
			[{ name: 'a', statuses: ['PROCESSING'], firstCheckAfterMs: 3_600_000 }],
			{ timeoutMs: 60_000 },
		);
		expect(reads).toEqual([[60_000, ['job-1']]]);
		expect(results[0].outcome).toBe('timedOut');
		expect(errorText(results[0])).toContain(`${RESUME_HINT}: job-1.`);
	});

	it.each([0, -5_000, Number.NaN])(
		'ignores an estimate of %s and uses the poll interval',
		async (firstCheckAfterMs) => {
			const { reads } = await timedRun([{ name: 'a', statuses: ['SUCCESS'], firstCheckAfterMs }]);
			expect(reads).toEqual([[5_000, ['job-1']]]);
		},
	);

	it('keeps jobs without an estimate on the shared rounds next to jobs with one', async () => {
		const { results, reads } = await timedRun([
			{ name: 'a', statuses: ['PROCESSING', 'SUCCESS'] },
			{ name: 'b', statuses: ['SUCCESS'], firstCheckAfterMs: 40_000 },
		]);
		expect(reads).toEqual([
			[5_000, ['job-1']],
			[10_000, ['job-1']],
			[40_000, ['job-2']],
		]);
		expect(results.map((result) => result.outcome)).toEqual(['succeeded', 'succeeded']);
	});

	it('a job that joins the rounds is still read at its deadline, not after it', async () => {
		// a: no estimate, polled every 5 s; b: ready "at 8 s", still running then, times out at 10 s.
		const { results, reads } = await timedRun(
			[
				{ name: 'a', statuses: ['PROCESSING'] },
				{ name: 'b', statuses: ['PROCESSING'], firstCheckAfterMs: 8_000 },
			],
			{ timeoutMs: 10_000 },
		);
		const readsOfB = reads.filter(([, ids]) => ids.includes('job-2')).map(([time]) => time);
		expect(readsOfB[0]).toBe(8_000);
		expect(readsOfB[readsOfB.length - 1]).toBe(10_000);
		expect(reads.every(([time]) => time <= 10_000)).toBe(true);
		expect(results.map((result) => result.outcome)).toEqual(['timedOut', 'timedOut']);
	});

	it('wakes up for a job created during a long wait whose estimate comes first (real sleep)', async () => {
		const provider = new FakeProvider();
		const adapter = provider.adapter({ submitBatchSize: 1, statusBatchSize: 1 });
		const submit = adapter.submit;
		adapter.submit = async (batch) => {
			// The second create answers later than the first, but its video is ready much sooner.
			if (batch[0].name === 'late') await sleep(30);
			return await submit(batch);
		};
		const results = await (runJobs<FakeRequest, FakeJob>).call(
			fakeContext(),
			adapter,
			requests(
				{ name: 'early', statuses: ['SUCCESS'], firstCheckAfterMs: 400 },
				{ name: 'late', statuses: ['SUCCESS'], firstCheckAfterMs: 20 },
			),
			{ waitForCompletion: true, pollIntervalMs: 5_000, timeoutMs: 60_000, submitConcurrency: 1 },
		);
		expect(provider.statusCalls).toEqual([['job-2'], ['job-1']]);
		expect(results.map((result) => result.outcome)).toEqual(['succeeded', 'succeeded']);
	});

	it('says before a long sleep until the estimate that the jobs will be checked then', async () => {
		const provider = new FakeProvider();
		const lines: string[] = [];
		const context = {
			...fakeContext(),
			logger: { info: (line: string) => isProgressLine(line) && lines.push(line) },
		};
		await (runJobs<FakeRequest, FakeJob>).call(
			context as unknown as JobEngineContext,
			provider.adapter({ submitBatchSize: 1, statusBatchSize: 1 }),
			requests(
				{ name: 'a', statuses: ['SUCCESS'], firstCheckAfterMs: 95_000 },
				{ name: 'b', statuses: ['SUCCESS'], firstCheckAfterMs: 4_000 },
			),
			options(virtualClock(), { submitConcurrency: 1 }),
		);
		// Before the first read, only the long sleep (95 s) is told; the 4 s one is not worth a line. After each read
		// a line says what is left.
		expect(lines[0]).toBe(
			"Video: 0 of 1 fake video job done, 0 failed, 1 still running; 1 of them checked at the provider's estimated finish time; 1 more item being created; next check in 1 min 35 s",
		);
		expect(
			lines.slice(1).every((line) => line.startsWith('Video: 1 of 2 fake video jobs done')),
		).toBe(true);
	});

	it("uses the adapter's own message for a job in the failed state when it has one", async () => {
		const { results } = await timedRun(
			[
				{ name: 'draft', statuses: ['FAILED'] },
				{ name: 'broken', statuses: ['FAILED'], reason: 'render error' },
			],
			{},
			{
				failureMessage: (job, id) =>
					job.name === 'draft'
						? { message: `Video ${id} is still a draft`, description: 'Submit it first.' }
						: undefined,
			},
		);
		expect(results[0].error?.message).toBe('Video job-1 is still a draft');
		expect(results[0].error?.description).toBe('Submit it first.');
		expect(results[1].error?.message).toBe('fake video job job-2 failed: render error');
		expect(results[1].error?.description).toBe('The provider reported the job as failed.');
	});
});

// ---- Order, pairing, stopping -------------------------------------------------------------------------------------

describe('runJobs: progress while waiting', () => {
	/** Runs 4 jobs whose creates answer one after the other (the first at once, the others after the first line). */
	async function fourJobsCreatedOneByOne(pollIntervalMs: number) {
		const provider = new FakeProvider(CREATIFY_JOB_STATUSES);
		const lines: string[] = [];
		let releaseOthers = () => {};
		const othersMayAnswer = new Promise<void>((resolve) => (releaseOthers = resolve));
		const adapter = provider.adapter({ submitBatchSize: 1, statusBatchSize: 100 });
		const submit = adapter.submit;
		adapter.submit = async (batch) => {
			if (batch[0].name !== 'a') await othersMayAnswer;
			return await submit(batch);
		};
		const logger = {
			info: (line: string) => {
				if (!isProgressLine(line)) return;
				lines.push(line);
				releaseOthers();
			},
		};
		const results = await (runJobs<FakeRequest, FakeJob>).call(
			{ ...fakeContext(), logger } as unknown as JobEngineContext,
			adapter,
			requests(...['a', 'b', 'c', 'd'].map((name) => ({ name, statuses: ['running', 'done'] }))),
			options(virtualClock(), { pollIntervalMs }),
		);
		return { lines, results };
	}

	it('counts the items still being created, not only the jobs created so far', async () => {
		// Four Creatify videos, the first one created: the old line said "1 of 1 … still running; 0 will be checked
		// when the provider estimated them done" while four were on their way.
		const { lines, results } = await fourJobsCreatedOneByOne(10_000);
		expect(lines[0]).toBe(
			'Video: 0 of 1 fake video job done, 0 failed, 1 still running; 3 more items being created; next check in 10 s',
		);
		expect(lines.filter((line) => line.includes('estimated'))).toEqual([]);
		expect(results.map((result) => result.outcome)).toEqual([
			'succeeded',
			'succeeded',
			'succeeded',
			'succeeded',
		]);
	});

	it('says after each round how many jobs are done, failed and still running, and when the next check is', async () => {
		const provider = new FakeProvider(CREATIFY_JOB_STATUSES);
		const lines: string[] = [];
		const logger = { info: (line: string) => isProgressLine(line) && lines.push(line) };
		await (runJobs<FakeRequest, FakeJob>).call(
			{ ...fakeContext(), logger } as unknown as JobEngineContext,
			provider.adapter({ statusBatchSize: 100 }),
			requests(
				{ name: 'a', statuses: ['done'] },
				{ name: 'b', statuses: ['failed'] },
				{ name: 'c', statuses: ['running', 'done'] },
				{ name: 'd', statuses: ['running', 'running', 'done'] },
			),
			options(virtualClock(), { pollIntervalMs: 5_000 }),
		);
		// No line once nothing is left to wait for.
		expect(lines).toEqual([
			'Video: 1 of 4 fake video jobs done, 1 failed, 2 still running; next check in 5 s',
			'Video: 2 of 4 fake video jobs done, 1 failed, 1 still running; next check in 5 s',
		]);
	});
});

describe("runJobs: rounds spaced out for the provider's limits", () => {
	const TIKTOK_LIKE = {
		provider: 'TikTok',
		limits: [
			{ limit: 10, intervalMs: 1_000 },
			{ limit: 600, intervalMs: 60_000 },
		],
	};

	async function spacedRun(count: number, pollIntervalMs: number) {
		const provider = new FakeProvider();
		const clock = virtualClock();
		const start = clock.now();
		const rounds: Array<{ at: number; calls: number }> = [];
		const hints: string[] = [];
		const context = {
			...fakeContext(),
			addExecutionHints: (...added: Array<{ message: string }>) =>
				hints.push(...added.map((hint) => hint.message)),
		};
		const results = await (runJobs<FakeRequest, FakeJob>).call(
			context as unknown as JobEngineContext,
			provider.adapter({ readLimits: TIKTOK_LIKE }),
			requests(
				...Array.from({ length: count }, (_, index) => ({
					name: `v${index}`,
					statuses: ['PROCESSING', 'PROCESSING', 'PROCESSING', 'SUCCESS'],
				})),
			),
			options(clock, {
				pollIntervalMs,
				onRound: (info) => rounds.push({ at: clock.now() - start, calls: info.statusCalls }),
			}),
		);
		addProgressHints(context);
		return { results, rounds, hints };
	}

	it('keeps the Poll Interval while a round fits half of the limits', async () => {
		// 50 jobs: at most 10 calls a round, 1 per second at a 10 s interval.
		const { results, rounds, hints } = await spacedRun(50, 10_000);
		expect(results.every((result) => result.outcome === 'succeeded')).toBe(true);
		for (let index = 1; index < rounds.length; index++) {
			expect(rounds[index].at - rounds[index - 1].at).toBe(10_000);
		}
		// Each job read 4 times (3 × PROCESSING, then SUCCESS), 5 per call.
		expect(rounds.reduce((sum, round) => sum + round.calls, 0)).toBe((50 * 4) / 5);
		expect(hints.some((hint) => hint.startsWith('Checked every'))).toBe(false);
	});

	it('spaces rounds so that their calls stay within half of each limit, and says so in a hint', async () => {
		// 200 jobs: 40 calls a round; at half of 10 per second they need 8 s, more than the 1 s Poll Interval.
		const { results, rounds, hints } = await spacedRun(200, 1_000);
		expect(results.every((result) => result.outcome === 'succeeded')).toBe(true);
		for (let index = 1; index < rounds.length; index++) {
			const gap = rounds[index].at - rounds[index - 1].at;
			expect(gap).toBeGreaterThanOrEqual((rounds[index].calls / 5) * 1_000);
		}
		expect(Math.max(...rounds.map((round) => round.calls))).toBe(40);
		expect(hints).toContain(
			"Checked every 8 s instead of every 1 s (Poll Interval) while 40 status calls a round were needed: reads use at most half of TikTok's limit of 10 requests per second, the rest is left for creates and other runs",
		);
		expect(hints).toContainEqual(
			expect.stringMatching(/^200 fake video jobs: 200 done, 0 failed; slowest \d+ s$/),
		);
	});
});

describe('runJobs: order and pairing', () => {
	it('returns one result per input, in input order, with its item index and its own jobs', async () => {
		const provider = new FakeProvider();
		// Later inputs finish first; item indexes skip inputs that failed validation before the engine.
		const itemIndexes = [0, 2, 3, 5, 8, 9, 13];
		const input = itemIndexes.map((itemIndex, position) => ({
			itemIndex,
			request: {
				name: `item-${itemIndex}`,
				statuses: [...Array<string>(itemIndexes.length - position).fill('PROCESSING'), 'SUCCESS'],
			},
		}));
		const { results } = await run(
			provider,
			input,
			{ submitConcurrency: 3 },
			{ submitBatchSize: 2 },
		);
		expect(results.map((result) => result.itemIndex)).toEqual(itemIndexes);
		for (const result of results) {
			expect(result.jobs).toHaveLength(1);
			expect(result.jobs[0].job?.name).toBe(`item-${result.itemIndex}`);
		}
	});

	it('never drops an input, whatever happened to it', async () => {
		const provider = new FakeProvider();
		provider.refusedNames.add('refused');
		const { results } = await run(
			provider,
			requests(
				'ok',
				'refused',
				{ name: 'failing', statuses: ['FAILED'] },
				{ name: 'slow', statuses: ['PROCESSING'] },
			),
			{ timeoutMs: 30_000 },
		);
		expect(results.map((result) => [result.itemIndex, result.outcome])).toEqual([
			[0, 'succeeded'],
			[1, 'error'],
			[2, 'failed'],
			[3, 'timedOut'],
		]);
		// Failed inputs keep the job ids already created.
		expect(results[2].jobs.map((job) => job.id)).toHaveLength(1);
		expect(results[3].jobs.map((job) => job.id)).toHaveLength(1);
	});
});

describe('runJobs: stopping at the first failure (no Continue On Fail)', () => {
	it('sends no further creates after a failure and reports the rest as stopped', async () => {
		const provider = new FakeProvider();
		provider.refusedNames.add('b');
		const { results } = await run(
			provider,
			requests('a', 'b', 'c', 'd'),
			{ stopOnFirstError: true, submitConcurrency: 1 },
			{ submitBatchSize: 2 },
		);
		expect(provider.submitCalls).toHaveLength(1);
		expect(results.map((result) => result.outcome)).toEqual([
			'stopped',
			'error',
			'stopped',
			'stopped',
		]);
		expect(results[2].error?.message).toContain('was not created');
	});

	it('throwFirstFailure throws the first failure with every job id created by the run', async () => {
		const provider = new FakeProvider();
		const { results } = await run(
			provider,
			requests(
				'a',
				{ name: 'b', statuses: ['FAILED'], reason: 'no voice' },
				{ name: 'c', statuses: ['PROCESSING'] },
			),
			{ stopOnFirstError: true },
		);
		const adapter = provider.adapter();
		let thrown: unknown;
		try {
			throwFirstFailure.call(fakeContext(), results, adapter);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(NodeOperationError);
		const error = thrown as NodeOperationError;
		expect(error.message).toContain('job-2 failed: no voice');
		expect(error.description).toContain('job-1');
		expect(error.description).toContain('job-3');
		expect(error.description).toContain(RESUME_HINT);
	});

	it('throwFirstFailure returns quietly when every input succeeded', async () => {
		const provider = new FakeProvider();
		const { results } = await run(provider, requests('a', 'b'));
		expect(() => throwFirstFailure.call(fakeContext(), results, provider.adapter())).not.toThrow();
	});
});

// ---- Cancellation ----------------------------------------------------------------------------------------------

describe('runJobs: cancellation', () => {
	it('stops reading as soon as the run is cancelled and lists the jobs already created', async () => {
		const provider = new FakeProvider();
		const controller = new AbortController();
		provider.onStatusCall = () => {
			if (provider.statusCalls.length === 2) controller.abort();
		};
		const promise = run(
			provider,
			requests({ name: 'a', statuses: ['PROCESSING'] }),
			{},
			{},
			controller.signal,
		);
		await expect(promise).rejects.toBeInstanceOf(NodeOperationError);
		await expect(promise).rejects.toMatchObject({ description: expect.stringContaining('job-1') });
		expect(provider.statusCalls).toHaveLength(2);
	});

	it('sends no further creates once the run is cancelled', async () => {
		const provider = new FakeProvider();
		const controller = new AbortController();
		provider.onSubmitCall = () => controller.abort();
		const promise = run(
			provider,
			requests('a', 'b', 'c'),
			{ submitConcurrency: 1 },
			{ submitBatchSize: 1 },
			controller.signal,
		);
		await expect(promise).rejects.toBeInstanceOf(NodeOperationError);
		expect(provider.submitCalls).toHaveLength(1);
	});

	it('interrupts a long wait (real sleep)', async () => {
		const provider = new FakeProvider();
		const controller = new AbortController();
		// Cancel shortly after the start, while the engine waits its 10-minute poll interval.
		void sleep(20).then(() => controller.abort());
		const promise = (runJobs<FakeRequest, FakeJob>).call(
			fakeContext(controller.signal),
			provider.adapter(),
			requests({ name: 'a', statuses: ['PROCESSING'] }),
			{ waitForCompletion: true, pollIntervalMs: 600_000, timeoutMs: 3_600_000 },
		);
		await expect(promise).rejects.toBeInstanceOf(NodeOperationError);
		await expect(promise).rejects.toMatchObject({ description: expect.stringContaining('job-1') });
		expect(provider.submitCalls).toHaveLength(1);
		expect(provider.statusCalls).toHaveLength(0);
	});
});

// ---- Waiting on existing ids -------------------------------------------------------------------------------------

describe('waitForJobs', () => {
	async function createJobs(provider: FakeProvider, input: FakeRequest[]) {
		const results = await (runJobs<FakeRequest, FakeJob>).call(
			fakeContext(),
			provider.adapter(),
			requests(...input),
			{
				waitForCompletion: false,
				pollIntervalMs: 1_000,
				timeoutMs: 1_000,
			},
		);
		return results.map((result) => result.jobs[0].id);
	}

	it('waits for existing ids and returns one result per target in order', async () => {
		const provider = new FakeProvider();
		const [a, b] = await createJobs(provider, [
			{ name: 'a', statuses: ['PROCESSING', 'PROCESSING', 'SUCCESS'] },
			{ name: 'b', statuses: ['SUCCESS'] },
		]);
		const clock = virtualClock();
		const results = await (waitForJobs<FakeJob>).call(
			fakeContext(),
			provider.adapter(),
			[
				{ itemIndex: 0, jobIds: [a] },
				{ itemIndex: 1, jobIds: [b] },
			],
			{ pollIntervalMs: 1_000, timeoutMs: 60_000, clock },
		);
		expect(results.map((result) => [result.itemIndex, result.outcome, result.jobs[0].id])).toEqual([
			[0, 'succeeded', a],
			[1, 'succeeded', b],
		]);
		expect(provider.submitCalls).toHaveLength(1);
	});

	it('reads an id shared by several inputs once per round', async () => {
		const provider = new FakeProvider();
		const [a] = await createJobs(provider, [{ name: 'a', statuses: ['PROCESSING', 'SUCCESS'] }]);
		const clock = virtualClock();
		const results = await (waitForJobs<FakeJob>).call(
			fakeContext(),
			provider.adapter(),
			[
				{ itemIndex: 0, jobIds: [a] },
				{ itemIndex: 1, jobIds: [a] },
			],
			{ pollIntervalMs: 1_000, timeoutMs: 60_000, clock },
		);
		expect(provider.statusCalls).toEqual([[a], [a]]);
		expect(results.map((result) => result.outcome)).toEqual(['succeeded', 'succeeded']);
	});

	it('readJobsOnce reads each job once, whatever its status', async () => {
		const provider = new FakeProvider();
		const [running, failed, flaky] = await createJobs(provider, [
			{ name: 'a', statuses: ['PROCESSING'] },
			{ name: 'b', statuses: ['FAILED'], reason: 'bad' },
			{ name: 'c', statuses: ['SUCCESS'] },
		]);
		provider.statusFailures.push(providerError('transient', 'Service unavailable', 503));
		const clock = virtualClock();
		const results = await (readJobsOnce<FakeJob>).call(
			fakeContext(),
			provider.adapter({ statusBatchSize: 1 }),
			[running, failed, flaky].map((id, itemIndex) => ({ itemIndex, jobIds: [id] })),
			{ clock },
		);
		expect(results.map((result) => result.outcome)).toEqual(['read', 'read', 'read']);
		expect(results.map((result) => result.error)).toEqual([undefined, undefined, undefined]);
		expect(results.map((result) => result.jobs[0].job?.status)).toEqual([
			'PROCESSING',
			'FAILED',
			'SUCCESS',
		]);
		// One read each, plus one retry for the read that failed.
		expect(provider.statusCalls).toHaveLength(4);
	});

	it('readJobsOnce: an id the answer leaves out is not found after one call, with the adapter message', async () => {
		const provider = new FakeProvider();
		const [known] = await createJobs(provider, [{ name: 'a', statuses: ['PROCESSING'] }]);
		provider.omitted.add('gone');
		const clock = virtualClock();
		const adapter = {
			...provider.adapter(),
			notFound: (id: string) => ({ message: `No fake task ${id}`, description: 'Check the ID.' }),
		};
		const results = await (readJobsOnce<FakeJob>).call(
			fakeContext(),
			adapter,
			[
				{ itemIndex: 0, jobIds: ['gone'] },
				{ itemIndex: 1, jobIds: [known] },
			],
			{ clock },
		);
		expect(provider.statusCalls).toEqual([['gone', known]]);
		expect(clock.sleeps).toEqual([]);
		expect(results[0].outcome).toBe('error');
		expect(results[0].error?.message).toBe('No fake task gone');
		expect(results[1].outcome).toBe('read');
	});

	it('readJobsOnce reads ids one by one when a batched read is refused as a whole', async () => {
		const provider = new FakeProvider();
		const [known] = await createJobs(provider, [{ name: 'a', statuses: ['SUCCESS'] }]);
		provider.unknownIds.add('unknown-id');
		const results = await (readJobsOnce<FakeJob>).call(
			fakeContext(),
			provider.adapter(),
			[
				{ itemIndex: 0, jobIds: ['unknown-id'] },
				{ itemIndex: 1, jobIds: [known] },
			],
			{ clock: virtualClock() },
		);
		expect(provider.statusCalls).toEqual([['unknown-id', known], ['unknown-id'], [known]]);
		expect(results[0].outcome).toBe('error');
		expect(results[0].error).toBeInstanceOf(NodeApiError);
		expect(results[1].outcome).toBe('read');
	});

	it('reads existing ids at once, but new jobs only one poll interval after creation', async () => {
		const provider = new FakeProvider();
		const clock = virtualClock();
		const readTimes: number[] = [];
		provider.onStatusCall = () => readTimes.push(clock.now());
		const start = clock.now();
		await (runJobs<FakeRequest, FakeJob>).call(
			fakeContext(),
			provider.adapter(),
			requests({ name: 'a', statuses: ['SUCCESS'] }),
			options(clock, { pollIntervalMs: 5_000 }),
		);
		expect(readTimes).toEqual([start + 5_000]);

		readTimes.length = 0;
		const resumedAt = clock.now();
		await (waitForJobs<FakeJob>).call(
			fakeContext(),
			provider.adapter(),
			[{ itemIndex: 0, jobIds: ['job-1'] }],
			{
				pollIntervalMs: 5_000,
				timeoutMs: 60_000,
				clock,
			},
		);
		expect(readTimes).toEqual([resumedAt]);
	});

	it('times out with the ids and the next step', async () => {
		const provider = new FakeProvider();
		const [a] = await createJobs(provider, [{ name: 'a', statuses: ['PROCESSING'] }]);
		const clock = virtualClock();
		const [result] = await (waitForJobs<FakeJob>).call(
			fakeContext(),
			provider.adapter(),
			[{ itemIndex: 0, jobIds: [a] }],
			{ pollIntervalMs: 1_000, timeoutMs: 10_000, clock },
		);
		expect(result.outcome).toBe('timedOut');
		expect(errorText(result)).toContain(`${RESUME_HINT}: ${a}.`);
	});
});

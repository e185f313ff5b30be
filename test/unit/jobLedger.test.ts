import { NodeOperationError, sleep } from 'n8n-workflow';

import { providerApiError } from '../../nodes/shared/errors';
import type { JobAdapter, JobEngineContext, RunOptions } from '../../nodes/shared/jobEngine';
import { runJobs } from '../../nodes/shared/jobEngine';
import type { LedgerStore } from '../../nodes/shared/jobLedger';
import {
	JobLedger,
	LEDGER_MAX_ENTRIES,
	ledgerKey,
	n8nLedgerStore,
	QUESTIONS_PER_CALL,
} from '../../nodes/shared/jobLedger';
import { deduplicationHelpers, MemoryDeduplicator } from '../helpers/deduplicationStore';
import { fakeNode } from '../helpers/fakeNode';

const NODE = fakeNode({ name: 'Avatar' });

function ledgerOver(deduplicator = new MemoryDeduplicator(), nodeId = 'node-1') {
	const store = n8nLedgerStore(deduplicationHelpers(deduplicator, { nodeId })) as LedgerStore;
	return {
		deduplicator,
		store,
		ledger: new JobLedger(store, () => new Date('2026-12-06T10:00:00Z')),
	};
}

describe('the ledger of paid jobs', () => {
	it('reads back the job IDs and claim time it recorded, and leaves no trace of its questions', async () => {
		const { deduplicator, ledger } = ledgerOver();
		const claim = { key: ledgerKey('avatarVideo.create', { script: 'Hi' }), slot: 1 };
		await ledger.claim([claim]);
		await ledger.record([{ ...claim, jobIds: ['7339000000000000001'] }]);
		const recorded = deduplicator.size;

		const [found] = await ledger.lookup([claim.key]);
		expect(found.latest).toEqual({
			number: 1,
			claimedAt: new Date('2026-12-06T10:00:00Z'),
			jobIds: ['7339000000000000001'],
		});
		expect(found.previous).toBeUndefined();
		expect(found.nextSlot).toBe(2);
		// Asking records in n8n's store; the ledger removes what it asked and did not find.
		expect(deduplicator.size).toBe(recorded);
	});

	it('finds nothing for a new item, and nothing stays behind', async () => {
		const { deduplicator, ledger } = ledgerOver();
		const [found] = await ledger.lookup([ledgerKey('video.create', { title: 'new' })]);
		expect(found).toEqual({ key: expect.any(String), nextSlot: 1 });
		expect(deduplicator.size).toBe(0);
	});

	it('keeps several job IDs per item and several payments per identity, newest last', async () => {
		const { ledger } = ledgerOver();
		const key = ledgerKey('refreshTask.create', { video: 'https://example.com/ad.mp4' });
		await ledger.claim([{ key, slot: 1 }]);
		await ledger.record([{ key, slot: 1, jobIds: ['a1', 'a2', 'a3', 'a4'] }]);
		await ledger.claim([{ key, slot: 2 }]);
		await ledger.record([{ key, slot: 2, jobIds: ['b1'] }]);
		const [found] = await ledger.lookup([key]);
		expect(found.latest?.jobIds).toEqual(['b1']);
		expect(found.previous?.jobIds).toEqual(['a1', 'a2', 'a3', 'a4']);
		expect(found.nextSlot).toBe(3);
	});

	it('tells a create whose answer never came (claim without job IDs) from a refused one (released)', async () => {
		const { deduplicator, ledger } = ledgerOver();
		const unanswered = { key: ledgerKey('video.create', { n: 1 }), slot: 1 };
		const refused = { key: ledgerKey('video.create', { n: 2 }), slot: 1 };
		await ledger.claim([unanswered, refused]);
		await ledger.release([refused]);
		const [first, second] = await ledger.lookup([unanswered.key, refused.key]);
		expect(first.latest).toEqual({ number: 1, claimedAt: expect.any(Date) });
		expect(second).toEqual({ key: refused.key, nextSlot: 1 });
		// Only the unanswered claim is left in the store.
		const again = ledgerOver(deduplicator);
		expect((await again.ledger.lookup([refused.key]))[0].latest).toBeUndefined();
	});

	it('is scoped to the workflow node: another node with the same request finds nothing', async () => {
		const deduplicator = new MemoryDeduplicator();
		const first = ledgerOver(deduplicator, 'node-1');
		const key = ledgerKey('video.create', { title: 'same' });
		await first.ledger.claim([{ key, slot: 1 }]);
		await first.ledger.record([{ key, slot: 1, jobIds: ['v1'] }]);
		const other = ledgerOver(deduplicator, 'node-2');
		expect((await other.ledger.lookup([key]))[0].latest).toBeUndefined();
	});

	it('ignores what a lookup cut short by a crash left behind, and never reads a damaged value as a job', async () => {
		const { deduplicator, store, ledger } = ledgerOver();
		const key = ledgerKey('video.create', { title: 'x' });
		await ledger.claim([{ key, slot: 1 }]);
		await ledger.record([{ key, slot: 1, jobIds: ['vid_123'] }]);
		// A lookup that recorded its questions and crashed before removing them.
		const crashing = new JobLedger({ ...store, remove: async () => {} });
		await crashing.lookup([key, ledgerKey('video.create', { title: 'other' })]);

		const [damaged, untouched] = await ledger.lookup([
			key,
			ledgerKey('video.create', { title: 'other' }),
		]);
		// Every half-byte it asked about now reads as all 16 values: a payment that cannot be read, never a wrong
		// job and never "nothing paid".
		expect(damaged.latest).toEqual({ number: 1, unreadable: true });
		// The slot markers it asked about carry no claim time: not payments.
		expect(untouched.latest).toBeUndefined();
		expect(untouched.nextSlot).toBe(1);
		expect(deduplicator.calls).toBeGreaterThan(0);
	});

	it('reads back each kind of job ID exactly, in as few entries as its kind allows', async () => {
		const shapes: Array<[string, string[], number]> = [
			// TikTok task: one entry per digit.
			['TikTok task', ['7339000000000000001'], 34],
			[
				'refresh task of four videos',
				['7339000000000000001', '7339000000000000002', '0042', '7'],
				61,
			],
			// Creatify and Genviral: 32 entries per UUID.
			['UUID', ['7cf3c256-32b9-4409-93fb-000000000001'], 47],
			// Anything else as text: two entries per byte.
			['upper-case UUID', ['7CF3C256-32B9-4409-93FB-000000000001'], 87],
			['text', ['vid_abc', 'ünïcode-✓'], 57],
		];
		for (const [shape, jobIds, entries] of shapes) {
			const { deduplicator, ledger } = ledgerOver();
			const claim = { key: ledgerKey('video.create', { shape }), slot: 1 };
			await ledger.claim([claim]);
			await ledger.record([{ ...claim, jobIds }]);
			expect([shape, deduplicator.size]).toEqual([shape, entries]);
			const [found] = await ledger.lookup([claim.key]);
			expect([shape, found.latest?.jobIds]).toEqual([shape, jobIds]);
			expect(deduplicator.size).toBe(entries);
		}
	});

	it('reads back a Retry of 300 items from a nearly full list, never pushing a record out and never asking much at once', async () => {
		const { deduplicator, ledger } = ledgerOver();
		const taskId = (n: number) => `7339${String(n).padStart(15, '0')}`;
		const keyOf = (n: number) => ledgerKey('avatarVideo.create', { script: `script ${n}` });
		// 1,400 earlier jobs fill the node's list to 47,600 of its 50,000 entries.
		for (let first = 0; first < 1_400; first += 100) {
			const claims = Array.from({ length: 100 }, (_, k) => ({ key: keyOf(first + k), slot: 1 }));
			await ledger.claim(claims);
			await ledger.record(claims.map((claim, k) => ({ ...claim, jobIds: [taskId(first + k)] })));
		}
		const recorded = deduplicator.size;
		expect(recorded).toBeGreaterThan(LEDGER_MAX_ENTRIES - 3_000);
		deduplicator.largestCall = 0;

		const retried = Array.from({ length: 300 }, (_, k) => 1_100 + k);
		const found = await ledger.lookup(retried.map(keyOf));
		expect(found.map((entry) => entry.latest?.jobIds)).toEqual(retried.map((n) => [taskId(n)]));
		// Asking would have pushed the oldest records out of n8n's list if questions were trimmed like records.
		expect(deduplicator.size).toBe(recorded);
		expect((await ledger.lookup([keyOf(0)]))[0].latest?.jobIds).toEqual([taskId(0)]);
		expect(deduplicator.largestCall).toBeLessThanOrEqual(QUESTIONS_PER_CALL);
	});

	it('identifies a request by its content, whatever the order of its fields', () => {
		expect(ledgerKey('a.b', { x: 1, y: [1, { p: 2, q: 3 }] })).toBe(
			ledgerKey('a.b', { y: [1, { q: 3, p: 2 }], x: 1 }),
		);
		expect(ledgerKey('a.b', { x: 1 })).not.toBe(ledgerKey('a.c', { x: 1 }));
		expect(ledgerKey('a.b', { x: 1 })).not.toBe(ledgerKey('a.b', { x: 2 }));
	});
});

// ---- The engine with the ledger: what a later execution of the same node does --------------------------------------

interface Request {
	script: string;
}
interface Job {
	id: string;
	status: string;
}

/** A provider whose jobs finish at the first read with the status set for their script (default SUCCESS). */
class Provider {
	private sequence = 0;
	creates = 0;
	readonly jobs = new Map<string, Job>();
	readonly finalStatus = new Map<string, string>();
	/** Thrown by the next create call. */
	nextCreateFailure?: unknown;
	refuse = new Set<string>();

	adapter(): JobAdapter<Request, Job> {
		return {
			jobLabel: 'avatar task',
			submitBatchSize: 5,
			statusBatchSize: 5,
			submit: async (requests) => {
				const failure = this.nextCreateFailure;
				this.nextCreateFailure = undefined;
				if (failure) throw failure;
				return requests.map((request) => {
					if (this.refuse.has(request.script)) return { error: 'script refused' };
					this.creates++;
					const id = `task-${++this.sequence}`;
					this.jobs.set(id, { id, status: this.finalStatus.get(request.script) ?? 'SUCCESS' });
					return { jobIds: [id] };
				});
			},
			fetchStatuses: async (ids) =>
				ids.flatMap((id) => (this.jobs.has(id) ? [this.jobs.get(id)!] : [])),
			jobId: (job) => job.id,
			state: (job) =>
				job.status === 'SUCCESS' ? 'succeeded' : job.status === 'FAILED' ? 'failed' : 'pending',
			failureReason: () => 'render failed',
			resumeHint: 'Run "Avatar Video → Get" with Wait for Completion on',
			listHint: '"Avatar Video → Get Many"',
		};
	}
}

const context: JobEngineContext = {
	getNode: () => NODE,
	getExecutionCancelSignal: () => undefined,
};

function runOptions(ledger: JobLedger, extra: Partial<RunOptions> = {}): RunOptions {
	return {
		waitForCompletion: true,
		pollIntervalMs: 1,
		timeoutMs: 60_000,
		clock: { now: () => Date.now(), sleep: async () => {} },
		reuse: {
			ledger,
			reusePaidJobs: true,
			windowMs: 24 * 3_600_000,
			operation: 'avatarVideo.create',
		},
		...extra,
	};
}

const scripts = (...names: string[]) =>
	names.map((script, itemIndex) => ({ itemIndex, request: { script } }));

describe('runJobs across executions', () => {
	it('picks up every job a failed execution paid for instead of paying again (Retry)', async () => {
		const provider = new Provider();
		const { ledger } = ledgerOver();
		provider.finalStatus.set('c', 'FAILED');
		const first = await runJobs.call(
			context,
			provider.adapter(),
			scripts('a', 'b', 'c'),
			runOptions(ledger),
		);
		expect(first.map((result) => result.outcome)).toEqual(['succeeded', 'succeeded', 'failed']);
		expect(provider.creates).toBe(3);

		// The Retry: same node, same input. Items 0 and 1 are picked up; item 2's job failed, so it is paid again once.
		const retry = await runJobs.call(
			context,
			provider.adapter(),
			scripts('a', 'b', 'c'),
			runOptions(ledger),
		);
		expect(provider.creates).toBe(4);
		expect(retry[0]).toMatchObject({
			outcome: 'succeeded',
			reused: { createdAt: expect.any(Date) },
		});
		expect(retry[0].jobs.map((job) => job.id)).toEqual(first[0].jobs.map((job) => job.id));
		expect(retry[1].reused).toBeDefined();
		expect(retry[2].reused).toBeUndefined();

		// A third run does not pay a third time for the script that keeps failing: it reports the failure.
		const third = await runJobs.call(
			context,
			provider.adapter(),
			scripts('a', 'b', 'c'),
			runOptions(ledger),
		);
		expect(provider.creates).toBe(4);
		expect(third[2]).toMatchObject({ outcome: 'failed', reused: expect.anything() });
	});

	it('does not pay again for a create whose answer was lost, and says what to do', async () => {
		const provider = new Provider();
		const { ledger } = ledgerOver();
		provider.nextCreateFailure = providerApiError(NODE, {
			provider: 'TikTok',
			message: 'socket hang up',
			kind: 'connectionLost',
		});
		const first = await runJobs.call(context, provider.adapter(), scripts('a'), runOptions(ledger));
		expect(first[0].outcome).toBe('error');

		const retry = await runJobs.call(context, provider.adapter(), scripts('a'), runOptions(ledger));
		expect(provider.creates).toBe(0);
		expect(retry[0].error).toBeInstanceOf(NodeOperationError);
		expect(retry[0].error?.message).toMatch(
			/stopped before the provider answered: the avatar task may have been paid for/,
		);
		expect(retry[0].error?.description).toMatch(/Reuse Paid Jobs off/);

		// Reuse off: the user chooses to pay; the new job is recorded and picked up by the next run.
		await runJobs.call(
			context,
			provider.adapter(),
			scripts('a'),
			runOptions(ledger, {
				reuse: { ledger, reusePaidJobs: false, windowMs: 0, operation: 'avatarVideo.create' },
			}),
		);
		expect(provider.creates).toBe(1);
		const after = await runJobs.call(context, provider.adapter(), scripts('a'), runOptions(ledger));
		expect(provider.creates).toBe(1);
		expect(after[0]).toMatchObject({ outcome: 'succeeded', reused: expect.anything() });
	});

	it('creates again what the provider refused (nothing was paid)', async () => {
		const provider = new Provider();
		const { ledger } = ledgerOver();
		provider.refuse.add('a');
		const first = await runJobs.call(context, provider.adapter(), scripts('a'), runOptions(ledger));
		expect(first[0].outcome).toBe('error');
		provider.refuse.clear();
		const retry = await runJobs.call(context, provider.adapter(), scripts('a'), runOptions(ledger));
		expect(provider.creates).toBe(1);
		expect(retry[0]).toMatchObject({ outcome: 'succeeded' });
		expect(retry[0].reused).toBeUndefined();
	});

	it('records every create when several are sent at once (n8n rewrites the whole list on each call)', async () => {
		const provider = new Provider();
		const { ledger } = ledgerOver();
		const adapter = { ...provider.adapter(), submitBatchSize: 1 };
		await runJobs.call(
			context,
			adapter,
			scripts('a', 'b', 'c', 'd'),
			runOptions(ledger, { submitConcurrency: 4 }),
		);
		expect(provider.creates).toBe(4);
		const retry = await runJobs.call(
			context,
			adapter,
			scripts('a', 'b', 'c', 'd'),
			runOptions(ledger),
		);
		expect(provider.creates).toBe(4);
		expect(retry.map((result) => result.reused !== undefined)).toEqual([true, true, true, true]);
	});

	it('writes the claims and records that wait for the store together, in one call each', async () => {
		const provider = new Provider();
		const { deduplicator, ledger } = ledgerOver();
		const adapter = { ...provider.adapter(), submitBatchSize: 1 };
		const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
		await runJobs.call(
			context,
			adapter,
			scripts(...names),
			runOptions(ledger, { submitConcurrency: 8 }),
		);
		// The lookup asks and cleans up (2 calls); the eight claims go in one write, the eight records in another.
		expect(deduplicator.calls).toBe(4);
		const retry = await runJobs.call(context, adapter, scripts(...names), runOptions(ledger));
		expect(provider.creates).toBe(8);
		expect(retry.every((result) => result.reused !== undefined)).toBe(true);
	});

	it('writes each record in the same call as the next claim when creates are paced by a rate limit', async () => {
		const provider = new Provider();
		const { deduplicator, ledger } = ledgerOver();
		// Creates leave one by one, 5 ms apart, as a rate limit spaces them; 4 wait at a time.
		let nextSend = 0;
		const paced = provider.adapter();
		const adapter: JobAdapter<Request, Job> = {
			...paced,
			submitBatchSize: 1,
			submit: async (requests) => {
				nextSend = Math.max(Date.now(), nextSend + 5);
				await sleep(Math.max(0, nextSend - Date.now()));
				return await paced.submit(requests);
			},
		};
		const names = Array.from({ length: 20 }, (_, index) => `paced ${index}`);
		await runJobs.call(
			context,
			adapter,
			scripts(...names),
			runOptions(ledger, { submitConcurrency: 4 }),
		);
		expect(provider.creates).toBe(20);
		// The lookup asks and cleans up (2 calls); then one write per create at most: the first claims, then each
		// record with the claim that follows it (a write per record and per claim would be 40).
		expect(deduplicator.calls).toBeLessThanOrEqual(2 + 20 + 1);
	});

	it('keeps two identical inputs of one run as two videos, and picks up each one', async () => {
		const provider = new Provider();
		const { ledger } = ledgerOver();
		const first = await runJobs.call(
			context,
			provider.adapter(),
			scripts('same', 'same'),
			runOptions(ledger),
		);
		const retry = await runJobs.call(
			context,
			provider.adapter(),
			scripts('same', 'same'),
			runOptions(ledger),
		);
		expect(provider.creates).toBe(2);
		expect(retry.map((result) => result.jobs[0].id)).toEqual(
			first.map((result) => result.jobs[0].id),
		);
		expect(new Set(retry.map((result) => result.jobs[0].id)).size).toBe(2);
	});

	it('pays again for a payment older than the reuse window', async () => {
		const provider = new Provider();
		const deduplicator = new MemoryDeduplicator();
		const store = n8nLedgerStore(deduplicationHelpers(deduplicator)) as LedgerStore;
		const lastWeek = new JobLedger(store, () => new Date(Date.now() - 7 * 24 * 3_600_000));
		await runJobs.call(context, provider.adapter(), scripts('a'), runOptions(lastWeek));
		const today = new JobLedger(store);
		const result = await runJobs.call(context, provider.adapter(), scripts('a'), runOptions(today));
		expect(provider.creates).toBe(2);
		expect(result[0].reused).toBeUndefined();
	});

	it('runs as before, with a warning hint, when n8n cannot store the ledger', async () => {
		const provider = new Provider();
		const broken = new JobLedger({
			record: async () => {
				throw new Error('database is locked');
			},
			recordAndCheck: async () => {
				throw new Error('database is locked');
			},
			remove: async () => {},
		});
		const hints: unknown[] = [];
		const result = await runJobs.call(
			{ ...context, addExecutionHints: (...added: unknown[]) => hints.push(...added) },
			provider.adapter(),
			scripts('a'),
			runOptions(broken),
		);
		expect(result[0].outcome).toBe('succeeded');
		expect(hints).toEqual([
			expect.objectContaining({
				type: 'warning',
				message: expect.stringMatching(
					/could not be recorded in n8n's database \(database is locked\)/,
				),
			}),
		]);
	});

	it('logs every job ID the moment the provider accepts it', async () => {
		const provider = new Provider();
		const { ledger } = ledgerOver();
		const lines: Array<[string, unknown]> = [];
		const logger = { info: (message: string, meta: unknown) => lines.push([message, meta]) };
		await runJobs.call(
			{
				...context,
				logger: logger as unknown as JobEngineContext['logger'],
				getWorkflow: () => ({ id: 'wf-7', name: 'Scripts', active: true }),
				getExecutionId: () => '42',
			},
			provider.adapter(),
			scripts('a', 'b'),
			runOptions(ledger),
		);
		// Only the lines about created jobs: a waiting line may come between rounds, depending on the clock.
		expect(lines.filter(([message]) => message.includes(' created '))).toEqual([
			[
				'Avatar: item 0 created avatar task task-1',
				expect.objectContaining({
					workflowId: 'wf-7',
					executionId: '42',
					node: 'Avatar',
					itemIndex: 0,
					jobIds: ['task-1'],
				}),
			],
			[
				'Avatar: item 1 created avatar task task-2',
				expect.objectContaining({ itemIndex: 1, jobIds: ['task-2'] }),
			],
		]);
	});
});

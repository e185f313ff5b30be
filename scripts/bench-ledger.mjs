#!/usr/bin/env node
// What the ledger of paid jobs costs (nodes/shared/jobLedger.ts): store entries per job, store calls per create, the
// size of the list n8n keeps per workflow node, and the time to claim, record and look up, as a node's list fills.
// The store is the in-memory model of n8n's deduplication store (test/helpers/deduplicationStore.js: the same hashing,
// ordering, read-change-write and value-by-value removal as n8n's); n8n adds one database read and write of the list
// per call.
//
// A Retry reads records back by asking n8n's store (each question is recorded, then removed); n8n removes values one by
// one, each found by a scan of the node's list from its start, so "removal scan" (entries scanned) is what holds
// n8n's main thread. The lookup figures say whether every record was read back and whether the list kept every
// record (questions must never push records out).
//
// Usage: npm run build && node scripts/bench-ledger.mjs [--jobs 1000] [--retry 50] [--runs 3]

import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const {
	JobLedger,
	ledgerKey,
	n8nLedgerStore,
	LEDGER_MAX_ENTRIES,
} = require('../dist/nodes/shared/jobLedger.js');
const {
	MemoryDeduplicator,
	deduplicationHelpers,
} = require('../test/helpers/deduplicationStore.js');

const args = process.argv.slice(2);
const value = (name, fallback) =>
	args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const JOBS = value('--jobs', 1000);
const RUNS = value('--runs', 3);
const RETRY = value('--retry', 50);

/** Job ID shapes of the providers. */
const SHAPES = {
	'TikTok task (19 digits)': (n) => [String(7_300_000_000_000_000_000n + BigInt(n))],
	'Refresh task, 4 videos': (n) =>
		[0, 1, 2, 3].map((k) => String(7_300_000_000_000_000_000n + BigInt(n * 4 + k))),
	'Creatify video (UUID)': (n) => [`7cf3c256-32b9-4409-93fb-${String(n).padStart(12, '0')}`],
	'SixtySeconds video': (n) => [`vid_${n.toString(36).padStart(10, 'x')}`],
};

/** Entries one paid job leaves in n8n's list. */
async function entriesOfOneJob(jobIds) {
	const deduplicator = new MemoryDeduplicator();
	const ledger = new JobLedger(n8nLedgerStore(deduplicationHelpers(deduplicator)));
	const claim = { key: ledgerKey('video.create', { script: 'one' }), slot: 1 };
	await ledger.claim([claim]);
	await ledger.record([{ ...claim, jobIds }]);
	return deduplicator.size;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(2)} ms`;

for (const [shape, idsOf] of Object.entries(SHAPES)) {
	const runs = [];
	for (let run = 0; run < RUNS; run++) {
		const deduplicator = new MemoryDeduplicator({ n8nRemoval: true });
		const ledger = new JobLedger(n8nLedgerStore(deduplicationHelpers(deduplicator)));
		const createTimes = [];
		const claimOf = (n) => ({ key: ledgerKey('video.create', { script: `script ${n}` }), slot: 1 });
		// As the job engine does one create after another: each create's record goes with the next create's claim.
		let claim = claimOf(0);
		await ledger.claim([claim]);
		for (let n = 0; n < JOBS; n++) {
			const next = claimOf(n + 1);
			const t0 = performance.now();
			await Promise.all([
				ledger.record([{ ...claim, jobIds: idsOf(n) }]),
				n + 1 < JOBS ? ledger.claim([next]) : undefined,
			]);
			createTimes.push(performance.now() - t0);
			claim = next;
		}
		const entriesPerJob = await entriesOfOneJob(idsOf(0));
		const callsPerCreate = deduplicator.calls / JOBS;
		const entries = deduplicator.size;
		const jobsKept = Math.min(JOBS, Math.floor(LEDGER_MAX_ENTRIES / entriesPerJob));
		const listBytes = JSON.stringify([...deduplicator.lists.values()][0]).length;
		// A Retry of the last RETRY items: all of them recorded.
		const keys = Array.from({ length: RETRY }, (_, k) =>
			ledgerKey('video.create', { script: `script ${JOBS - 1 - k}` }),
		);
		const callsBefore = deduplicator.calls;
		deduplicator.removalScan = 0;
		deduplicator.largestCall = 0;
		const t1 = performance.now();
		const found = await ledger.lookup(keys);
		const lookupMs = performance.now() - t1;
		const readBack = found.filter(
			(entry, k) => entry.latest?.jobIds?.join() === idsOf(JOBS - 1 - k).join(),
		).length;
		const again = await ledger.lookup(keys);
		const keptAfter = again.filter((entry) => entry.latest?.jobIds).length;
		runs.push({
			entriesPerJob,
			entries,
			jobsKept,
			callsPerCreate,
			listBytes,
			firstCreates: median(createTimes.slice(0, 50)),
			lastCreates: median(createTimes.slice(-50)),
			lookupMs,
			lookupCalls: deduplicator.calls - callsBefore,
			largestCall: deduplicator.largestCall,
			removalScan: deduplicator.removalScan,
			readBack,
			keptAfter,
		});
	}
	const pick = (field) => median(runs.map((run) => run[field]));
	console.log(
		`${shape}: ${pick('entriesPerJob').toFixed(1)} entries per job, ${pick('callsPerCreate')} store calls per create; ` +
			`after ${JOBS} jobs the node's list holds ${pick('entries')} entries (${Math.round(pick('listBytes') / 1024)} KB; n8n keeps ${LEDGER_MAX_ENTRIES}, i.e. the last ${pick('jobsKept')} jobs); ` +
			`claim + record ${ms(pick('firstCreates'))} (first 50) → ${ms(pick('lastCreates'))} (last 50); ` +
			`Retry of ${RETRY} recorded items: ${pick('readBack')} read back, ${pick('keptAfter')} still recorded after it, ` +
			`${pick('lookupCalls')} store calls of at most ${pick('largestCall')} values, removal scan ${(pick('removalScan') / 1e6).toFixed(1)} M entries, ` +
			`${ms(pick('lookupMs'))} in the model (median of ${RUNS})`,
	);
}

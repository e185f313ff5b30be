/**
 * The provider-neutral job engine: every asynchronous create and every Get of this package runs through it.
 * - run.ts: `runJobs` (create every item's job, then wait for all of them together) and `waitForJobs` (wait for
 *   existing jobs), with the engine's invariants in its header;
 * - readOnce.ts: `readJobsOnce`, a Get without waiting;
 * - types.ts: what a provider supplies (`JobAdapter`) and what comes back (`JobResult`);
 * - results.ts: each input's outcome and its message, as pure functions of what the run saw;
 * - messages.ts: the sentences of failures and timeouts (job ids and the next step).
 */
export * from './types';
export { runJobs, waitForJobs } from './run';
export { readJobsOnce } from './readOnce';
export { resumeSentence } from './messages';

/** Kept for the benchmark script, which loads the compiled adapter by this path; the adapter lives in jobs.ts. */
export { avatarTaskAdapter } from './jobs';

import { sleep as n8nSleep } from 'n8n-workflow';

/**
 * `sleep` from n8n-workflow, ending as soon as `signal` aborts (then it rejects) on every supported n8n.
 *
 * n8n-workflow 2.x's `sleep(ms, signal)` stops at the abort; 1.x's `sleep(ms)` ignores the signal and always
 * sleeps the full time. Waits that rely on being woken (the download watchdog, the rate limiter, the job engine's
 * early wake-up when a create finishes) would then sleep on: in n8n 1.x each download waited the whole Request
 * Timeout after it had finished. The abort is therefore also listened to here.
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await n8nSleep(ms);
	if (signal.aborted) throw abortReason(signal);
	let onAbort = (): void => {};
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(abortReason(signal));
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([n8nSleep(ms, signal), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

function abortReason(signal: AbortSignal): Error {
	return signal.reason instanceof Error ? signal.reason : new Error('The wait was cancelled');
}

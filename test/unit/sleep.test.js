// nodes/shared/sleep.ts on both n8n lines: n8n-workflow 2.x's sleep(ms, signal) stops at the abort, 1.x's sleep(ms)
// ignores the signal. Either way the package's sleep must end as soon as the signal aborts.

describe.each([
	['n8n-workflow 2.x (sleep honours the signal)', true],
	['n8n-workflow 1.x (sleep ignores the signal)', false],
])('sleep with %s', (_label, honoursSignal) => {
	let sleep;
	beforeEach(() => {
		jest.resetModules();
		jest.doMock('n8n-workflow', () => ({
			sleep: (ms, signal) =>
				new Promise((resolve, reject) => {
					const timer = setTimeout(resolve, ms);
					timer.unref();
					if (honoursSignal && signal)
						signal.addEventListener('abort', () => {
							clearTimeout(timer);
							reject(new Error('cancelled by n8n'));
						});
				}),
		}));
		({ sleep } = require('../../nodes/shared/sleep'));
	});
	afterEach(() => jest.dontMock('n8n-workflow'));

	test('ends at the abort, long before its time', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const waiting = sleep(5_000, controller.signal);
		setTimeout(() => controller.abort(), 20);
		await expect(waiting).rejects.toThrow();
		expect(Date.now() - started).toBeLessThan(1_000);
	});

	test('rejects at once when already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(sleep(5_000, controller.signal)).rejects.toThrow();
	});

	test('resolves after its time when nothing aborts', async () => {
		const started = Date.now();
		await sleep(30, new AbortController().signal);
		await sleep(10);
		expect(Date.now() - started).toBeGreaterThanOrEqual(35);
	});
});

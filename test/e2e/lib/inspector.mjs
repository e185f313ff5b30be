// The live heap of an n8n process, read through the V8 inspector: a full garbage collection, then
// the heap in use. That is what the process really keeps, where its resident memory (process-
// memory.mjs) also counts garbage not collected yet and pages V8 has not given back. Forcing a
// collection changes how n8n's memory behaves, so the n8n benchmark measures one or the other.

import { readFileSync } from 'node:fs';

import { WebSocket } from 'undici';

/** Environment that makes every n8n process listen for an inspector on a free loopback port. */
export const INSPECT_ENV = { NODE_OPTIONS: '--inspect=127.0.0.1:0' };

function openSession(url) {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url);
		const pending = new Map();
		let lastId = 0;
		socket.onmessage = (event) => {
			const message = JSON.parse(event.data);
			pending.get(message.id)?.(message);
			pending.delete(message.id);
		};
		socket.onerror = () => reject(new Error(`cannot connect to the inspector at ${url}`));
		socket.onopen = () =>
			resolve({
				call(method, params = {}) {
					return new Promise((done, fail) => {
						const id = ++lastId;
						pending.set(id, (message) =>
							message.error ? fail(new Error(message.error.message)) : done(message.result),
						);
						socket.send(JSON.stringify({ id, method, params }));
					});
				},
				close: () => socket.close(),
			});
	});
}

/**
 * Connects to the inspector of process `pid`, started with INSPECT_ENV; each process writes its
 * inspector's address into `logFile` ("Debugger listening on ws://…"), n8n's task runner and CLI
 * commands too, so the one whose process.pid is `pid` is picked.
 * Returns { liveHeapBytes(), close() }.
 */
export async function connectInspector(logFile, pid) {
	const urls = [
		...readFileSync(logFile, 'utf8').matchAll(/Debugger listening on (ws:\/\/\S+)/g),
	].map((match) => match[1]);
	for (const url of urls.reverse()) {
		const session = await openSession(url).catch(() => undefined);
		if (!session) continue; // a process that has exited (e.g. `n8n import:credentials`)
		const { result } = await session.call('Runtime.evaluate', {
			expression: 'process.pid',
			returnByValue: true,
		});
		if (result?.value !== pid) {
			session.close();
			continue;
		}
		return {
			/** Heap in use right after a full garbage collection, in bytes. */
			async liveHeapBytes() {
				await session.call('HeapProfiler.collectGarbage');
				return (await session.call('Runtime.getHeapUsage')).usedSize;
			},
			close: session.close,
		};
	}
	throw new Error(`no inspector of process ${pid} found in ${logFile}`);
}

// Resident memory of a process from /proc (Linux only): what the memory check and the n8n
// benchmark report as n8n's memory.

import { readFileSync } from 'node:fs';

/** VmRSS (current) and VmHWM (peak since start) of a process, in bytes; undefined off Linux. */
export function memoryOf(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const field = (name) =>
			Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
		return { rss: field('VmRSS'), hwm: field('VmHWM') };
	} catch {
		return undefined;
	}
}

/** Samples VmRSS every `intervalMs` until stopped; VmHWM covers what falls between samples. */
export function sampleRss(pid, intervalMs = 100) {
	let peak = 0;
	const timer = setInterval(() => {
		const memory = memoryOf(pid);
		if (memory) peak = Math.max(peak, memory.rss);
	}, intervalMs);
	return () => {
		clearInterval(timer);
		return peak;
	};
}

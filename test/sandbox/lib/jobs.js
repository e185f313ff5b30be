'use strict';

/**
 * Job timelines. A job never runs anything: its status is computed from the time elapsed since it started, so
 * no timer is needed and a test can move the sandbox clock forward to see the next status.
 *
 * A phase list gives each non-terminal status the fraction of the job's duration at which it begins; at 100 % the
 * job is terminal (success or failure, decided when the job was created).
 */

const PHASES = {
	creatify: [
		['pending', 0],
		['in_queue', 0.1],
		['running', 0.3],
	],
	sixtyseconds: [['processing', 0]],
	tiktok: [
		['SUBMITTED', 0],
		['PROCESSING', 0.2],
	],
};

/**
 * @param {{startedAt:number, durationMs:number, fails:boolean}} job
 * @param {number} now clock time in ms
 * @param {Array<[string, number]>} phases
 * @param {string} success terminal status on success
 * @param {string} failure terminal status on failure
 * @returns {{status:string, terminal:boolean, fraction:number, endsAt:number}}
 */
function statusAt(job, now, phases, success, failure) {
	const elapsed = Math.max(0, now - job.startedAt);
	const endsAt = job.startedAt + job.durationMs;
	if (elapsed >= job.durationMs) {
		return { status: job.fails ? failure : success, terminal: true, fraction: 1, endsAt };
	}
	const fraction = job.durationMs > 0 ? elapsed / job.durationMs : 1;
	let status = phases[0][0];
	for (const [name, from] of phases) if (fraction >= from) status = name;
	return { status, terminal: false, fraction, endsAt };
}

module.exports = { PHASES, statusAt };

// Console output shared by the end-to-end scripts: section headers, check lines and durations.

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
export const green = paint('32');
export const red = paint('31');
export const yellow = paint('33');
export const dim = paint('2');
export const bold = paint('1');

export function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

export function section(title) {
	console.log(`\n${bold(`== ${title} ==`)}`);
}

export function step(text) {
	console.log(dim(`   … ${text}`));
}

/** Collects pass/fail lines and prints a summary at the end. */
export class Report {
	constructor() {
		this.results = [];
	}

	pass(group, name, details = [], ms) {
		this.results.push({ group, name, ok: true });
		console.log(`${green(' ✔')} ${name}${ms === undefined ? '' : dim(` (${seconds(ms)})`)}`);
		for (const line of details) console.log(dim(`     ${line}`));
	}

	fail(group, name, failures, details = [], ms) {
		this.results.push({ group, name, ok: false, failures });
		console.log(`${red(' ✘')} ${name}${ms === undefined ? '' : dim(` (${seconds(ms)})`)}`);
		for (const line of details) console.log(dim(`     ${line}`));
		for (const line of failures) console.log(red(`     ${line}`));
	}

	skip(group, name, reason) {
		this.results.push({ group, name, ok: true, skipped: true });
		console.log(`${yellow(' -')} ${name} ${dim(`(skipped: ${reason})`)}`);
	}

	check(group, name, failures, details, ms) {
		if (failures.length) this.fail(group, name, failures, details, ms);
		else this.pass(group, name, details, ms);
	}

	get failed() {
		return this.results.filter((result) => !result.ok);
	}

	printSummary(totalMs) {
		section('Summary');
		const groups = [...new Set(this.results.map((result) => result.group))];
		for (const group of groups) {
			const inGroup = this.results.filter((result) => result.group === group);
			const passed = inGroup.filter((result) => result.ok && !result.skipped).length;
			const skipped = inGroup.filter((result) => result.skipped).length;
			const failed = inGroup.length - passed - skipped;
			console.log(
				`   ${group.padEnd(22)} ${green(`${passed} passed`)}${failed ? `, ${red(`${failed} failed`)}` : ''}${skipped ? `, ${yellow(`${skipped} skipped`)}` : ''}`,
			);
		}
		for (const result of this.failed) {
			console.log(red(`   ✘ ${result.group}: ${result.name}`));
			for (const line of result.failures) console.log(red(`       ${line}`));
		}
		console.log(`   total ${seconds(totalMs)}`);
	}
}

'use strict';
/**
 * Prints measured figures (wall time, requests per endpoint) from a test run. Tests never assert on timings; they
 * print them here so that a run shows them. Plain JavaScript because the lint forbids the console in .ts files.
 */
function printFigures(title, figures) {
	const lines = Object.entries(figures).map(
		([key, value]) => `  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
	);
	process.stdout.write(`\n[figures] ${title}\n${lines.join('\n')}\n`);
}

module.exports = { printFigures };

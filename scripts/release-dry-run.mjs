#!/usr/bin/env node
// `npm run release:dry-run`: what the release workflow would publish, without publishing.
//
// Runs `n8n-node release` the way .github/workflows/publish.yml runs it on a version tag (its CI path:
// lint, build, then `npm publish` with provenance), with npm in dry-run mode, and checks what npm
// would upload: package.json, README.md, LICENSE.md and dist/ only, with every node and credential
// that package.json lists. Prints every file, the packed and unpacked size.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

const ALLOWED = [/^package\.json$/, /^README\.md$/, /^LICENSE\.md$/, /^dist\//];
const REQUIRED = [
	'package.json',
	'README.md',
	'LICENSE.md',
	...pkg.n8n.nodes,
	...pkg.n8n.credentials,
];

/** Problems with a list of published paths (empty when it is what a release must contain). */
export function checkFiles(paths) {
	const set = new Set(paths);
	return [
		...paths
			.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))
			.map(
				(file) =>
					`${file} would be published (only package.json, README.md, LICENSE.md and dist/ belong in the package)`,
			),
		...REQUIRED.filter((file) => !set.has(file)).map(
			(file) => `${file} is missing from the package`,
		),
	];
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function main() {
	// The check itself must be able to fail: a stray file and a missing node are reported.
	const selfTest = checkFiles([
		'package.json',
		'README.md',
		'LICENSE.md',
		'test/sandbox/server.js',
	]);
	if (
		!selfTest.some((problem) => problem.startsWith('test/sandbox/server.js')) ||
		!selfTest.some((problem) => problem.startsWith(pkg.n8n.nodes[0]))
	)
		throw new Error(
			`the file check does not report a stray or a missing file: ${JSON.stringify(selfTest)}`,
		);

	const started = Date.now();
	const result = spawnSync('npx', ['--no-install', 'n8n-node', 'release'], {
		cwd: repoRoot,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		env: {
			...process.env,
			// n8n-node release takes its CI path (lint, build, npm publish with provenance) when it runs in
			// GitHub Actions; npm then only reports what it would upload.
			GITHUB_ACTIONS: 'true',
			npm_config_dry_run: 'true',
			npm_config_json: 'true',
		},
	});
	const output = `${result.stdout}`;
	const start = output.lastIndexOf(`{\n  "${pkg.name}": {`);
	if (result.status !== 0 || start === -1) {
		process.stdout.write(`${output.slice(-6000)}\n${result.stderr.slice(-6000)}\n`);
		throw new Error(`n8n-node release (dry run) failed (exit ${result.status})`);
	}
	const published = JSON.parse(output.slice(start))[pkg.name];
	const warnings = result.stderr
		.split('\n')
		.filter((line) => /^npm warn/.test(line) && !/requires you to be logged in/.test(line));

	console.log(
		`n8n-node release, dry run (lint, build, npm publish --provenance): ${published.id}, ${Math.round((Date.now() - started) / 1000)} s`,
	);
	for (const file of published.files) console.log(`  ${kB(file.size).padStart(9)}  ${file.path}`);
	console.log(
		`${published.entryCount} files, ${published.filename}: ${kB(published.size)} packed, ${kB(published.unpackedSize)} unpacked`,
	);
	const problems = [...checkFiles(published.files.map((file) => file.path)), ...warnings];
	if (problems.length) {
		for (const problem of problems) console.log(`  PROBLEM: ${problem}`);
		console.log('\nRelease dry run FAILED');
		process.exitCode = 1;
		return;
	}
	console.log(
		'\nRelease dry run passed: only package.json, README.md, LICENSE.md and dist/ would be published',
	);
}

main();

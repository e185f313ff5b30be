#!/usr/bin/env node
// `npm run scan`: n8n's own community-package scanner (@n8n/scan-community-package, the check n8n
// runs before a package can be verified) on what `npm publish` would upload, before it is published.
//
// The scanner's command line only takes a published package name: it downloads the tarball, requires
// an npm provenance statement (which only the release workflow can give) and fetches the source the
// statement names. Its analysis is the same either way, so this script runs that analysis itself,
// with the scanner's own ESLint configuration (`buildScanConfig`) and its own two legs:
//
//   1. the source, as the provenance statement would point at it: package.json and every
//      {nodes,credentials}/**/*.{js,ts,json} of this checkout (`SOURCE_FILE_PATTERNS`);
//   2. the tarball: `npm pack`, unpacked, its compiled **/*.js and package.json.
//
// Every finding (errors and warnings) is printed; the run fails on any. Then the same scan runs on
// copies with known defects (an icon file missing from the source, a runtime dependency in the
// tarball's package.json) and must find each one: a scan that cannot fail proves nothing.
//
// Options: --no-build (use the existing dist/; the default builds first), --no-defects (skip the
// defect check).

import { spawnSync } from 'node:child_process';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const require = createRequire(path.join(repoRoot, 'package.json'));
const scannerPackageJson = require.resolve('@n8n/scan-community-package/package.json');
const scannerVersion = JSON.parse(readFileSync(scannerPackageJson, 'utf8')).version;
const scanner = await import(
	pathToFileURL(path.join(path.dirname(scannerPackageJson), 'scanner', 'scanner.mjs')).href
);
// ESLint and fast-glob as the scanner resolves them (its own pinned versions), not the repository's.
const requireFromScanner = createRequire(
	path.join(path.dirname(scannerPackageJson), 'scanner', 'scanner.mjs'),
);
const { ESLint } = await import(pathToFileURL(requireFromScanner.resolve('eslint')).href);
const glob = (await import(pathToFileURL(requireFromScanner.resolve('fast-glob')).href)).default;

/** The tarball leg's files, as the scanner's `analyzePackageByName` lints them. */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function run(command, commandArgs, options = {}) {
	const result = spawnSync(command, commandArgs, { encoding: 'utf8', ...options });
	if (result.status !== 0)
		throw new Error(
			`${command} ${commandArgs.join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
		);
	return result.stdout;
}

/**
 * One leg of the scan: the scanner's own verdict (`analyzePackage`) and, with the same
 * configuration, every error and warning (its verdict only counts errors).
 */
async function scanLeg(dir, patterns) {
	const verdict = await scanner.analyzePackage(dir, patterns);
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length ? await eslint.lintFiles(files) : [];
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	const details =
		errors + warnings ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	if (verdict.passed !== (errors === 0))
		throw new Error(
			`the scanner's verdict (${verdict.passed ? 'passed' : verdict.message}) disagrees with ${errors} error(s) counted with its configuration`,
		);
	const rules = [
		...new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId))),
	];
	return { files: files.length, errors, warnings, details, passed: verdict.passed, rules };
}

function packTarball(destination) {
	const output = run('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: repoRoot,
	});
	const [info] = JSON.parse(output.slice(output.indexOf('[')));
	const unpacked = path.join(destination, 'package');
	run('tar', ['-xzf', path.join(destination, info.filename), '-C', destination]);
	return { info, unpacked };
}

/** The source the provenance statement would name: what the scanner's source leg lints. */
function copySource(destination) {
	for (const entry of ['package.json', 'nodes', 'credentials', 'icons']) {
		cpSync(path.join(repoRoot, entry), path.join(destination, entry), { recursive: true });
	}
	return destination;
}

function printLeg(label, leg) {
	const status = leg.errors + leg.warnings === 0 ? 'clean' : 'FINDINGS';
	console.log(
		`  ${label.padEnd(9)} ${String(leg.files).padStart(3)} files   ${leg.errors} errors, ${leg.warnings} warnings   ${status}`,
	);
	if (leg.details) console.log(leg.details.replace(/^/gm, '    '));
}

/** Defects the scan must find; each starts from a clean copy of the source and of the tarball. */
const DEFECTS = [
	{
		name: 'an icon file missing from the source',
		apply({ source }) {
			rmSync(path.join(source, 'icons', 'creatify.svg'));
		},
		leg: 'source',
		rule: '@n8n/community-nodes/icon-validation',
	},
	{
		name: 'a runtime dependency in the published package.json',
		apply({ tarball }) {
			const file = path.join(tarball, 'package.json');
			const pkg = JSON.parse(readFileSync(file, 'utf8'));
			pkg.dependencies = { axios: '^1.0.0' };
			writeFileSync(file, JSON.stringify(pkg, null, 2));
		},
		leg: 'tarball',
		rule: '@n8n/community-nodes/no-runtime-dependencies',
	},
];

async function main() {
	if (!args.includes('--no-build'))
		run('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
	const work = mkdtempSync(path.join(tmpdir(), 'n8n-scan-'));
	try {
		const { info, unpacked } = packTarball(work);
		console.log(
			`@n8n/scan-community-package ${scannerVersion} on ${info.name}@${info.version} (${info.filename}, ${info.entryCount} files, ${info.size} bytes packed)`,
		);
		const sourceLeg = await scanLeg(repoRoot, scanner.SOURCE_FILE_PATTERNS);
		const tarballLeg = await scanLeg(unpacked, TARBALL_FILE_PATTERNS);
		printLeg('source', sourceLeg);
		printLeg('tarball', tarballLeg);
		const errors = sourceLeg.errors + tarballLeg.errors;
		const warnings = sourceLeg.warnings + tarballLeg.warnings;
		console.log(`scanner result: ${errors} errors, ${warnings} warnings`);
		let failed = errors + warnings > 0;

		if (!args.includes('--no-defects')) {
			console.log('\nThe same scan on copies with a known defect (each must be found):');
			for (const defect of DEFECTS) {
				const root = path.join(work, `defect-${DEFECTS.indexOf(defect)}`);
				const copy = {
					source: copySource(path.join(root, 'source')),
					tarball: path.join(root, 'tarball'),
				};
				mkdirSync(copy.tarball, { recursive: true });
				cpSync(unpacked, copy.tarball, { recursive: true });
				defect.apply(copy);
				const leg =
					defect.leg === 'source'
						? await scanLeg(copy.source, scanner.SOURCE_FILE_PATTERNS)
						: await scanLeg(copy.tarball, TARBALL_FILE_PATTERNS);
				const found = !leg.passed && leg.rules.includes(defect.rule);
				console.log(
					`  ${found ? 'found    ' : 'MISSED   '} ${defect.name}: ${leg.errors} error(s) in the ${defect.leg} leg (${leg.rules.join(', ') || 'no rule'})`,
				);
				if (!found) failed = true;
			}
		}
		if (failed) {
			console.log('\nn8n community package scan FAILED');
			process.exitCode = 1;
		} else {
			console.log('\nn8n community package scan passed');
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

await main();

// Finds the workflows the end-to-end tests run and the package's own node and credential types.
//
// - examples/*.json: the importable example workflows shipped with the repo;
// - test/e2e/workflows/*.json: workflows that only tests need (bad input, injected faults).
// Each has an expectation file of the same name in test/e2e/expectations/.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SANDBOX_CREDENTIALS } from './credentials.mjs';
import { validateExpectation } from './expect.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const examplesDir = path.join(repoRoot, 'examples');
export const e2eWorkflowsDir = path.join(repoRoot, 'test/e2e/workflows');
export const expectationsDir = path.join(repoRoot, 'test/e2e/expectations');
export const memoryWorkflowsDir = path.join(repoRoot, 'test/e2e/memory');

export const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

export function readPackageJson() {
	return JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
}

function jsonFiles(dir) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => path.join(dir, file));
}

/** Node and credential types of the built package, as n8n names them once installed. */
export function packageTypes() {
	const pkg = readPackageJson();
	const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));
	const load = (file, read) => {
		const absolute = path.join(repoRoot, file);
		if (!existsSync(absolute)) throw new Error(`${file} is listed in package.json but not built`);
		return Object.values(requireFromRepo(absolute)).map((Class) => read(new Class()));
	};
	return {
		nodes: (pkg.n8n?.nodes ?? []).flatMap((file) =>
			load(file, (node) => ({
				type: `${pkg.name}.${node.description.name}`,
				displayName: node.description.displayName,
				file,
			})),
		),
		credentials: (pkg.n8n?.credentials ?? []).flatMap((file) =>
			load(file, (credential) => ({
				type: credential.name,
				displayName: credential.displayName,
				file,
			})),
		),
	};
}

/** Problems that make a workflow unusable by the tests (and by users who import it). */
function workflowProblems(workflow) {
	const problems = [];
	if (!workflow.name) problems.push('has no "name"');
	if (!Array.isArray(workflow.nodes)) return [...problems, 'has no "nodes" array'];
	const triggers = workflow.nodes.filter((node) => node.type === MANUAL_TRIGGER);
	if (triggers.length !== 1) problems.push('must start with exactly one Manual Trigger node');
	for (const node of workflow.nodes) {
		for (const [type, reference] of Object.entries(node.credentials ?? {})) {
			const expected = SANDBOX_CREDENTIALS[type];
			if (expected && (reference?.id !== expected.id || reference?.name !== expected.name)) {
				problems.push(
					`node "${node.name}" must reference credential ${type} as { "id": "${expected.id}", "name": "${expected.name}" } (see examples/README.md)`,
				);
			}
		}
	}
	return problems;
}

/** Every workflow to run: { file, source, name, workflow, expectation, problems }. */
export function loadWorkflows() {
	const entries = [
		...jsonFiles(examplesDir).map((file) => ({ file, source: 'example' })),
		...jsonFiles(e2eWorkflowsDir).map((file) => ({ file, source: 'e2e' })),
	];
	const seen = new Map();
	return entries.map((entry) => {
		const base = path.basename(entry.file);
		const relative = path.relative(repoRoot, entry.file);
		const problems = [];
		if (seen.has(base))
			problems.push(
				`has the same file name as ${seen.get(base)}; expectations are matched by name`,
			);
		seen.set(base, relative);

		let workflow;
		try {
			workflow = JSON.parse(readFileSync(entry.file, 'utf8'));
		} catch (error) {
			return { ...entry, relative, name: base, problems: [`is not valid JSON: ${error.message}`] };
		}
		problems.push(...workflowProblems(workflow));
		const runnable =
			Array.isArray(workflow.nodes) &&
			workflow.nodes.filter((node) => node.type === MANUAL_TRIGGER).length === 1;
		const expectationFile = path.join(expectationsDir, base);
		let expectation;
		if (!existsSync(expectationFile)) {
			problems.push(`has no expectation file ${path.relative(repoRoot, expectationFile)}`);
		} else {
			try {
				expectation = JSON.parse(readFileSync(expectationFile, 'utf8'));
				const invalid = Array.isArray(workflow.nodes)
					? validateExpectation(expectation, workflow)
					: [];
				problems.push(...invalid.map((p) => `expectation: ${p}`));
				if (invalid.length) expectation = undefined;
			} catch (error) {
				problems.push(`expectation is not valid JSON: ${error.message}`);
			}
		}
		// A workflow with problems still runs when it can be started (without a usable expectation it
		// is checked for success only), so its author sees whether it works; the problems above fail
		// the test run anyway.
		return {
			...entry,
			relative,
			name: workflow.name ?? base,
			workflow,
			expectation,
			problems,
			runnable,
		};
	});
}

/** Expectation files whose workflow does not exist (renamed or deleted examples). */
export function orphanExpectations(workflows) {
	const names = new Set(workflows.map((entry) => path.basename(entry.file)));
	return jsonFiles(expectationsDir)
		.map((file) => path.basename(file))
		.filter((name) => !names.has(name));
}

/** Package node types that no example workflow uses. */
export function uncoveredNodeTypes(nodeTypes, workflows) {
	const used = new Set(
		workflows
			.filter((entry) => entry.source === 'example')
			.flatMap((entry) => (entry.workflow?.nodes ?? []).map((node) => node.type)),
	);
	return nodeTypes.filter(({ type }) => !used.has(type));
}

/** The trigger to "click" when running a workflow manually. */
export function manualTriggerName(workflow) {
	return workflow.nodes.find((node) => node.type === MANUAL_TRIGGER)?.name;
}

// Checks one finished n8n execution against its expectation file. Returns readable failures
// (empty = pass) and a few notes for the summary. The format is documented in docs/e2e.md.

const KNOWN_KEYS = new Set([
	'description',
	'timeoutSeconds',
	'sandbox',
	'result',
	'error',
	'nodes',
	'sandboxRequests',
	'skip',
	'publish',
	'triggered',
]);
const KNOWN_NODE_KEYS = new Set([
	'output',
	'items',
	'minItems',
	'nonEmpty',
	'equals',
	'binary',
	'pairedItem',
]);

/** Problems with an expectation file itself, found before anything runs. */
export function validateExpectation(expectation, workflow) {
	const problems = [];
	for (const key of Object.keys(expectation)) {
		if (!KNOWN_KEYS.has(key)) problems.push(`unknown key "${key}"`);
	}
	if (expectation.result && !['success', 'error'].includes(expectation.result)) {
		problems.push(`"result" must be "success" or "error"`);
	}
	if (expectation.result === 'error' && !expectation.error?.messageIncludes) {
		problems.push(
			'a run expected to fail needs error.messageIncludes (the message users must see)',
		);
	}
	const nodeNames = new Set(workflow.nodes.map((node) => node.name));
	for (const [name, rules] of Object.entries(expectation.nodes ?? {})) {
		if (!nodeNames.has(name)) problems.push(`nodes: the workflow has no node named "${name}"`);
		for (const key of Object.keys(rules)) {
			if (!KNOWN_NODE_KEYS.has(key)) problems.push(`nodes["${name}"]: unknown key "${key}"`);
		}
	}
	if (expectation.triggered) {
		if (!expectation.publish)
			problems.push(
				'"triggered" needs "publish": true (a trigger only listens in a published workflow)',
			);
		if (!Number.isInteger(expectation.triggered.count) || expectation.triggered.count < 1)
			problems.push('triggered.count must be the number of executions the trigger must start');
		for (const [name, rules] of Object.entries(expectation.triggered.nodes ?? {})) {
			if (!nodeNames.has(name))
				problems.push(`triggered.nodes: the workflow has no node named "${name}"`);
			for (const key of Object.keys(rules)) {
				if (!KNOWN_NODE_KEYS.has(key))
					problems.push(`triggered.nodes["${name}"]: unknown key "${key}"`);
			}
		}
	}
	if (expectation.error?.node && !nodeNames.has(expectation.error.node)) {
		problems.push(`error.node: the workflow has no node named "${expectation.error.node}"`);
	}
	if (expectation.result !== 'error' && Object.keys(expectation.nodes ?? {}).length === 0) {
		problems.push('a successful run needs at least one entry under "nodes" to check');
	}
	return problems;
}

function valueAt(object, dottedPath) {
	return dottedPath
		.split('.')
		.reduce((value, key) => (value == null ? undefined : value[key]), object);
}

function isEmpty(value) {
	if (value === undefined || value === null || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.keys(value).length === 0;
	return false;
}

function pairedIndexes(pairedItem) {
	if (pairedItem === undefined || pairedItem === null) return [];
	const list = Array.isArray(pairedItem) ? pairedItem : [pairedItem];
	return list.map((entry) => (typeof entry === 'number' ? entry : entry?.item));
}

const UNITS = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

/** Size of a binary entry: `bytes` when n8n recorded it, else its human-readable fileSize. */
export function binarySize(binary) {
	if (typeof binary.bytes === 'number') return binary.bytes;
	const match = /^([\d.]+)\s*(B|kB|KB|MB|GB)$/.exec(String(binary.fileSize ?? ''));
	return match ? Number(match[1]) * UNITS[match[2]] : undefined;
}

function lastRun(runData, nodeName) {
	const runs = runData?.[nodeName];
	return Array.isArray(runs) && runs.length ? runs[runs.length - 1] : undefined;
}

function inputItemCount(runData, run) {
	const source = run?.source?.[0];
	if (!source?.previousNode) return undefined;
	const previous = runData[source.previousNode]?.[source.previousNodeRun ?? 0];
	return previous?.data?.main?.[source.previousNodeOutput ?? 0]?.length;
}

function checkNode(runData, name, rules, failures, notes) {
	const run = lastRun(runData, name);
	if (!run) {
		failures.push(`node "${name}" did not run`);
		return;
	}
	if (run.error) {
		failures.push(`node "${name}" failed: ${run.error.message}`);
		return;
	}
	const output = rules.output ?? 0;
	const items = run.data?.main?.[output] ?? [];
	notes.push(`${name}: ${items.length} item${items.length === 1 ? '' : 's'}`);

	if (rules.items !== undefined && items.length !== rules.items) {
		failures.push(
			`node "${name}": expected ${rules.items} items on output ${output}, got ${items.length}`,
		);
	}
	if (rules.minItems !== undefined && items.length < rules.minItems) {
		failures.push(`node "${name}": expected at least ${rules.minItems} items, got ${items.length}`);
	}
	items.forEach((item, index) => {
		for (const field of rules.nonEmpty ?? []) {
			if (isEmpty(valueAt(item.json, field)))
				failures.push(`node "${name}" item ${index}: "${field}" is empty`);
		}
		for (const [field, expected] of Object.entries(rules.equals ?? {})) {
			const actual = valueAt(item.json, field);
			if (JSON.stringify(actual) !== JSON.stringify(expected)) {
				failures.push(
					`node "${name}" item ${index}: "${field}" is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
				);
			}
		}
		if (rules.binary) {
			const spec = typeof rules.binary === 'string' ? { property: rules.binary } : rules.binary;
			const property = spec.property ?? 'data';
			const binary = item.binary?.[property];
			if (!binary) {
				failures.push(`node "${name}" item ${index}: no binary "${property}"`);
			} else {
				const size = binarySize(binary);
				if (spec.mimeType && binary.mimeType !== spec.mimeType) {
					failures.push(
						`node "${name}" item ${index}: binary mimeType ${binary.mimeType}, expected ${spec.mimeType}`,
					);
				}
				if (!(size >= (spec.minBytes ?? 1))) {
					failures.push(
						`node "${name}" item ${index}: binary "${property}" is ${size ?? 'of unknown size'} bytes`,
					);
				}
				if (index === 0)
					notes.push(
						`${name}: binary "${property}" ${binary.fileSize ?? size} ${binary.mimeType ?? ''}`.trim(),
					);
			}
		}
	});
	if (rules.pairedItem !== undefined) {
		const inputs = inputItemCount(runData, run);
		items.forEach((item, index) => {
			const indexes = pairedIndexes(item.pairedItem);
			if (indexes.length === 0 || indexes.some((i) => typeof i !== 'number')) {
				failures.push(`node "${name}" item ${index}: no pairedItem`);
				return;
			}
			if (inputs !== undefined && indexes.some((i) => i < 0 || i >= inputs)) {
				failures.push(
					`node "${name}" item ${index}: pairedItem ${indexes} points past the ${inputs} input items`,
				);
			}
			if (Array.isArray(rules.pairedItem) && indexes[0] !== rules.pairedItem[index]) {
				failures.push(
					`node "${name}" item ${index}: pairedItem ${indexes[0]}, expected ${rules.pairedItem[index]}`,
				);
			}
		});
		if (Array.isArray(rules.pairedItem) && rules.pairedItem.length !== items.length) {
			failures.push(
				`node "${name}": pairedItem lists ${rules.pairedItem.length} items, the node output ${items.length}`,
			);
		}
	}
}

function checkRequests(sandbox, expectations, failures, notes) {
	for (const { count, min, max, ...filter } of expectations ?? []) {
		const seen = sandbox.requests(filter).length;
		const label = Object.entries(filter)
			.map(([key, value]) => `${key}=${value}`)
			.join(' ');
		notes.push(`sandbox ${label}: ${seen} request${seen === 1 ? '' : 's'}`);
		if (count !== undefined && seen !== count)
			failures.push(`sandbox ${label}: expected ${count} requests, saw ${seen}`);
		if (min !== undefined && seen < min)
			failures.push(`sandbox ${label}: expected at least ${min} requests, saw ${seen}`);
		if (max !== undefined && seen > max)
			failures.push(`sandbox ${label}: expected at most ${max} requests, saw ${seen}`);
	}
}

/**
 * @param execution n8n's execution (data parsed)
 * @param expectation the expectation file's content
 * @param sandbox the running sandbox (for its request log)
 * @param secrets strings that must not appear anywhere in the execution (API keys, tokens)
 */
export function checkExecution(execution, expectation, { sandbox, secrets = [] }) {
	const failures = [];
	const notes = [];
	const resultData = execution.data?.resultData ?? {};
	const runData = resultData.runData ?? {};
	const expected = expectation.result ?? 'success';

	if (expected === 'success' && execution.status !== 'success') {
		const error = resultData.error;
		failures.push(
			`run ended with status "${execution.status}"${error ? `: ${error.node?.name ?? ''} ${error.message}${error.description ? ` (${error.description})` : ''}` : ''}`,
		);
	}
	if (expected === 'error') {
		const error = resultData.error;
		if (execution.status !== 'error' || !error) {
			failures.push(`expected the run to fail, it ended with status "${execution.status}"`);
		} else {
			const text = `${error.message ?? ''}\n${error.description ?? ''}`;
			notes.push(`error in ${error.node?.name ?? '?'}: ${error.message}`);
			if (expectation.error.node && error.node?.name !== expectation.error.node) {
				failures.push(
					`expected the error from "${expectation.error.node}", it came from "${error.node?.name}"`,
				);
			}
			const wanted = [expectation.error.messageIncludes].flat();
			for (const part of wanted) {
				if (!text.includes(part))
					failures.push(`error message does not include "${part}": ${text.trim()}`);
			}
		}
	}

	for (const [name, rules] of Object.entries(expectation.nodes ?? {}))
		checkNode(runData, name, rules, failures, notes);
	checkRequests(sandbox, expectation.sandboxRequests, failures, notes);

	const serialized = JSON.stringify(execution.data ?? {});
	for (const secret of secrets) {
		if (secret && serialized.includes(secret))
			failures.push('a credential secret appears in the execution data');
	}
	return { failures: [...new Set(failures)], notes };
}

/**
 * What the sandbox saw after a run that fails it whatever the workflow: injected fault rules not used up (the run
 * made fewer matching requests than their "times"), requests over a provider's documented rate limit (unless the
 * expectation allows them), and errors of the sandbox's own handlers. Returns the failures and the sandbox's stats.
 */
export async function checkSandbox(sandbox, expectation) {
	const failures = [];
	const response = await fetch(`${sandbox.url}/__sandbox/faults`);
	if (!response.ok) throw new Error(`sandbox GET /__sandbox/faults → HTTP ${response.status}`);
	const leftover = (await response.json()).length;
	if (expectation.sandbox?.faults?.length && leftover) {
		failures.push(
			`${leftover} injected fault rule(s) not used up: the run made fewer matching requests than "times"`,
		);
	}
	const stats = sandbox.stats();
	if (stats.rateViolations && !expectation.sandbox?.allowRateLimitViolations) {
		const first = stats.violations[0];
		failures.push(
			`${stats.rateViolations} request(s) over the provider's documented rate limit (first: ${first.endpoint}, ${first.limit} per ${first.windowMs} ms)`,
		);
	}
	const { handlerErrors = [] } = sandbox.state;
	if (handlerErrors.length)
		failures.push(`the sandbox itself failed: ${handlerErrors[0].message.split('\n')[0]}`);
	return { failures, stats };
}

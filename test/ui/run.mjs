#!/usr/bin/env node
// Editor tests (`npm run test:ui`): the packed package in a real n8n, clicked through n8n's own
// editor in a headless Chromium, against the local provider sandbox. They check what the REST-level
// end-to-end tests cannot see: that users can find and add the nodes in the node panel, and that
// every screen of a node renders.
//
//   1. install the pinned n8n and Node 24 into the cache if needed; build unless --no-build;
//   2. start the sandbox, import its credentials, start ONE `n8n start` (test/e2e/lib/stack.mjs);
//   3. sign in as the owner in the browser;
//   4. for every node in package.json `n8n.nodes`:
//      - node panel of an empty workflow: search the display name, the provider name (first word
//        of the display name) and every codex alias; the node's entry must be listed (a trigger
//        shares its app's entry, as n8n lists an app once: see panelEntries in lib/nodes.mjs);
//      - click it: its trigger and action lists (every section opened); pick the node's first one:
//        the node is on the canvas;
//      - node panel after a trigger (opened with the N key), and its "Action in an app" category:
//        search the display name and the provider again;
//      - the node's credential from its parameter panel (the one n8n picked when the node was
//        added): Retry the test, see the success;
//      - every resource/operation combination, each on a node of its own as freshly added (a
//        workflow made over REST with one such node per combination): set them in the parameter
//        panel; every parameter the description shows for it is there, no warning or error in
//        the panel, no console error, and the node's issues on the canvas are only the required
//        fields left empty;
//      - every searchable resource locator (top level or in a collection): open its list, search,
//        see results, pick one, and the field shows the picked entry's name;
//   5. every credential type of the package from the Credentials page: a notice above the fields says
//      where to get the key and links the page; Retry, see the success.
//
// The sandbox starts with sample records (`sampleData`), as a user's account has some, so every
// list has entries to search.
//
// A failing check saves a screenshot and the page's console log in the artifacts folder printed
// at the start, and the run goes on. A table of every screen ends the run; any failure exits 1.
//
// Options: --no-build (use the existing dist/), --only <text> (nodes whose display name or type
// contains <text>), --keep (keep the n8n user folder and the artifacts), --verbose (n8n's output).

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { versions } from '../../scripts/n8n-runtime.mjs';
import { SANDBOX_CREDENTIALS } from '../e2e/lib/credentials.mjs';
import { dim, green, red, Report, section, seconds, step, yellow } from '../e2e/lib/report.mjs';
import { N8nRun } from '../e2e/lib/runner.mjs';
import { OWNER } from '../e2e/lib/stack.mjs';
import { chromiumVersion, ensureChromium, launchBrowser } from './lib/browser.mjs';
import { ConsoleLog } from './lib/console.mjs';
import { Editor } from './lib/editor.mjs';
import { packageCredentials, packageNodes } from './lib/nodes.mjs';
import { checkUnreachableBaseUrl } from './lib/credentialReach.mjs';

const report = new Report();
const runner = new N8nRun({ name: 'ui', failed: () => report.failed.length > 0 });
const { only } = runner.cli;
const screens = [];
let stack;
let browser;
let artifacts;
let consoleLog;
let editor;

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/**
 * Problems already reported to whoever owns the code at fault (test/ui/known-issues.json): a
 * failure matching an entry (same node type, same screen, failure text starting with `failure`)
 * is printed as known instead of failing the run. Entries no longer seen are listed at the end.
 */
const knownIssuesFile = path.join(
	path.dirname(fileURLToPath(import.meta.url)),
	'known-issues.json',
);
const knownIssues = (
	existsSync(knownIssuesFile) ? JSON.parse(readFileSync(knownIssuesFile, 'utf8')) : []
).map((entry) => ({ ...entry, seen: false }));

function knownIssue(nodeType, title, failure) {
	const entry = knownIssues.find(
		(known) =>
			known.node === nodeType && known.screen === title && failure.startsWith(known.failure),
	);
	if (entry) entry.seen = true;
	return entry;
}

/** Retries the open credential's test and records what n8n showed before and after. */
async function retestCredential(result) {
	const test = await editor.retestCredential();
	result.details.push(
		`before Retry: "${test.first}"`,
		`after Retry: ${test.status}: "${test.afterRetry}"`,
	);
	if (test.status !== 'OK' || !test.success) {
		result.failures.push(
			`credential test: ${test.status ?? 'no answer'} ${test.message ?? test.afterRetry}`,
		);
	}
}

function slug(text) {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 80);
}

/** Screenshot and console log of a failed screen; returns the file names. */
async function saveArtifacts(index, title, mark) {
	const base = path.join(artifacts, `${String(index).padStart(2, '0')}-${slug(title)}`);
	const saved = [];
	try {
		await editor.page.screenshot({ path: `${base}.png` });
		saved.push(`${path.basename(base)}.png`);
	} catch (error) {
		saved.push(`(no screenshot: ${error.message.split('\n')[0]})`);
	}
	writeFileSync(
		`${base}.console.log`,
		`# while on this screen\n${consoleLog.format(mark)}\n\n# the whole session\n${consoleLog.format()}\n`,
	);
	saved.push(`${path.basename(base)}.console.log`);
	return saved;
}

/**
 * Runs one screen's checks. `run` returns (or fills in) { failures, details }; a thrown error is a
 * failure too. Console errors raised while on the screen fail it.
 */
async function screen(group, title, run, { nodeType } = {}) {
	const index = screens.length + 1;
	const t0 = Date.now();
	const mark = consoleLog.mark();
	const result = { failures: [], details: [] };
	try {
		await run(result);
	} catch (error) {
		result.failures.push(error.message.split('\n').slice(0, 3).join(' | '));
	}
	const errors = consoleLog.errorsSince(mark);
	for (const entry of errors.slice(0, 5)) {
		result.failures.push(`console: ${entry.kind} ${entry.text.split('\n')[0].slice(0, 300)}`);
	}
	const ignored = consoleLog.ignoredSince(mark);
	if (ignored.length) {
		const reasons = [...new Set(ignored.map((entry) => consoleLog.ignoredBecause(entry)))];
		result.details.push(
			`${ignored.length} console/network message(s) ignored: ${reasons.join(', ')}`,
		);
	}
	const known = result.failures.filter((failure) => knownIssue(nodeType, title, failure));
	result.failures = result.failures.filter((failure) => !known.includes(failure));
	for (const failure of known)
		result.details.push(yellow(`known issue (test/ui/known-issues.json): ${failure}`));
	if (result.failures.length) {
		const saved = await saveArtifacts(index, `${group} ${title}`, mark);
		result.details.push(`saved: ${saved.join(', ')}`);
	}
	const ms = Date.now() - t0;
	screens.push({
		index,
		group,
		title,
		ok: result.failures.length === 0,
		known: known.length,
		ms,
		first: result.failures[0],
	});
	report.check(group, `${title}`, result.failures, result.details, ms);
	return result.failures.length === 0;
}

/** Closes whatever a failed screen left open (modals, the parameter panel, the node panel). */
async function recover() {
	const { page } = editor;
	await editor.dismissHints().catch(() => {});
	try {
		await editor.closeCredentialModal();
	} catch {}
	for (let i = 0; i < 3; i += 1) await page.keyboard.press('Escape').catch(() => {});
	try {
		await editor.closeNode();
	} catch {}
	try {
		await editor.closeNodePanel();
	} catch {}
}

function expectListed(result, query, names, displayName) {
	if (names.includes(displayName)) {
		result.details.push(
			`"${query}": listed (${names.indexOf(displayName) + 1} of ${names.length})`,
		);
	} else {
		result.failures.push(
			`searching "${query}" does not list ${displayName} (listed: ${names.slice(0, 8).join(', ') || 'nothing'})`,
		);
	}
}

/**
 * The entry's description: the one n8n shows (for an app listed with its trigger, the trigger's), and it
 * reads as the action: it starts with what the action node does, so that a user looking for the action
 * is not told only about the trigger.
 */
function checkEntryDescription(result, node, shown) {
	const { description, appDescription } = node.panel;
	result.details.push(`entry description: "${shown}"`);
	if (shown !== description)
		result.failures.push(`the entry's description is "${shown}", expected "${description}"`);
	if (appDescription && !shown.startsWith(appDescription))
		result.failures.push(
			`the entry's description "${shown}" does not start with what the node does: "${appDescription}"`,
		);
}

/** The queries users type for a node: its display name, its provider and its codex aliases. */
function searchQueries(node) {
	const queries = [node.displayName, node.provider, ...(node.codex.alias ?? [])];
	return [...new Set(queries.map((query) => String(query).trim()).filter(Boolean))];
}

const nodeId = (index) => `b1d1a0e4-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;

function sandboxCredentials(node) {
	return Object.fromEntries(
		node.credentials
			.filter((type) => SANDBOX_CREDENTIALS[type])
			.map((type) => [type, SANDBOX_CREDENTIALS[type]]),
	);
}

/**
 * Creates over REST, and opens, a workflow with a Manual Trigger (unless the node is a trigger)
 * and one node per entry of `names`, each with n8n's defaults (parameters {}), in a grid.
 */
async function openWorkflowWith(node, names) {
	const nodes = node.isTrigger
		? []
		: [
				{
					id: nodeId(names.length),
					name: 'Manual Trigger',
					type: MANUAL_TRIGGER,
					typeVersion: 1,
					position: [-260, 0],
					parameters: {},
				},
			];
	names.forEach((name, index) =>
		nodes.push({
			id: nodeId(index),
			name,
			type: node.type,
			typeVersion: node.version,
			position: [(index % 5) * 260, Math.floor(index / 5) * 220],
			parameters: {},
			credentials: sandboxCredentials(node),
		}),
	);
	const workflow = await stack.api.createWorkflow({
		name: `Editor test: ${node.displayName}`,
		nodes,
		connections: {},
	});
	await editor.openWorkflow(workflow.id);
}

/** Names of the fresh nodes, one per resource/operation combination. */
const comboNodeName = (node, index) => `${node.displayName} ${index + 1}`;

async function testNode(node) {
	const group = node.displayName;
	section(`${node.displayName} ${dim(`(${node.type})`)}`);

	let listed = false;
	await screen(
		group,
		'node panel of a new workflow: search',
		async (result) => {
			await editor.newWorkflow();
			await editor.openNodePanel({ via: 'plus' });
			result.details.push(`panel: "${await editor.nodePanelTitle()}"`);
			const entry = node.panel.name;
			if (node.panel.mergedWith)
				result.details.push(`listed with ${node.panel.mergedWith} as one entry: "${entry}"`);
			for (const query of searchQueries(node)) {
				const names = await editor.search(query, { expect: entry });
				expectListed(result, query, names, entry);
				if (query === node.displayName && names.includes(entry)) {
					listed = true;
					checkEntryDescription(result, node, await editor.listedDescription(entry));
				}
			}
		},
		{ nodeType: node.type },
	);

	let added = false;
	await screen(
		group,
		'add to the canvas from the node panel',
		async (result) => {
			if (!listed) {
				result.failures.push('the node panel does not list the node: it cannot be added');
				return;
			}
			const { panel } = node;
			await editor.search(node.displayName, { expect: panel.name });
			await editor.clickListed(panel.name);
			// n8n shows an entry's list only when it holds more than one trigger or action.
			if (panel.triggers.length + panel.actions.length > 1) {
				await editor.expandSections();
				const names = await editor.listedNames();
				for (const [kind, expected] of [
					['triggers', panel.triggers],
					['actions', panel.actions],
				]) {
					if (!expected.length) continue;
					const missing = expected.filter(
						(label) => !names.some((name) => name.toLowerCase() === label.toLowerCase()),
					);
					if (missing.length) result.failures.push(`${kind} not listed: ${missing.join(', ')}`);
					result.details.push(
						`${kind}: ${expected.length - missing.length}/${expected.length} listed`,
					);
				}
				result.details.push(`sections: ${(await editor.sectionNames()).join(', ')}`);
				await editor.clickListed(panel.label);
			}
			await editor.parameters.waitFor();
			const onCanvas = await editor.canvasNodes();
			if (!onCanvas.some((entry) => entry.type === node.type)) {
				result.failures.push(`the canvas has no ${node.type} node`);
			}
			if (!node.isTrigger && !onCanvas.some((entry) => entry.type === MANUAL_TRIGGER)) {
				result.details.push('no Manual Trigger was added with it');
			}
			result.details.push(`canvas: ${onCanvas.map((entry) => entry.name).join(', ')}`);
			await editor.closeNode();
			added = true;
		},
		{ nodeType: node.type },
	);
	if (!added) {
		await recover();
		// The remaining screens still check the node's panels: open it from a workflow made over REST.
		try {
			await openWorkflowWith(node, [node.displayName]);
			step('the node was added over the REST API so that its parameter panel can still be checked');
		} catch (error) {
			report.fail(group, 'add the node over the REST API instead', [error.message]);
			return;
		}
	}

	await screen(
		group,
		'node panel after a trigger (N key): search',
		async (result) => {
			await recover();
			await editor.openNodePanel({ via: 'key' });
			result.details.push(`panel: "${await editor.nodePanelTitle()}"`);
			for (const query of new Set([node.displayName, node.provider])) {
				expectListed(
					result,
					query,
					await editor.search(query, { expect: node.panel.name }),
					node.panel.name,
				);
			}
			await editor.closeNodePanel();
		},
		{ nodeType: node.type },
	);

	await screen(
		group,
		'node panel → "Action in an app": search',
		async (result) => {
			await recover();
			await editor.openNodePanel({ via: 'plus' });
			await editor.clickListed('Action in an app');
			result.details.push(`panel: "${await editor.nodePanelTitle()}"`);
			for (const query of new Set([node.displayName, node.provider])) {
				expectListed(
					result,
					query,
					await editor.search(query, { expect: node.panel.name }),
					node.panel.name,
				);
			}
			await editor.closeNodePanel();
		},
		{ nodeType: node.type },
	);

	for (const type of node.credentials) {
		const reference = SANDBOX_CREDENTIALS[type];
		await screen(
			group,
			`credential from the parameter panel: ${reference?.name ?? type}`,
			async (result) => {
				if (!reference)
					throw new Error(`no sandbox credential for ${type} (test/e2e/lib/credentials.mjs)`);
				await recover();
				await editor.openNode(node.type);
				const selected = await editor.selectedCredential(reference.name);
				if (selected !== reference.name) {
					result.failures.push(
						`the node's credential is "${selected}", expected "${reference.name}"`,
					);
				}
				await editor.page.getByTestId('credential-edit-button').first().click();
				await retestCredential(result);
				await editor.closeCredentialModal();
				await editor.closeNode();
			},
			{ nodeType: node.type },
		);
	}
	await recover();
	try {
		await openWorkflowWith(
			node,
			node.combinations.map((_, index) => comboNodeName(node, index)),
		);
	} catch (error) {
		report.fail(group, 'a workflow with a fresh node per combination', [error.message]);
		return;
	}

	for (const [index, combination] of node.combinations.entries()) {
		const nodeName = comboNodeName(node, index);
		await screen(
			group,
			`parameters: ${combination.title}`,
			async (result) => {
				await recover();
				await editor.openNode(node.type, nodeName);
				if (combination.resource) await editor.selectOption('resource', combination.resource.name);
				if (combination.operation)
					await editor.selectOption('operation', combination.operation.name);
				await editor.page.waitForTimeout(400);
				for (const [name, chosen] of [
					['resource', combination.resource],
					['operation', combination.operation],
				]) {
					if (!chosen) continue;
					const shown = await editor.selectedOption(name);
					if (shown !== chosen.name)
						result.failures.push(`${name} shows "${shown}", expected "${chosen.name}"`);
				}
				const text = await editor.parametersText();
				const missing = combination.parameters.filter(
					(parameter) => !text.includes(parameter.label.slice(0, 60)),
				);
				for (const parameter of missing) {
					result.failures.push(`parameter "${parameter.label}" (${parameter.name}) is not shown`);
				}
				result.details.push(
					`${combination.parameters.length - missing.length}/${combination.parameters.length} parameters shown`,
				);
				const panel = await editor.panelProblems(combination.requiredEmpty);
				result.failures.push(...panel.problems);
				if (panel.allowed.length)
					result.details.push(`required, still empty: ${panel.allowed.join(', ')}`);

				for (const locator of combination.locators) {
					const where = locator.collection ? ` in ${locator.collection}` : '';
					if (locator.collection)
						await editor.addCollectionOption(locator.collection, locator.label);
					const found = await editor.searchResourceLocator(locator.name);
					if (!found.initial.length) {
						result.failures.push(`list of "${locator.label}"${where} is empty`);
						continue;
					}
					if (!found.found.length) {
						result.failures.push(
							`searching "${found.term}" in "${locator.label}"${where} finds nothing (list had ${found.initial.length}: ${found.initial.slice(0, 3).join(', ')})`,
						);
						continue;
					}
					if (found.shownAfterPick !== found.picked) {
						result.failures.push(
							`picked "${found.picked}" in "${locator.label}", the field shows "${found.shownAfterPick}"`,
						);
					}
					result.details.push(
						`list "${locator.label}"${where}: ${found.initial.length} entries, "${found.term}" → ${found.found.length}, picked "${found.picked}"`,
					);
				}

				await editor.closeNode();
				const issues = await editor.nodeIssues(node.type, nodeName);
				const allowed = new Set(
					combination.requiredEmpty.map((label) => `Parameter "${label}" is required.`),
				);
				const unexpected = issues.filter((issue) => !allowed.has(issue));
				for (const issue of unexpected) result.failures.push(`node issue: ${issue}`);
				if (issues.length) result.details.push(`issues: ${issues.join(' ')}`);
			},
			{ nodeType: node.type },
		);
	}

	await recover();
}

/**
 * The form says, above its fields, where to get the key and links the page that shows it: the
 * credential's first property is a notice with a link, and n8n shows both above the first field.
 */
async function checkCredentialNotice(result, credential) {
	const { notice, firstField } = credential;
	if (!notice) {
		result.failures.push('the form has no notice above its fields saying where to get the key');
		return;
	}
	if (!notice.links.length) result.failures.push(`the notice links no page: "${notice.text}"`);
	const seen = await editor.credentialNotice(notice.text, notice.links, firstField);
	if (!seen.shown) result.failures.push(`the form does not show the notice "${notice.text}"`);
	const missing = notice.links.filter((href) => !seen.linked.includes(href));
	if (missing.length) result.failures.push(`the notice's link is not shown: ${missing.join(', ')}`);
	if (seen.above === false)
		result.failures.push(`the notice is not above the first field ("${firstField}")`);
	result.details.push(`notice: "${notice.text}" (${notice.links.join(', ')})`);
}

async function testCredentials(credentials) {
	section('Credentials page');
	for (const credential of credentials) {
		const reference = SANDBOX_CREDENTIALS[credential.type];
		await screen(
			'credentials',
			`${reference?.name ?? credential.displayName}: Retry`,
			async (result) => {
				if (!reference)
					throw new Error(
						`no sandbox credential for ${credential.type} (test/e2e/lib/credentials.mjs)`,
					);
				await recover();
				await editor.openCredentialFromList(reference.name);
				await retestCredential(result);
				await checkCredentialNotice(result, credential);
				await checkUnreachableHost(result);
				await editor.closeCredentialModal();
			},
		);
	}
}

// ---- the credential Test when the host cannot be reached (test/ui/lib/credentialReach.mjs) ----

async function checkUnreachableHost(result) {
	const { skipped, failures, details } = await checkUnreachableBaseUrl(editor);
	if (skipped) return;
	result.failures.push(...failures);
	result.details.push(...details);
}

function printScreens() {
	section('Screens visited');
	const width = Math.max(...screens.map((entry) => `${entry.group}: ${entry.title}`.length), 10);
	console.log(dim(`   ${'#'.padStart(3)}  ${'screen'.padEnd(width)}  result  time`));
	for (const entry of screens) {
		const name = `${entry.group}: ${entry.title}`.padEnd(width);
		const result = entry.ok ? (entry.known ? yellow('known ') : green('pass  ')) : red('FAIL  ');
		console.log(
			`   ${String(entry.index).padStart(3)}  ${name}  ${result}  ${seconds(entry.ms).padStart(6)}`,
		);
		if (!entry.ok) console.log(red(`        ${entry.first}`));
	}
	for (const entry of knownIssues.filter((known) => known.seen)) {
		console.log(
			yellow(`   known issue, still there: ${entry.screen} (${entry.node}): ${entry.failure}`),
		);
	}
	for (const entry of knownIssues.filter((known) => !known.seen)) {
		console.log(
			yellow(
				`   known issue no longer seen (remove it from test/ui/known-issues.json once fixed): ${entry.screen}: ${entry.failure}`,
			),
		);
	}
}

async function main() {
	await runner.prepare(`n8n ${versions.n8n} (Node ${versions.node})`);

	section('Browser');
	const executable = ensureChromium();
	console.log(`   ${chromiumVersion(executable)} (${executable})`);

	const nodes = packageNodes().filter(
		(node) => !only || node.displayName.includes(only) || node.type.includes(only),
	);
	const credentials = packageCredentials();
	if (only && nodes.length === 0) throw new Error(`--only ${only} matches no node`);
	console.log(
		`   ${nodes.length} node(s): ${nodes.map((node) => `${node.displayName} (${node.combinations.length} resource/operation combinations)`).join(', ')}`,
	);

	section('Start the sandbox and n8n');
	stack = await runner.start({ sandboxOptions: { sampleData: true } });
	artifacts = path.join(runner.userFolder, 'artifacts');
	mkdirSync(artifacts, { recursive: true });
	console.log(`   screenshots and console logs of failures: ${artifacts}`);

	browser = await launchBrowser(executable);
	runner.onStop('the browser', async () => {
		await browser.context.close().catch(() => {});
		rmSync(browser.userDataDir, { recursive: true, force: true });
	});
	consoleLog = new ConsoleLog(browser.page, stack.server.url);
	editor = new Editor(browser.page, stack.server.url);

	section('Sign in');
	const signedIn = await screen('editor', `sign in as ${OWNER.email}`, async () => {
		await editor.signIn(OWNER);
	});
	if (!signedIn) throw new Error('cannot sign in to the editor');

	for (const node of nodes) await testNode(node);
	await testCredentials(
		only
			? credentials.filter((c) => nodes.some((n) => n.credentials.includes(c.type)))
			: credentials,
	);
}

await runner.execute(main, {
	report,
	what: 'editor tests',
	title: 'Editor tests',
	beforeStop: () => {
		if (screens.length) printScreens();
	},
	afterStop: () => {
		if (report.failed.length && artifacts)
			console.log(red(`   screenshots and console logs: ${artifacts}`));
	},
});

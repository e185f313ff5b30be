/**
 * Build steps that `n8n-node build` (tsc + copying every .svg/.png) does not do:
 * - copy each node's codex file (`*.node.json`, categories and documentation links shown in n8n's node panel);
 * - drop from dist/ anything that is not part of the package (images copied from test/ or examples/,
 *   TypeScript's incremental build info);
 * - check that every node and credential listed in package.json was built, with its codex and both icon variants,
 *   so a broken package fails the build instead of failing inside n8n;
 * - check what n8n's editor does with each codex and icon (see codexProblems and iconProblems): a node must be
 *   findable in the node panel and its documentation link must open the right page.
 */
const fs = require('node:fs');
const path = require('node:path');
const { src, dest, series } = require('gulp');

const DIST = 'dist';

function copyCodexFiles() {
	return src('nodes/**/*.node.json').pipe(dest(`${DIST}/nodes`));
}

async function removeNonPackageFiles() {
	for (const folder of ['test', 'examples', 'scripts']) {
		fs.rmSync(path.join(DIST, folder), { recursive: true, force: true });
	}
	for (const file of fs.readdirSync(DIST)) {
		if (file.endsWith('.tsbuildinfo')) fs.rmSync(path.join(DIST, file));
	}
}

function iconFiles(entryFile, icon) {
	const icons = typeof icon === 'string' ? [icon] : Object.values(icon ?? {});
	return icons.map((file) =>
		path.resolve(path.dirname(entryFile), String(file).replace(/^file:/, '')),
	);
}

/**
 * Node panel categories of n8n's own app nodes. n8n 2.40's editor gives three categories a special meaning:
 * "AI" hides a node from every search and from "Action in an app" (only LangChain root and sub-nodes, with
 * subcategories such as "Root Nodes" or "Tools", show under AI), "Core Nodes" and "HITL" put it among n8n's built-in
 * nodes. None of them fits a community app node.
 */
const APP_CATEGORIES = [
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'Marketing',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];

/** Why n8n's node panel would hide the node or send users to the wrong place; [] when the codex is fine. */
function codexProblems(codex, description, packageName) {
	const problems = [];
	const name = description.name;
	const expectedNode = `${packageName}.${name}`;
	if (codex.node !== expectedNode) problems.push(`${name} codex: "node" must be "${expectedNode}"`);
	const categories = codex.categories ?? [];
	if (!Array.isArray(categories) || categories.length === 0) {
		problems.push(
			`${name} codex: needs "categories" (one or more of ${APP_CATEGORIES.join(', ')})`,
		);
	}
	for (const category of categories) {
		if (category === 'AI') {
			problems.push(
				`${name} codex: the "AI" category hides the node from the node panel's search in n8n 2.x; use e.g. "Marketing"`,
			);
		} else if (!APP_CATEGORIES.includes(category)) {
			problems.push(
				`${name} codex: unknown category "${category}" (use ${APP_CATEGORIES.join(', ')})`,
			);
		}
	}
	if (codex.subcategories && Object.keys(codex.subcategories).length) {
		problems.push(
			`${name} codex: "subcategories" are for n8n's own AI and core nodes; remove them`,
		);
	}
	const aliases = codex.alias ?? [];
	const provider = String(description.displayName).split(/\s+/)[0].toLowerCase();
	if (!aliases.some((alias) => String(alias).toLowerCase() === provider)) {
		problems.push(
			`${name} codex: "alias" must include the provider name "${provider}" and the words users search for`,
		);
	}
	const links = [
		['primaryDocumentation', codex.resources?.primaryDocumentation],
		['credentialDocumentation', codex.resources?.credentialDocumentation],
	];
	for (const [kind, entries] of links) {
		if (kind === 'primaryDocumentation' && !entries?.length) {
			problems.push(
				`${name} codex: needs resources.primaryDocumentation (the node's documentation page)`,
			);
		}
		for (const { url } of entries ?? []) {
			if (!/^https:\/\//.test(String(url)))
				problems.push(`${name} codex: ${kind} "${url}" must be an https URL`);
			// n8n appends "?utm_source=…" to the link: after a "#anchor" or an existing query the page opens at its top
			// or not at all. Link a page of its own instead.
			if (/[#?]/.test(String(url))) {
				problems.push(
					`${name} codex: ${kind} "${url}" must have no #anchor or ?query (n8n appends ?utm_… to it)`,
				);
			}
		}
	}
	return problems;
}

/**
 * n8n's node panel lists an app once: a trigger whose node name is an action node's name plus "Trigger"
 * (creatify + creatifyTrigger) is shown inside that node's entry, and only the action node's codex aliases are
 * searched. A word users type to find the trigger must therefore be among the action node's aliases too.
 */
function mergedTriggerProblems(nodes) {
	const problems = [];
	for (const trigger of nodes.filter(({ description }) => description.group?.includes('trigger'))) {
		const app = nodes.find(
			({ description }) => description.name === trigger.description.name.replace('Trigger', ''),
		);
		if (!app || app === trigger || !trigger.codex || !app.codex) continue;
		const appAliases = new Set((app.codex.alias ?? []).map((alias) => String(alias).toLowerCase()));
		const missing = (trigger.codex.alias ?? []).filter(
			(alias) => !appAliases.has(String(alias).toLowerCase()),
		);
		if (missing.length) {
			problems.push(
				`${trigger.description.name} codex: n8n lists this trigger inside ${app.description.name}'s entry and searches only ${app.description.name}'s aliases; add ${missing.map((alias) => `"${alias}"`).join(', ')} to ${app.description.name}'s codex`,
			);
		}
	}
	return problems;
}

/** Icons must draw with paths: a <text> glyph depends on the fonts installed where n8n runs. */
function iconProblems(file, owner) {
	if (!fs.existsSync(file) || !file.endsWith('.svg')) return [];
	const svg = fs.readFileSync(file, 'utf8');
	const problems = [];
	if (/<(text|tspan|textPath)[\s>]/.test(svg) || /font-family/.test(svg)) {
		problems.push(
			`${owner} icon ${path.relative('.', file)}: draws text with a font; draw the mark with paths`,
		);
	}
	if (!/viewBox=/.test(svg))
		problems.push(`${owner} icon ${path.relative('.', file)}: needs a viewBox`);
	return problems;
}

function exportedClasses(entryFile) {
	return Object.values(require(path.resolve(entryFile))).filter(
		(value) => typeof value === 'function',
	);
}

async function verifyPackage() {
	const { n8n, name: packageName } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
	const problems = [];
	const check = (file, what) => {
		if (!fs.existsSync(file)) problems.push(`${what}: missing ${path.relative('.', file)}`);
	};

	for (const entry of n8n.credentials) {
		check(entry, 'credential');
		if (!fs.existsSync(entry)) continue;
		for (const Credential of exportedClasses(entry)) {
			const credential = new Credential();
			if (!credential.icon || typeof credential.icon !== 'object') {
				problems.push(`${credential.name}: needs light and dark icons`);
			}
			for (const file of iconFiles(entry, credential.icon)) {
				check(file, `${credential.name} icon`);
				problems.push(...iconProblems(file, credential.name));
			}
		}
	}

	const built = [];
	for (const entry of n8n.nodes) {
		check(entry, 'node');
		if (!fs.existsSync(entry)) continue;
		const codexFile = entry.replace(/\.js$/, '.json');
		check(codexFile, 'node codex');
		const codex = fs.existsSync(codexFile)
			? JSON.parse(fs.readFileSync(codexFile, 'utf8'))
			: undefined;
		for (const Node of exportedClasses(entry)) {
			const { description } = new Node();
			if (!description.icon || typeof description.icon !== 'object') {
				problems.push(`${description.name}: needs light and dark icons`);
			}
			for (const file of iconFiles(entry, description.icon)) {
				check(file, `${description.name} icon`);
				problems.push(...iconProblems(file, description.name));
			}
			if (codex) problems.push(...codexProblems(codex, description, packageName));
			built.push({ description, codex });
		}
	}
	problems.push(...mergedTriggerProblems(built));

	if (problems.length)
		throw new Error(`The built package has problems:\n- ${problems.join('\n- ')}`);
	console.log(
		`Package verified: ${n8n.nodes.length} nodes, ${n8n.credentials.length} credentials.`,
	);
}

exports.build = series(copyCodexFiles, removeNonPackageFiles, verifyPackage);
exports.default = exports.build;

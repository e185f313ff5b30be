// What the editor tests check for each node, read from the built package: every node listed in
// package.json `n8n.nodes`, its codex, its resource/operation combinations (from the description's
// `resource` and `operation` options and their displayOptions), the parameters n8n should show for
// each combination, and the searchable resource locators in it. Nothing here names a node, so
// nodes added to package.json later are covered without editing the tests.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { readPackageJson, repoRoot } from '../../e2e/lib/workflows.mjs';

const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));

function loadClasses(file) {
	const absolute = path.join(repoRoot, file);
	if (!existsSync(absolute)) throw new Error(`${file} is listed in package.json but not built`);
	return Object.values(requireFromRepo(absolute)).filter((value) => typeof value === 'function');
}

/** Values n8n compares displayOptions against: a plain value or a {_cnd: {...}} condition. */
function matches(condition, value) {
	if (condition && typeof condition === 'object' && '_cnd' in condition) {
		const [[operator, operand]] = Object.entries(condition._cnd);
		switch (operator) {
			case 'eq':
				return value === operand;
			case 'not':
				return value !== operand;
			case 'gte':
				return value >= operand;
			case 'lte':
				return value <= operand;
			case 'gt':
				return value > operand;
			case 'lt':
				return value < operand;
			case 'between':
				return value >= operand.from && value <= operand.to;
			case 'includes':
				return String(value ?? '').includes(operand);
			case 'startsWith':
				return String(value ?? '').startsWith(operand);
			case 'endsWith':
				return String(value ?? '').endsWith(operand);
			case 'regex':
				return new RegExp(operand).test(String(value ?? ''));
			case 'exists':
				return value !== undefined && value !== null && value !== '';
			default:
				return true;
		}
	}
	return condition === value;
}

function valueOf(values, key, version) {
	if (key === '@version') return version;
	return values[key.replace(/^\//, '')];
}

/** n8n's displayOptions rule for top-level parameters: every `show` key matches, no `hide` key does. */
export function isShown(property, values, version = 1) {
	const { show, hide } = property.displayOptions ?? {};
	for (const [key, allowed] of Object.entries(show ?? {})) {
		const value = valueOf(values, key, version);
		const list = Array.isArray(allowed) ? allowed : [allowed];
		const actual = Array.isArray(value) ? value : [value];
		if (!actual.some((item) => list.some((condition) => matches(condition, item)))) return false;
	}
	for (const [key, denied] of Object.entries(hide ?? {})) {
		const value = valueOf(values, key, version);
		const list = Array.isArray(denied) ? denied : [denied];
		const actual = Array.isArray(value) ? value : [value];
		if (actual.some((item) => list.some((condition) => matches(condition, item)))) return false;
	}
	return true;
}

/** The top-level parameter values of a fresh node once resource and operation are chosen. */
function valuesFor(properties, chosen, version) {
	let values = { ...chosen };
	// Parameters may depend on later ones; a few passes settle every value.
	for (let pass = 0; pass < 3; pass += 1) {
		const next = { ...chosen };
		for (const property of properties) {
			if (property.name in next) continue;
			if (isShown(property, { ...values, ...next }, version))
				next[property.name] = property.default;
		}
		values = next;
	}
	return values;
}

function isEmpty(value) {
	if (value === undefined || value === null || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object' && '__rl' in value) return value.value === '';
	if (typeof value === 'object' && 'mode' in value && 'value' in value) return value.value === '';
	return false;
}

function hasListMode(property) {
	return (
		property.type === 'resourceLocator' &&
		(property.modes ?? []).some(
			(mode) => mode.type === 'list' && mode.typeOptions?.searchListMethod,
		)
	);
}

function optionsOf(properties, name, values, version) {
	return properties
		.filter((property) => property.name === name && property.type === 'options')
		.filter((property) => isShown(property, values, version))
		.flatMap((property) => property.options ?? []);
}

/** Plain text of a parameter label or notice (n8n renders notices as HTML). */
export function labelText(displayName) {
	return String(displayName)
		.replace(/<[^>]+>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Every resource/operation combination of a node description, with what a fresh node of that
 * combination shows: `parameters` (top-level, visible), `requiredEmpty` (display names n8n reports
 * as "Parameter "…" is required." until filled in), `locators` (searchable resource locators,
 * top-level or inside a collection) and `action` (the label in the node panel's actions list).
 */
export function combinations(description) {
	const properties = description.properties ?? [];
	const version = Array.isArray(description.version)
		? Math.max(...description.version)
		: (description.version ?? 1);
	const resourceOptions = optionsOf(properties, 'resource', {}, version);
	const resources = resourceOptions.length ? resourceOptions : [undefined];
	const result = [];
	for (const resource of resources) {
		const base = resource ? { resource: resource.value } : {};
		const operationOptions = optionsOf(properties, 'operation', base, version);
		const operations = operationOptions.length ? operationOptions : [undefined];
		for (const operation of operations) {
			const chosen = { ...base, ...(operation ? { operation: operation.value } : {}) };
			const values = valuesFor(properties, chosen, version);
			const shown = properties.filter(
				(property) => property.type !== 'hidden' && isShown(property, values, version),
			);
			const locators = [];
			for (const property of shown) {
				if (hasListMode(property))
					locators.push({ name: property.name, label: property.displayName });
				if (property.type === 'collection') {
					for (const option of property.options ?? []) {
						if (hasListMode(option)) {
							locators.push({
								name: option.name,
								label: option.displayName,
								collection: labelText(property.displayName),
								collectionName: property.name,
							});
						}
					}
				}
			}
			result.push({
				resource: resource && { value: resource.value, name: resource.name },
				operation: operation && {
					value: operation.value,
					name: operation.name,
					action: operation.action ?? operation.name,
				},
				title: [resource?.name, operation?.name].filter(Boolean).join(' → ') || 'default',
				parameters: shown.map((property) => ({
					name: property.name,
					type: property.type,
					label: labelText(property.displayName),
				})),
				requiredEmpty: shown
					.filter((property) => property.required && isEmpty(values[property.name]))
					.map((property) => labelText(property.displayName)),
				locators,
			});
		}
	}
	return result;
}

/**
 * The labels n8n's node panel gives a trigger in an app's actions list (n8n 2.40, node creator's
 * action parser): one per option of an "Event"/"Events"/"Trigger On" parameter, else a single
 * "On new <app> event".
 */
function triggerActionLabels(description) {
	if (!description.displayName.toLowerCase().includes('trigger')) return [];
	const events = (description.properties ?? []).find((property) =>
		['event', 'events', 'trigger on'].includes(String(property.displayName).toLowerCase()),
	);
	if (!events?.options) {
		return [`On new ${description.displayName.replace('Trigger', '').trimEnd()} event`];
	}
	return events.options
		.filter((option) => !['*', '', ' '].includes(option.name))
		.map((option) => option.action ?? `On ${option.name}`);
}

/**
 * Where a node is in the node panel. n8n 2.40 lists an app once: a trigger node whose type is an
 * action node's type plus "Trigger" (creatify + creatifyTrigger) is folded into that node's entry,
 * which then shows "Triggers" and "Actions" sections. The entry keeps the action node's display
 * name and codex (so only its aliases are searched) and takes the trigger's description.
 * Returns, per node type: { name, description, appDescription, triggers, actions, label, mergedWith }
 * — the entry's name, the description n8n shows for it, the action node's own description (none for
 * a trigger alone), the labels of its trigger and action lists, the label that adds this node, and the display name of
 * the node it shares the entry with.
 */
function panelEntries(nodes) {
	const byType = new Map(nodes.map((node) => [node.type, node]));
	const entries = new Map();
	for (const node of nodes) {
		const actions = node.combinations.map((c) => c.operation?.action).filter(Boolean);
		const triggers = triggerActionLabels(node.description);
		const app = node.isTrigger ? byType.get(node.type.replace('Trigger', '')) : undefined;
		const appActions = app?.combinations.map((c) => c.operation?.action).filter(Boolean) ?? [];
		if (app && app !== node && appActions.length) {
			entries.set(node.type, {
				name: app.displayName,
				description: node.description.description,
				appDescription: app.description.description,
				triggers,
				actions: appActions,
				label: triggers[0],
				mergedWith: app.displayName,
			});
			continue;
		}
		const merged = nodes.find(
			(other) =>
				other.isTrigger && other !== node && other.type.replace('Trigger', '') === node.type,
		);
		const mergedTriggers = merged && actions.length ? triggerActionLabels(merged.description) : [];
		entries.set(node.type, {
			name: node.displayName,
			// A merged entry shows the trigger's description (n8n's node creator: "default to trigger description").
			description: mergedTriggers.length
				? merged.description.description
				: node.description.description,
			appDescription: node.isTrigger ? undefined : node.description.description,
			triggers: node.isTrigger ? triggers : mergedTriggers,
			actions,
			label: node.isTrigger ? triggers[0] : actions[0],
			mergedWith: mergedTriggers.length ? merged.displayName : undefined,
		});
	}
	return entries;
}

/** The provider's name as users type it: the first word of the node's display name. */
export function providerName(displayName) {
	return String(displayName).split(/\s+/)[0];
}

/**
 * Every node of the package: type, display name, provider, codex, credentials, combinations, and
 * `panel`, its entry in the node panel (see panelEntries).
 */
export function packageNodes() {
	const pkg = readPackageJson();
	const nodes = (pkg.n8n?.nodes ?? []).flatMap((file) =>
		loadClasses(file).map((NodeClass) => {
			const { description } = new NodeClass();
			const codexFile = path.join(repoRoot, file.replace(/\.js$/, '.json'));
			const codex = existsSync(codexFile) ? JSON.parse(readFileSync(codexFile, 'utf8')) : {};
			return {
				file,
				type: `${pkg.name}.${description.name}`,
				displayName: description.displayName,
				provider: providerName(description.displayName),
				version: Array.isArray(description.version)
					? Math.max(...description.version)
					: (description.version ?? 1),
				isTrigger: (description.group ?? []).includes('trigger'),
				codex,
				credentials: (description.credentials ?? []).map((credential) => credential.name),
				combinations: combinations(description),
				description,
			};
		}),
	);
	const entries = panelEntries(nodes);
	return nodes.map((node) => ({ ...node, panel: entries.get(node.type) }));
}

/**
 * Every credential type of the package: { type, displayName, notice, firstField }. `notice` is the
 * form's first property when it is a notice (where to get the key): its text and its links; `firstField`
 * the label of the first field after it.
 */
export function packageCredentials() {
	const pkg = readPackageJson();
	return (pkg.n8n?.credentials ?? []).flatMap((file) =>
		loadClasses(file).map((CredentialClass) => {
			const credential = new CredentialClass();
			const [first, ...rest] = credential.properties ?? [];
			const notice =
				first?.type === 'notice'
					? {
							text: labelText(first.displayName),
							links: [...String(first.displayName).matchAll(/href="([^"]+)"/g)].map(
								(match) => match[1],
							),
						}
					: undefined;
			const firstField = (notice ? rest : (credential.properties ?? [])).find(
				(property) => property.type !== 'notice' && property.type !== 'hidden',
			);
			return {
				type: credential.name,
				displayName: credential.displayName,
				file,
				notice,
				firstField: firstField && labelText(firstField.displayName),
			};
		}),
	);
}

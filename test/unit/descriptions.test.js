// Fast static checks of what users see and import, for every node listed in package.json (a node added later is
// covered without editing this file): n8n's UX rules on the descriptions, and every example workflow against the
// descriptions of the nodes it uses — so a wrong example fails here in seconds, before the end-to-end run.
// Plain .js because it reads files (the cloud lint rules forbid `fs` in .ts).
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));

/** The node classes of package.json, loaded from their TypeScript sources. */
const nodes = pkg.n8n.nodes.map((file) => {
	const source = path.join(repo, file.replace(/^dist\//, '').replace(/\.js$/, ''));
	const exported = Object.values(require(source));
	const node = new exported[0]();
	return { file, description: node.description, type: `${pkg.name}.${node.description.name}` };
});

/** Words n8n's Title Case keeps in lower case (unless first). */
const SMALL_WORDS = new Set(
	'a an and as at but by for from in into of on or per the to vs via with'.split(' '),
);

function titleCaseProblem(text) {
	const words = text
		.replace(/[()[\]":,/]/g, ' ')
		.split(/\s+/)
		.filter(Boolean);
	return words.find(
		(word, index) =>
			/^[a-z]/.test(word) &&
			!(index > 0 && SMALL_WORDS.has(word)) &&
			// "e.g.", and version numbers such as "Aurora v1".
			!/^(e\.g\.|v\d[\d.]*)$/.test(word),
	);
}

/** Every property of a description, with the collections' and fixed collections' options inside. */
function allProperties(properties, inside = []) {
	return properties.flatMap((property) => {
		const children = (property.options ?? []).filter((option) => option && option.displayName);
		const groups = (property.options ?? []).filter((option) => Array.isArray(option?.values));
		return [
			{ property, inside },
			...allProperties(children, [...inside, property.name]),
			...groups.flatMap((group) => allProperties(group.values, [...inside, property.name])),
		];
	});
}

describe.each(nodes.map((node) => [node.description.displayName, node]))('%s', (_name, node) => {
	const { description } = node;
	const properties = allProperties(description.properties);

	test('node description is one short line', () => {
		expect(description.description.length).toBeLessThanOrEqual(80);
		expect(description.description).not.toMatch(/\.\s/);
	});

	test('field names are Title Case, booleans say "Whether", placeholders start "e.g."', () => {
		const problems = [];
		for (const { property } of properties) {
			if (property.type === 'notice' || property.type === 'callout') continue;
			const word = titleCaseProblem(property.displayName);
			if (word) problems.push(`${property.name}: "${property.displayName}" (${word})`);
			if (
				property.type === 'boolean' &&
				property.description &&
				!/^Whether /.test(property.description)
			) {
				problems.push(`${property.name}: a boolean's description starts with "Whether"`);
			}
			if (property.placeholder && !/^(e\.g\.|Add )/.test(property.placeholder)) {
				problems.push(`${property.name}: placeholder "${property.placeholder}" starts with "e.g."`);
			}
		}
		expect(problems).toEqual([]);
	});

	test('dropdown options: Title Case names without API literals, sentence-case descriptions', () => {
		const problems = [];
		for (const { property } of properties) {
			if (!['options', 'multiOptions'].includes(property.type)) continue;
			for (const option of property.options ?? []) {
				const word = titleCaseProblem(option.name);
				if (word) problems.push(`${property.name} → "${option.name}" (${word})`);
				if (/[A-Z]{2,}_[A-Z]|\[".*"\]/.test(option.name)) {
					problems.push(`${property.name} → "${option.name}" shows an API literal`);
				}
				if (option.description && !/^[A-Z0-9"“(]/.test(option.description)) {
					problems.push(`${property.name} → "${option.name}": description starts in sentence case`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	// n8n marks an options field whose value is not one of its options ('The value "" is not supported!'), so a
	// default outside the list would put a warning on every freshly added node.
	test("every dropdown's default is one of its options", () => {
		const problems = [];
		for (const { property } of properties) {
			if (property.type !== 'options' || property.typeOptions?.loadOptionsMethod) continue;
			const values = (property.options ?? []).map((option) => option.value);
			if (!values.includes(property.default)) {
				problems.push(
					`${property.name}: default ${JSON.stringify(property.default)} is not an option`,
				);
			}
		}
		expect(problems).toEqual([]);
	});

	const isTrigger = description.group.includes('trigger');
	// Resource/operation nodes only (a trigger has neither).
	if (!isTrigger)
		test('every operation has an action and a description', () => {
			const operations = description.properties.filter((property) => property.name === 'operation');
			expect(operations.length).toBeGreaterThan(0);
			for (const operation of operations) {
				for (const option of operation.options) {
					expect(option).toEqual(
						expect.objectContaining({
							action: expect.any(String),
							description: expect.any(String),
						}),
					);
				}
			}
		});
});

const examplesDir = path.join(repo, 'examples');
const examples = readdirSync(examplesDir)
	.filter((file) => file.endsWith('.json'))
	.map((file) => [file, JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8'))]);

describe.each(examples)('example %s', (_file, workflow) => {
	const ours = workflow.nodes.filter((node) => node.type.startsWith(`${pkg.name}.`));

	test('uses only nodes of this package that exist', () => {
		for (const node of ours) expect(nodes.map((known) => known.type)).toContain(node.type);
	});

	test.each(ours.map((node) => [node.name, node]))(
		'%s: parameters exist, with valid values',
		(_n, node) => {
			const known = nodes.find((candidate) => candidate.type === node.type);
			if (!known) return;
			const byName = new Map();
			for (const { property, inside } of allProperties(known.description.properties)) {
				byName.set([...inside, property.name].join('.'), [
					...(byName.get(property.name) ?? []),
					property,
				]);
				if (!inside.length)
					byName.set(property.name, [...(byName.get(property.name) ?? []), property]);
			}
			const problems = [];
			const check = (name, value, prefix) => {
				const key = prefix ? `${prefix}.${name}` : name;
				const candidates = byName.get(key);
				if (!candidates) return problems.push(`unknown parameter "${key}"`);
				const isExpression = typeof value === 'string' && value.startsWith('=');
				const choices = candidates.filter((property) => property.type === 'options');
				if (choices.length && !isExpression) {
					const allowed = choices.flatMap((property) =>
						property.options.map((option) => option.value),
					);
					if (!allowed.includes(value))
						problems.push(`"${key}" = ${JSON.stringify(value)} is not an option`);
				}
				const collection = candidates.find((property) => property.type === 'collection');
				if (collection && value && typeof value === 'object' && !Array.isArray(value)) {
					for (const [child, childValue] of Object.entries(value)) check(child, childValue, key);
				}
			};
			for (const [name, value] of Object.entries(node.parameters ?? {})) check(name, value, '');
			expect(problems).toEqual([]);
		},
	);
});

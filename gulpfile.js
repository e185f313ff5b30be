/**
 * Build steps that `n8n-node build` (tsc + copying every .svg/.png) does not do:
 * - copy each node's codex file (`*.node.json`, categories and documentation links shown in n8n's node panel);
 * - drop from dist/ anything that is not part of the package (images copied from test/ or examples/,
 *   TypeScript's incremental build info);
 * - check that every node and credential listed in package.json was built, with its codex and both icon variants,
 *   so a broken package fails the build instead of failing inside n8n.
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
	return icons.map((file) => path.resolve(path.dirname(entryFile), String(file).replace(/^file:/, '')));
}

function exportedClasses(entryFile) {
	return Object.values(require(path.resolve(entryFile))).filter((value) => typeof value === 'function');
}

async function verifyPackage() {
	const { n8n } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
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
			for (const file of iconFiles(entry, credential.icon)) check(file, `${credential.name} icon`);
		}
	}

	for (const entry of n8n.nodes) {
		check(entry, 'node');
		if (!fs.existsSync(entry)) continue;
		check(entry.replace(/\.js$/, '.json'), 'node codex');
		for (const Node of exportedClasses(entry)) {
			const { description } = new Node();
			if (!description.icon || typeof description.icon !== 'object') {
				problems.push(`${description.name}: needs light and dark icons`);
			}
			for (const file of iconFiles(entry, description.icon)) check(file, `${description.name} icon`);
		}
	}

	if (problems.length) throw new Error(`The built package is incomplete:\n- ${problems.join('\n- ')}`);
	console.log(`Package verified: ${n8n.nodes.length} nodes, ${n8n.credentials.length} credentials.`);
}

exports.build = series(copyCodexFiles, removeNonPackageFiles, verifyPackage);
exports.default = exports.build;

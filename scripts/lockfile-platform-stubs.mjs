#!/usr/bin/env node
/**
 * Keeps `npm ci` working when the registry in use serves only this platform's native builds.
 *
 * unrs-resolver (pulled in by the n8n lint tooling) lists one optional native package per platform. When the
 * registry has no metadata for the other platforms' packages, `npm install` leaves them out of package-lock.json,
 * and `npm ci` then refuses the lock file as "out of sync". This adds each missing optional package as an entry
 * with its version, OS and CPU (read from its name, e.g. `@unrs/resolver-binding-darwin-arm64`), which npm skips on
 * other platforms and resolves from the registry on its own.
 *
 * Run after any `npm install` that rewrites package-lock.json:  node scripts/lockfile-platform-stubs.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];

for (const entry of Object.values(packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `node_modules/${name}`;
		if (packages[key]) continue;
		const platform = /-(android|darwin|freebsd|linux|openharmony|win32)-([a-z0-9]+)/.exec(name);
		if (!platform) continue;
		packages[key] = {
			version,
			cpu: [platform[2]],
			...(entry.dev ? { dev: true } : {}),
			optional: true,
			os: [platform[1]],
		};
		added.push(name);
	}
}

writeFileSync(file, `${JSON.stringify(lock, null, '\t')}\n`);
console.log(added.length ? `Added ${added.length} platform entries:\n  ${added.join('\n  ')}` : 'Nothing to add.');

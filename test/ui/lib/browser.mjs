// The browser the editor tests drive: Debian's `chromium` package, launched by playwright-core
// (which downloads no browser of its own).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, selectors } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Chromium flags for a closed network. Without the background-networking flags chromium keeps
 * trying to reach Google services (component updates, sync, field trials) and its connections
 * are refused; QUIC is off for the same reason. `--headless` is added by Playwright itself
 * (`headless: true`); the profile is a fresh `--user-data-dir` (launchPersistentContext).
 */
export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function findChromium() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
		return fromEnv;
	}
	return CANDIDATES.find((file) => existsSync(file));
}

function run(command, args) {
	console.log(`   $ ${[command, ...args].join(' ')}`);
	const result = spawnSync(command, args, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (result.error) throw new Error(`${command}: ${result.error.message}`);
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

/**
 * The chromium executable; installs Debian's `chromium` package with apt-get when it is missing
 * (as root, or through `sudo -n` when that works without a password).
 */
export function ensureChromium() {
	const found = findChromium();
	if (found) return found;
	console.log("   chromium is not installed: installing Debian's chromium package with apt-get");
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const sudo = asRoot ? [] : ['sudo', '-n'];
	const apt = (args) =>
		sudo.length ? run(sudo[0], [...sudo.slice(1), 'apt-get', ...args]) : run('apt-get', args);
	apt(['update']);
	apt(['install', '-y', 'chromium']);
	const installed = findChromium();
	if (!installed)
		throw new Error('apt-get installed chromium, but no chromium executable was found');
	return installed;
}

export function chromiumVersion(executablePath) {
	const result = spawnSync(executablePath, ['--version'], { encoding: 'utf8' });
	return (result.stdout || '').trim() || 'unknown version';
}

/** A fresh browser profile and one page; n8n's `data-test-id` attributes become `getByTestId`. */
export async function launchBrowser(
	executablePath,
	{ viewport = { width: 1440, height: 900 } } = {},
) {
	selectors.setTestIdAttribute('data-test-id');
	const userDataDir = mkdtempSync(path.join(tmpdir(), 'n8n-ui-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	context.setDefaultTimeout(15_000);
	const page = context.pages()[0] ?? (await context.newPage());
	return { context, page, userDataDir };
}

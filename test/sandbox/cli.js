#!/usr/bin/env node
'use strict';

/**
 * Starts the provider sandbox from the command line (`npm run sandbox -- --port 4010`) and keeps it running
 * until Ctrl-C. Another process can then drive it over HTTP (`/__sandbox/...`).
 */

const { startSandbox, SANDBOX_KEYS } = require('./index');

const HELP = `Usage: npm run sandbox -- [options]

  --port <n>                 port to listen on (default 4010; 0 = any free port)
  --host <host>              interface (default 127.0.0.1)
  --public-url <url>         origin written into result URLs (default http://<host>:<port>)
  --durations-ms <spec>      job durations: "200-600" for every job kind, or per kind:
                             "creatify=1000-3000,sixtyseconds=500,tiktokAvatar=2000-4000,tiktokRefresh=1000"
  --video-bytes <n>          size of generated result videos (default 262144)
  --seed <n>                 PRNG seed (default 1)
  --failure-rate <0..1>      share of jobs that fail at random (default 0)
  --creatify-credits <n>     Creatify balance (default 1000)
  --genviral-credits <n>     Genviral credits per period (default 100)
  --no-enforce-rate-limits   record rate-limit violations but answer normally
  --manual-clock             time only moves through POST /__sandbox/time
  --sample-data              start with sample records (three Creatify links) as a used account has
  --help                     this text
`;

function parseRange(text) {
	const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
	if (!m) throw new Error(`Invalid duration "${text}" (expected "min-max" or a number of ms)`);
	return { minMs: Number(m[1]), maxMs: Number(m[2] ?? m[1]) };
}

function parseDurations(spec) {
	if (!spec.includes('=')) return parseRange(spec);
	const out = {};
	for (const part of spec.split(',')) {
		const [kind, range] = part.split('=');
		out[kind.trim()] = parseRange(range);
	}
	return out;
}

function parseArgs(argv) {
	const options = { port: 4010 };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${arg} needs a value`);
			return v;
		};
		const number = () => {
			const n = Number(value());
			if (!Number.isFinite(n)) throw new Error(`${arg} needs a number`);
			return n;
		};
		switch (arg) {
			case '--port':
				options.port = number();
				break;
			case '--host':
				options.host = value();
				break;
			case '--public-url':
				options.publicUrl = value();
				break;
			case '--durations-ms':
				options.durations = parseDurations(value());
				break;
			case '--video-bytes':
				options.videoBytes = number();
				break;
			case '--seed':
				options.seed = number();
				break;
			case '--failure-rate':
				options.failureRate = number();
				break;
			case '--creatify-credits':
				options.creatifyCredits = number();
				break;
			case '--genviral-credits':
				options.genviralCredits = number();
				break;
			case '--no-enforce-rate-limits':
				options.enforceRateLimits = false;
				break;
			case '--manual-clock':
				options.manualClock = true;
				break;
			case '--sample-data':
				options.sampleData = true;
				break;
			case '--help':
			case '-h':
				process.stdout.write(HELP);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${arg}\n\n${HELP}`);
		}
	}
	return options;
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (err) {
		process.stderr.write(`${err.message}\n`);
		process.exit(2);
	}
	const sandbox = await startSandbox(options);
	const c = sandbox.credentials;
	const lines = [
		`Provider sandbox listening on ${sandbox.url}`,
		'',
		"Base URLs (put them into the credentials' Base URL field):",
		`  Creatify      ${c.creatifyApi.baseUrl}`,
		`  SixtySeconds  ${c.sixtySecondsApi.baseUrl}`,
		`  TikTok        ${c.tiktokBusinessApi.baseUrl}   (Environment: Custom URL)`,
		`  Genviral      ${c.genviralApi.baseUrl}`,
		`  Media         ${sandbox.url}/files/videos/<name>.mp4?bytes=N`,
		`  Control API   ${sandbox.url}/__sandbox/{requests,stats,faults,reset,config,state,time,info}`,
		'',
		'Sandbox keys (test values, accepted only here):',
		`  Creatify      API ID ${SANDBOX_KEYS.creatify.apiId}, API key ${SANDBOX_KEYS.creatify.apiKey}`,
		`  SixtySeconds  ${SANDBOX_KEYS.sixtyseconds.apiKey}`,
		`  TikTok        ${SANDBOX_KEYS.tiktok.accessToken}  (also ${SANDBOX_KEYS.tiktok.expiredToken}, ${SANDBOX_KEYS.tiktok.noPermissionToken}, ${SANDBOX_KEYS.tiktok.notAllowlistedToken})`,
		`  Genviral      ${SANDBOX_KEYS.genviral.apiKey}  (also ${SANDBOX_KEYS.genviral.noPlanKey}, ${SANDBOX_KEYS.genviral.schedulerKey})`,
		'',
		'Press Ctrl-C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sandbox.close();
		process.stdout.write('Sandbox stopped.\n');
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	process.stderr.write(`${err.stack || err}\n`);
	process.exit(1);
});

// The date filters of Avatar Video → Get Many must send the calendar day the user picked, whatever time zone the
// n8n server runs in. n8n's date picker writes the day as local wall time, "2026-11-01T00:00:00"; reading that as
// an instant and converting it to UTC gave 2026-10-31 east of UTC. A process reads its time zone at start, so
// each zone runs `calendarDay` (the TypeScript source, transpiled) in a Node process of its own with TZ set.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const ZONES = {
	UTC: '2026-11-01T00:00:00.000Z',
	'Europe/Berlin': '2026-10-31T23:00:00.000Z',
	'Asia/Tokyo': '2026-10-31T15:00:00.000Z',
	'America/Los_Angeles': '2026-11-01T07:00:00.000Z',
};
const PICKED = [
	'2026-11-01T00:00:00',
	'2026-11-30T00:00:00',
	'2026-11-01',
	'2026-11-30T00:00:00.000+09:00',
];

let folder;
let script;
let nodePath;
beforeAll(() => {
	const repo = path.resolve(__dirname, '../..');
	nodePath = path.join(repo, 'node_modules');
	const source = readFileSync(path.join(repo, 'nodes/shared/validation.ts'), 'utf8');
	folder = mkdtempSync(path.join(tmpdir(), 'calendar-day-'));
	const compiled = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
	}).outputText;
	writeFileSync(path.join(folder, 'validation.js'), compiled);
	script = `
		const { calendarDay } = require(${JSON.stringify(path.join(folder, 'validation.js'))});
		const picked = ${JSON.stringify(PICKED)};
		console.log(JSON.stringify({
			midnight: new Date('2026-11-01T00:00:00').toISOString(),
			days: picked.map((value) => calendarDay(value)),
		}));`;
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it.each(Object.entries(ZONES))(
	'with TZ=%s the picked days are sent as picked',
	(zone, midnight) => {
		const output = execFileSync(process.execPath, ['-e', script], {
			env: { ...process.env, TZ: zone, NODE_PATH: nodePath },
			encoding: 'utf8',
		});
		const result = JSON.parse(output);
		// The zone is in effect: the same wall time is a different instant in each zone.
		expect(result.midnight).toBe(midnight);
		expect(result.days).toEqual(['2026-11-01', '2026-11-30', '2026-11-01', '2026-11-30']);
	},
);

// The release workflow (.github/workflows/publish.yml) can publish: npm gets the repository secret as its token when
// one is set, and trusted publishing (OIDC, no token) otherwise. It once set `NPM_TOKEN: $`, a literal "$" that made
// the token guard always true and npm's token "$", so neither route could work.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const workflow = readFileSync(path.join(__dirname, '../../.github/workflows/publish.yml'), 'utf8');
const code = workflow
	.split('\n')
	.filter((line) => !/^\s*#/.test(line))
	.join('\n');

test('NPM_TOKEN comes from the repository secret, nowhere else', () => {
	const assignments = [...code.matchAll(/^\s*NPM_TOKEN:\s*(.*)$/gm)].map((match) =>
		match[1].trim(),
	);
	expect(assignments).toEqual(['${{ secrets.NPM_TOKEN }}']);
});

test('the token is written only when the secret is set', () => {
	expect(code).toMatch(
		/if \[ -n "\$\{NPM_TOKEN\}" \]; then\s+npm config set \/\/registry\.npmjs\.org\/:_authToken "\$\{NPM_TOKEN\}"\s+fi/,
	);
});

test('provenance and trusted publishing: an OIDC token can be minted, npm 11 (Node 24), npm run release', () => {
	expect(code).toMatch(/permissions:\s+id-token: write\s+contents: read/);
	expect(code).toMatch(/node-version: '24'/);
	expect(code).toMatch(/run: \|[\s\S]*npm run release/);
});

test("a version tag publishes only when it is the package version, after n8n's scan", () => {
	expect(code).toMatch(/GITHUB_REF_NAME" != "\$version"/);
	expect(code.indexOf('npm run scan')).toBeGreaterThan(-1);
	expect(code.indexOf('npm run scan')).toBeLessThan(code.indexOf('npm run release'));
});

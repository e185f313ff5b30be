import { runNode, testCredential } from '../../helpers/n8nContext';
import { SANDBOX_KEYS } from '../../sandbox';
import { nodeType, credentialType, sandbox, credentials } from './setup';

describe('TikTok errors and the credential', () => {
	it.each([
		[SANDBOX_KEYS.tiktok.notAllowlistedToken, 40118, /allowlist/],
		[SANDBOX_KEYS.tiktok.noPermissionToken, 40001, /Generative AI Tool > Video Generation/],
		[SANDBOX_KEYS.tiktok.expiredToken, 40102, /Re-authorize/],
		['not-a-token', 40105, /credential/],
	])('maps the answer for token %s to code %s with a hint', async (token, code, hint) => {
		const { error } = await runNode({
			nodeType,
			credentialTypes: [credentialType],
			credentials: credentials(token),
			parameters: { resource: 'avatar', operation: 'getMany', limit: 1 },
		});
		expect(error?.message).toContain(`(code ${code})`);
		expect(error?.description).toMatch(hint);
		expect(error?.description).toMatch(/Request ID: /);
		expect(JSON.stringify(error)).not.toContain(token === 'not-a-token' ? 'not-a-token' : token);
	});

	it('passes the credential test with a good token and fails it visibly with a bad one', async () => {
		const good = await testCredential({
			credentialType,
			data: credentials().tiktokBusinessApi,
			nodeType,
		});
		expect(good.status).toBe('OK');
		const bad = await testCredential({
			credentialType,
			data: credentials('revoked-token').tiktokBusinessApi,
			nodeType,
		});
		expect(bad).toEqual({
			status: 'Error',
			message: expect.stringMatching(/invalid or was revoked.*40105/),
		});
		const missing = await testCredential({
			credentialType,
			data: credentials('').tiktokBusinessApi,
			nodeType,
		});
		expect(missing.message).toMatch(/40104/);
		const [request] = sandbox.requests({ endpoint: 'GET /open_api/v1.3/user/info/' });
		expect(request.auth).toBe('valid');
	});
});

/**
 * The credential Test's sentences for failures the integration tests cannot cause on demand (a certificate that
 * expired, an unreachable network, n8n's SSRF protection refusing the host), and the TikTok test's reading of
 * TikTok's HTTP 200 refusals.
 */
import { answerMessage, networkFailureMessage } from '../../nodes/shared/credentialTest';
import type { CredentialCheck } from '../../nodes/shared/credentialTest';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('networkFailureMessage', () => {
	const baseUrl = { urlField: 'Base URL' };

	it.each([
		[
			withCode('CERT_HAS_EXPIRED', 'certificate has expired'),
			'Could not open a secure connection to api.creatify.ai (certificate or TLS error) — check the Base URL (https:// or http://) and any proxy that inspects HTTPS. [CERT_HAS_EXPIRED]',
		],
		[
			withCode('DEPTH_ZERO_SELF_SIGNED_CERT'),
			'Could not open a secure connection to api.creatify.ai (certificate or TLS error) — check the Base URL (https:// or http://) and any proxy that inspects HTTPS. [DEPTH_ZERO_SELF_SIGNED_CERT]',
		],
		[
			withCode('EHOSTUNREACH'),
			'Could not reach api.creatify.ai: the network or the host is unreachable — check the Base URL and your network (proxy, firewall). [EHOSTUNREACH]',
		],
		[
			withCode('ETIMEDOUT', 'connect ETIMEDOUT'),
			'No answer from api.creatify.ai within 60 s — check the Base URL and your network (proxy, firewall); if the service is just slow, raise the Request Timeout. [ETIMEDOUT]',
		],
		[
			// n8n's SSRF protection refuses before connecting; its own sentence says why.
			new Error('The request was blocked because it resolves to a restricted IP address'),
			'Could not reach api.creatify.ai: The request was blocked because it resolves to a restricted IP address — check the Base URL and your network (proxy, firewall).',
		],
	])('%s', (error, message) => {
		expect(networkFailureMessage(error, baseUrl, 'api.creatify.ai', 60_000)).toBe(message);
	});

	it('names the Environment when that is what chose the host (TikTok production or sandbox)', () => {
		expect(
			networkFailureMessage(
				withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND business-api.tiktok.com'),
				{ urlField: 'Environment' },
				'business-api.tiktok.com',
				60_000,
			),
		).toBe(
			'Could not reach business-api.tiktok.com: no server by that name was found — check the Environment and your network (proxy, firewall). [ENOTFOUND]',
		);
	});
});

describe('answerMessage', () => {
	const check: CredentialCheck = {
		provider: 'Genviral',
		baseUrl: 'https://www.genviral.io/api/partner/v1',
		urlField: 'Base URL',
		path: '/accounts',
		headers: {},
		refusals: { 401: 'Genviral rejected the partner API key.' },
	};

	it.each([
		[{ statusCode: 200, body: { ok: true } }, undefined],
		[{ statusCode: 401, body: {} }, 'Genviral rejected the partner API key.'],
		[
			{ statusCode: 403, body: {} },
			'Genviral refused the key (HTTP 403) — copy it again into this credential.',
		],
		[
			{ statusCode: 429, statusMessage: 'Too Many Requests', body: {} },
			'Genviral answered HTTP 429 Too Many Requests (rate limit) — wait a minute and test again.',
		],
	])('%j', (response, message) => {
		expect(answerMessage(response, check, 'www.genviral.io')).toBe(message);
	});
});

describe('TikTok: refusals in HTTP 200', () => {
	it('reads the code, and fails an answer without the user', async () => {
		const { tiktokBusinessApiTest } = await import('../../nodes/TikTok/transport');
		const answers = [
			{ code: 0, data: { core_user_id: '7' } },
			{ code: 40105, data: {} },
			{ code: 51000, data: {} },
		];
		const messages: Array<string | undefined> = [];
		for (const body of answers) {
			const result = await tiktokBusinessApiTest.call(
				{
					logger: undefined as never,
					helpers: { request: async () => ({ statusCode: 200, body }) } as never,
				},
				{ id: '1', name: 'TikTok', type: 'tiktokBusinessApi', data: { accessToken: 'token-123' } },
			);
			messages.push(result.status === 'OK' ? undefined : result.message);
		}
		expect(messages).toEqual([
			undefined,
			'TikTok rejected the access token: it is invalid or was revoked. Generate a new one. (TikTok code 40105)',
			expect.stringMatching(/^TikTok did not accept this token/),
		]);
	});
});

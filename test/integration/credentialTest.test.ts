/**
 * Every credential's Test button as n8n runs it (the function its nodes name in `testedBy`, in n8n-core's real
 * CredentialTestContext, over real HTTP): it passes against the provider sandbox, and when the host cannot be
 * reached or is not the API, the message names the host and the field to check — never the bare error code alone,
 * never the key.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, INodeType } from 'n8n-workflow';

import { CreatifyApi } from '../../credentials/CreatifyApi.credentials';
import { GenviralApi } from '../../credentials/GenviralApi.credentials';
import { SixtySecondsApi } from '../../credentials/SixtySecondsApi.credentials';
import { TiktokBusinessApi } from '../../credentials/TiktokBusinessApi.credentials';
import { Creatify } from '../../nodes/Creatify/Creatify.node';
import { CreatifyTrigger } from '../../nodes/Creatify/CreatifyTrigger.node';
import { Genviral } from '../../nodes/Genviral/Genviral.node';
import { SixtySeconds } from '../../nodes/SixtySeconds/SixtySeconds.node';
import { TikTokDigitalAvatar } from '../../nodes/TikTokDigitalAvatar/TikTokDigitalAvatar.node';
import { TikTokRefreshAds } from '../../nodes/TikTokRefreshAds/TikTokRefreshAds.node';
import { testCredential } from '../helpers/n8nContext';
import { useSandbox } from '../helpers/sandboxSuite';
import { startTestHosts } from '../helpers/testHosts';
import type { TestHosts } from '../helpers/testHosts';
import type { SandboxProvider } from '../sandbox';

interface Case {
	credentialType: ICredentialType;
	provider: SandboxProvider;
	/** Every node of the package that uses the credential: n8n tests it with whichever it finds first. */
	nodes: INodeType[];
	secretFields: string[];
}

const CASES: Case[] = [
	{
		credentialType: new CreatifyApi(),
		provider: 'creatify',
		nodes: [new Creatify(), new CreatifyTrigger()],
		secretFields: ['apiId', 'apiKey'],
	},
	{
		credentialType: new GenviralApi(),
		provider: 'genviral',
		nodes: [new Genviral()],
		secretFields: ['apiKey'],
	},
	{
		credentialType: new SixtySecondsApi(),
		provider: 'sixtyseconds',
		nodes: [new SixtySeconds()],
		secretFields: ['apiKey'],
	},
	{
		credentialType: new TiktokBusinessApi(),
		provider: 'tiktok',
		nodes: [new TikTokDigitalAvatar(), new TikTokRefreshAds()],
		secretFields: ['accessToken'],
	},
];

const sandbox = useSandbox();
let hosts: TestHosts;

beforeAll(async () => {
	hosts = await startTestHosts();
});
afterAll(async () => {
	await hosts.close();
});

/** The sandbox credential with its Base URL's origin swapped (the provider's path prefix kept). */
function dataWith(
	type: string,
	origin?: string,
	extra: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	const data = {
		...(sandbox.credentials as unknown as Record<string, ICredentialDataDecryptedObject>)[type],
	};
	if (origin) data.baseUrl = String(data.baseUrl).replace(/^https?:\/\/[^/]+/, origin);
	return { ...data, ...extra };
}

function sandboxPort(): string {
	return new URL(sandbox.url).port;
}

describe.each(CASES)(
	'$credentialType.displayName',
	({ credentialType, provider, nodes, secretFields }) => {
		const nodeType = nodes[0];

		async function test(data: ICredentialDataDecryptedObject, node: INodeType = nodeType) {
			const result = await testCredential({ credentialType, data, nodeType: node });
			for (const field of secretFields) expect(result.message).not.toContain(String(data[field]));
			return result;
		}

		it.each(nodes.map((node) => [node.description.displayName, node]))(
			'passes against the sandbox, tested by %s',
			async (_name, node) => {
				expect(await test(dataWith(credentialType.name), node as INodeType)).toEqual({
					status: 'OK',
					message: 'Connection successful!',
				});
				expect(sandbox.requests({ provider })).toEqual([
					expect.objectContaining({ method: 'GET', auth: 'valid' }),
				]);
			},
		);

		it('names the host and the Base URL when nothing listens on the port', async () => {
			const result = await test(
				dataWith(credentialType.name, `http://127.0.0.1:${hosts.closedPort}`),
			);
			expect(result).toEqual({
				status: 'Error',
				message: `Could not reach 127.0.0.1:${hosts.closedPort}: the connection was refused (nothing answers on that port) — check the Base URL and your network (proxy, firewall). [ECONNREFUSED]`,
			});
		});

		it('names the host when its name does not resolve', async () => {
			const host = `api.${provider}.invalid`;
			const result = await test(dataWith(credentialType.name, `https://${host}`));
			expect(result.status).toBe('Error');
			// ENOTFOUND, or EAI_AGAIN where no name server answers at all.
			expect(result.message).toMatch(
				new RegExp(
					`^Could not reach ${host.replace(/\./g, '\\.')}: no server by that name was found — check the Base URL and your network \\(proxy, firewall\\)\\. \\[(ENOTFOUND|EAI_AGAIN)\\]$`,
				),
			);
		});

		it('says how long it waited when the host never answers, and which setting sets it', async () => {
			const port = hosts.silentPort;
			const result = await test(
				dataWith(credentialType.name, `http://127.0.0.1:${port}`, { requestTimeout: 1 }),
			);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				new RegExp(
					`^No answer from 127\\.0\\.0\\.1:${port} within 1 s — check the Base URL and your network \\(proxy, firewall\\); if the service is just slow, raise the Request Timeout\\.`,
				),
			);
		});

		it('calls a TLS failure a TLS failure (https:// to a plain-HTTP server)', async () => {
			const result = await test(
				dataWith(credentialType.name, `https://127.0.0.1:${sandboxPort()}`),
			);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				new RegExp(
					`^Could not open a secure connection to 127\\.0\\.0\\.1:${sandboxPort()} \\(certificate or TLS error\\) — check the Base URL`,
				),
			);
		});

		it('says the Base URL is wrong when the host answers 404 or with a web page', async () => {
			const data = dataWith(credentialType.name);
			const notFound = await test({ ...data, baseUrl: `${sandbox.url}/no-such-api` });
			expect(notFound.status).toBe('Error');
			expect(notFound.message).toMatch(/answered HTTP 404.* — check the Base URL/);

			const port = hosts.webPagePort;
			const page = await test(dataWith(credentialType.name, `http://127.0.0.1:${port}`));
			expect(page.status).toBe('Error');
			expect(page.message).toMatch(
				new RegExp(
					`^127\\.0\\.0\\.1:${port} answered, but not the way the .* API does \\(no JSON\\) — check the Base URL\\.$`,
				),
			);
		});

		it('tells a provider outage and a dropped connection apart from a wrong key', async () => {
			sandbox.injectFault({ provider, type: 'http', status: 503 });
			const outage = await test(dataWith(credentialType.name));
			expect(outage.status).toBe('Error');
			expect(outage.message).toMatch(/answered HTTP 503.*side; test again in a few minutes/);

			sandbox.injectFault({ provider, type: 'drop' });
			const dropped = await test(dataWith(credentialType.name));
			expect(dropped.status).toBe('Error');
			expect(dropped.message).toMatch(
				/^Could not reach 127\.0\.0\.1:\d+: the connection was closed before an answer — check the Base URL/,
			);
		});

		it("keeps to the credential's Allowed HTTP Request Domains, as n8n's request test does", async () => {
			const data = dataWith(credentialType.name);
			const outside = await test({
				...data,
				allowedHttpRequestDomains: 'domains',
				allowedDomains: 'api.example.com',
			});
			expect(outside.status).toBe('Error');
			expect(outside.message).toMatch(
				/^Could not reach 127\.0\.0\.1:\d+: Domain not allowed.*api\.example\.com — check the Base URL and the credential's Allowed HTTP Request Domains\.$/,
			);
			expect(sandbox.requests({ provider })).toEqual([]);

			const inside = await test({
				...data,
				allowedHttpRequestDomains: 'domains',
				allowedDomains: '127.0.0.1',
			});
			expect(inside).toEqual({ status: 'OK', message: 'Connection successful!' });
		});

		it('says "the URL is not a web address" for a Base URL without a scheme, without echoing it', async () => {
			const result = await test({ ...dataWith(credentialType.name), baseUrl: 'api.example.com' });
			expect(result).toEqual({
				status: 'Error',
				message:
					'The Base URL is not a full web address — it must start with https:// (or http://).',
			});
		});
	},
);

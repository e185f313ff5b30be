import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { jsonParse, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CreatifyApi } from '../../credentials/CreatifyApi.credentials';
import { GenviralApi } from '../../credentials/GenviralApi.credentials';
import { SixtySecondsApi } from '../../credentials/SixtySecondsApi.credentials';
import { TiktokBusinessApi } from '../../credentials/TiktokBusinessApi.credentials';
import { creatifyApiRequest } from '../../nodes/Creatify/transport';
import { genviralApiRequest } from '../../nodes/Genviral/transport';
import { withItemIndex } from '../../nodes/shared/items';
import type { ApiContext } from '../../nodes/shared/request';
import { sixtySecondsApiRequest } from '../../nodes/SixtySeconds/transport';
import { tiktokApiRequest } from '../../nodes/TikTok/transport';
import type { RunResult } from './n8nContext';
import { runNode } from './n8nContext';
import { sandboxCredentials } from './sandboxSuite';
import { SANDBOX_KEYS } from '../sandbox';
import type { RequestLogEntry, Sandbox, SandboxCredentials, SandboxProvider } from '../sandbox';

/**
 * TEST ONLY — never registered in package.json. A node that sends one request per item through a provider's
 * transport, so integration tests can drive the transports inside n8n's real engine before the provider nodes
 * exist. Arrays come back wrapped as `{ array: [...] }`, so every input item gives exactly one output item.
 */

export type ProbeProvider = 'creatify' | 'sixtySeconds' | 'genviral' | 'tiktok';

type Transport = (
	this: ApiContext,
	method: IHttpRequestMethods,
	endpoint: string,
	options: { qs?: IDataObject; body?: IDataObject },
) => Promise<IDataObject | IDataObject[]>;

const TRANSPORTS: Record<ProbeProvider, Transport> = {
	creatify: creatifyApiRequest,
	sixtySeconds: sixtySecondsApiRequest,
	genviral: genviralApiRequest,
	tiktok: tiktokApiRequest,
};

const CREDENTIALS: Array<[ProbeProvider, string]> = [
	['creatify', 'creatifyApi'],
	['sixtySeconds', 'sixtySecondsApi'],
	['genviral', 'genviralApi'],
	['tiktok', 'tiktokBusinessApi'],
];

/** Reads a JSON parameter given as text or already as an object; empty means "not sent". */
function jsonParameter(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): IDataObject | undefined {
	const value = context.getNodeParameter(name, itemIndex, '') as string | IDataObject;
	if (value === '' || value === undefined || value === null) return undefined;
	if (typeof value === 'object') return value;
	return jsonParse<IDataObject>(value, {
		errorMessage: `The parameter "${name}" is not valid JSON`,
	});
}

/** The error fields a test reads back with Continue On Fail. */
function errorOutput(error: unknown): IDataObject {
	const { message, description, httpCode, context } = error as {
		message?: string;
		description?: string | null;
		httpCode?: string | null;
		context?: IDataObject;
	};
	return {
		message,
		description: description ?? null,
		httpCode: httpCode ?? null,
		providerCode: context?.providerCode ?? null,
		providerMessage: context?.providerMessage ?? null,
		failureKind: context?.failureKind ?? null,
		requestId: context?.requestId ?? null,
	};
}

export class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe (Test Only)',
		name: 'transportProbe',
		icon: { light: 'file:../../icons/tiktok.svg', dark: 'file:../../icons/tiktok.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["method"] + " " + $parameter["endpoint"]}}',
		description: 'Test-only node: sends one request per item through a provider transport',
		defaults: { name: 'Transport Probe' },
		// Required of every node by the strict lint rules; the probe is never offered to anyone.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: CREDENTIALS.map(([provider, name]) => ({
			name,
			required: false,
			displayOptions: { show: { provider: [provider] } },
		})),
		properties: [
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Creatify', value: 'creatify' },
					{ name: 'Genviral', value: 'genviral' },
					{ name: 'SixtySeconds', value: 'sixtySeconds' },
					{ name: 'TikTok', value: 'tiktok' },
				],
				default: 'creatify',
			},
			{
				displayName: 'Method',
				name: 'method',
				type: 'options',
				options: [
					{ name: 'DELETE', value: 'DELETE' },
					{ name: 'GET', value: 'GET' },
					{ name: 'PATCH', value: 'PATCH' },
					{ name: 'POST', value: 'POST' },
					{ name: 'PUT', value: 'PUT' },
				],
				default: 'GET',
			},
			{
				displayName: 'Endpoint',
				name: 'endpoint',
				type: 'string',
				default: '',
				required: true,
				description: 'Path after the provider prefix, as the transport takes it',
			},
			{
				displayName: 'Query (JSON)',
				name: 'qs',
				type: 'json',
				default: '',
			},
			{
				displayName: 'Body (JSON)',
				name: 'body',
				type: 'json',
				default: '',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const provider = this.getNodeParameter('provider', 0) as ProbeProvider;
		const transport = TRANSPORTS[provider];
		if (!transport) throw new NodeOperationError(this.getNode(), `Unknown provider "${provider}"`);

		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const result = await transport.call(
					this,
					this.getNodeParameter('method', itemIndex) as IHttpRequestMethods,
					this.getNodeParameter('endpoint', itemIndex) as string,
					{
						qs: jsonParameter(this, 'qs', itemIndex),
						body: jsonParameter(this, 'body', itemIndex),
					},
				);
				output.push({
					json: Array.isArray(result) ? { array: result } : result,
					pairedItem: { item: itemIndex },
				});
			} catch (error) {
				if (!this.continueOnFail()) throw withItemIndex.call(this, error, itemIndex);
				output.push({ json: { error: errorOutput(error) }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}

export interface ProbeRequest {
	method?: IHttpRequestMethods;
	endpoint: string;
	qs?: IDataObject;
	body?: IDataObject;
}

export interface ProbeResult {
	/** The output item: the transport's result (an array as `{ array }`), or `{ error }` with Continue On Fail. */
	json?: IDataObject;
	/** The error the run stopped with (without Continue On Fail). */
	error?: RunResult['error'];
}

const CREDENTIAL_TYPES = [
	new CreatifyApi(),
	new SixtySecondsApi(),
	new GenviralApi(),
	new TiktokBusinessApi(),
];

/** Sends one request through a provider's transport inside n8n's engine. */
export async function probe(
	provider: ProbeProvider,
	request: ProbeRequest,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: { continueOnFail?: boolean } = {},
): Promise<ProbeResult> {
	const { items, error } = await runNode({
		nodeType: new TransportProbe(),
		credentialTypes: CREDENTIAL_TYPES,
		credentials,
		parameters: {
			provider,
			method: request.method ?? 'GET',
			endpoint: request.endpoint,
			qs: request.qs === undefined ? '' : JSON.stringify(request.qs),
			body: request.body === undefined ? '' : JSON.stringify(request.body),
		},
		continueOnFail: options.continueOnFail,
	});
	return { json: items[0]?.json, error };
}

/** Everything of an error a user or a log could see, as one text to search for secrets. */
export function visibleErrorText(error: unknown): string {
	const { message, description, context } = (error ?? {}) as {
		message?: string;
		description?: string;
		context?: IDataObject;
	};
	return [message, description, JSON.stringify(context), JSON.stringify(error)].join('\n');
}

/** Where each provider's transport meets the sandbox: its credential, its request log and its test keys. */
const PROBED: Record<
	ProbeProvider,
	{ credential: keyof SandboxCredentials; log: SandboxProvider; keys: keyof typeof SANDBOX_KEYS }
> = {
	creatify: { credential: 'creatifyApi', log: 'creatify', keys: 'creatify' },
	sixtySeconds: { credential: 'sixtySecondsApi', log: 'sixtyseconds', keys: 'sixtyseconds' },
	genviral: { credential: 'genviralApi', log: 'genviral', keys: 'genviral' },
	tiktok: { credential: 'tiktokBusinessApi', log: 'tiktok', keys: 'tiktok' },
};

/**
 * One provider's transport driven through the probe node against the sandbox: `ok` sends a request that must
 * succeed and returns the transport's result; `failing` sends one that must fail (with the credential's fields or
 * key changed, see sandboxCredentials) and returns the error the run stopped with, after checking that no key of
 * the sandbox and no key it was sent with shows in it; `lastRequest` is the provider's last request in the
 * sandbox's log.
 */
export function transportCalls(sandbox: Sandbox, provider: ProbeProvider) {
	const { credential, log, keys } = PROBED[provider];
	const credentials = (change: string | IDataObject = {}) =>
		sandboxCredentials(sandbox, credential, change);
	const send = async (request: ProbeRequest, change: string | IDataObject = {}) =>
		await probe(provider, request, credentials(change));
	return {
		credentials,
		send,
		async ok(request: ProbeRequest): Promise<IDataObject> {
			const { json, error } = await send(request);
			expect(error).toBeUndefined();
			return json!;
		},
		async failing(request: ProbeRequest, change: string | IDataObject = {}) {
			const used = credentials(change)[credential];
			const { error } = await send(request, change);
			expect(error).toBeDefined();
			const text = visibleErrorText(error);
			const secrets = [
				...Object.values(SANDBOX_KEYS[keys]),
				...(typeof change === 'string' ? [change] : []),
				...['apiKey', 'accessToken'].map((field) => used[field]),
			];
			for (const secret of secrets)
				if (typeof secret === 'string' && secret) expect(text).not.toContain(secret);
			return error!;
		},
		lastRequest(): RequestLogEntry {
			const entries = sandbox.requests({ provider: log });
			return entries[entries.length - 1];
		},
	};
}

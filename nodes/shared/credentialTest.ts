import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { isTimeout, networkErrorCode } from './errors';
import { isJsonObject, joinUrl, requestTimeoutMs } from './request';

/**
 * The credentials' Test button. n8n's declarative test (a credential's `test` request) reports a failed connection
 * as the bare error code ("ENOTFOUND"), which does not tell a user what to check; a credential tested by a node
 * function (`testedBy` + `methods.credentialTest`) can say it. Each provider describes its free, read-only call once
 * (`CredentialCheck`); this file sends it and turns every outcome into one plain sentence. A message is built from
 * the host, the HTTP status and the provider's documented refusals only: never from the request, whose headers hold
 * the key.
 */

/** What n8n shows for a credential that works (the declarative test's own words, kept). */
export const CONNECTION_OK = 'Connection successful!';

export interface CredentialCheck {
	/** The provider's name as users know it, e.g. "Creatify". */
	provider: string;
	/** The root URL of the API for this credential (its Base URL, or the host its Environment picks). */
	baseUrl: string;
	/** The credential field that chose that URL, named in the messages ("Base URL", "Environment"). */
	urlField: string;
	/** The free, read-only call, after the base URL. */
	path: string;
	qs?: IDataObject;
	/** The headers the credential's `authenticate` sets; the test function gets the credential, not n8n's step. */
	headers: IDataObject;
	/** What each refusal (HTTP status) means for this provider, in words that say what to do. */
	refusals: Record<number, string>;
	/** A 2xx answer that still refuses the credential (TikTok answers HTTP 200 with an error code): its message. */
	refusedIn200?(body: unknown): string | undefined;
}

interface TestResponse {
	statusCode: number;
	statusMessage?: string;
	body: unknown;
}

type TestHelpers = ICredentialTestFunctions['helpers'];

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const REFUSED_CODES = new Set(['ECONNREFUSED']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);
const CLOSED_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'UND_ERR_SOCKET',
	'ERR_STREAM_PREMATURE_CLOSE',
]);

/** TLS failures: certificate problems (CERT_*, *_CERT_*, …) and handshakes that went wrong (EPROTO, ERR_SSL_*). */
function isTlsCode(code: string): boolean {
	return (
		/CERT|SSL|TLS/.test(code) ||
		code === 'EPROTO' ||
		code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
		code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
	);
}

/** The host (and port, when one is given) of a URL; never its user or password part. */
function hostOf(url: URL): string {
	return url.host;
}

/**
 * Why the call got no HTTP answer, as one sentence naming the host and what to check. The error's code is kept at
 * the end, in brackets, for whoever searches for it.
 */
export function networkFailureMessage(
	error: unknown,
	check: Pick<CredentialCheck, 'urlField'>,
	host: string,
	timeoutMs: number,
): string {
	const code = networkErrorCode(error);
	const checkUrl = `check the ${check.urlField} and your network (proxy, firewall)`;
	const tail = code ? ` [${code}]` : '';
	if (code && DNS_CODES.has(code))
		return `Could not reach ${host}: no server by that name was found — ${checkUrl}.${tail}`;
	if (code && REFUSED_CODES.has(code))
		return `Could not reach ${host}: the connection was refused (nothing answers on that port) — ${checkUrl}.${tail}`;
	if (code && UNREACHABLE_CODES.has(code))
		return `Could not reach ${host}: the network or the host is unreachable — ${checkUrl}.${tail}`;
	if (code && isTlsCode(code))
		return `Could not open a secure connection to ${host} (certificate or TLS error) — check the ${check.urlField} (https:// or http://) and any proxy that inspects HTTPS.${tail}`;
	if (isTimeout(error))
		return `No answer from ${host} within ${Math.round(timeoutMs / 1000)} s — ${checkUrl}; if the service is just slow, raise the Request Timeout.${tail}`;
	if (code && CLOSED_CODES.has(code))
		return `Could not reach ${host}: the connection was closed before an answer — ${checkUrl}.${tail}`;
	if (code) return `Could not reach ${host} — ${checkUrl}.${tail}`;
	// No network code: n8n refused to send the request (its SSRF protection, an allowed-domains rule…) and says why.
	const message = String((error as { message?: unknown })?.message ?? '').trim();
	if (/domain not allowed/i.test(message))
		return `Could not reach ${host}: ${message} — check the ${check.urlField} and the credential's Allowed HTTP Request Domains.`;
	return `Could not reach ${host}${message ? `: ${message}` : ''} — ${checkUrl}.`;
}

/** What an HTTP answer means for the credential: undefined when it is accepted. */
export function answerMessage(
	response: TestResponse,
	check: CredentialCheck,
	host: string,
): string | undefined {
	const { statusCode } = response;
	const refusal = check.refusals[statusCode];
	if (refusal) return refusal;
	if (statusCode === 401 || statusCode === 403)
		return `${check.provider} refused the key (HTTP ${statusCode}) — copy it again into this credential.`;
	const status = `HTTP ${statusCode}${response.statusMessage ? ` ${response.statusMessage}` : ''}`;
	if (statusCode === 404)
		return `${host} answered ${status} for ${check.path} — check the ${check.urlField}: it should be the API's root URL.`;
	if (statusCode === 429)
		return `${check.provider} answered ${status} (rate limit) — wait a minute and test again.`;
	if (statusCode >= 500)
		return `${check.provider} answered ${status} — a problem on ${check.provider}'s side; test again in a few minutes.`;
	if (statusCode < 200 || statusCode > 299) return `${check.provider} answered ${status}.`;
	// An answer that is not JSON comes from a web page or a proxy, not from the API.
	if (!isJsonObject(response.body) && !Array.isArray(response.body))
		return `${host} answered, but not the way the ${check.provider} API does (no JSON) — check the ${check.urlField}.`;
	return check.refusedIn200?.(response.body);
}

/**
 * Sends the check and says what came of it. `helpers.request` is the only HTTP helper n8n gives a credential test
 * function (ICredentialTestFunctions has no httpRequest); it goes through n8n's outbound HTTP stack (proxy
 * settings, SSRF protection).
 */
export async function runCredentialCheck(
	helpers: TestHelpers,
	check: CredentialCheck,
	timeoutMs: number,
	allowedDomains?: string,
): Promise<INodeCredentialTestResult> {
	let url: URL;
	try {
		url = new URL(joinUrl(check.baseUrl, check.path));
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
	} catch {
		return {
			status: 'Error',
			message: `The ${check.urlField} is not a full web address — it must start with https:// (or http://).`,
		};
	}
	const host = hostOf(url);
	let response: TestResponse;
	try {
		response = (await helpers.request({
			method: 'GET',
			uri: url.toString(),
			qs: check.qs,
			headers: check.headers,
			json: true,
			// Every status comes back as an answer to read, not as an error.
			simple: false,
			resolveWithFullResponse: true,
			timeout: timeoutMs,
			...(allowedDomains ? { allowedDomains } : {}),
		})) as TestResponse;
	} catch (error) {
		return { status: 'Error', message: networkFailureMessage(error, check, host, timeoutMs) };
	}
	const message = answerMessage(response, check, host);
	return message ? { status: 'Error', message } : { status: 'OK', message: CONNECTION_OK };
}

/**
 * The credential's "Allowed HTTP Request Domains" list, when it is set to specific domains (n8n 2.x adds the field
 * to every credential). n8n's request test keeps its requests to that list, and so does this one.
 */
function allowedDomainsOf(data: ICredentialDataDecryptedObject): string | undefined | Error {
	if (data.allowedHttpRequestDomains !== 'domains') return undefined;
	const list = typeof data.allowedDomains === 'string' ? data.allowedDomains.trim() : '';
	return (
		list ||
		new Error(
			'No allowed domains specified. Configure allowed domains or change restriction setting.',
		)
	);
}

/**
 * A node's `methods.credentialTest` entry for one credential type: `checkOf` says, from the credential's values,
 * what to call and how to read the answer.
 */
export function credentialTest(
	checkOf: (credentials: ICredentialDataDecryptedObject) => CredentialCheck,
): ICredentialTestFunction {
	return async function (this: ICredentialTestFunctions, credential) {
		const data = credential.data ?? {};
		const allowedDomains = allowedDomainsOf(data);
		if (allowedDomains instanceof Error)
			return { status: 'Error', message: allowedDomains.message };
		return await runCredentialCheck(
			this.helpers,
			checkOf(data),
			requestTimeoutMs(data),
			allowedDomains,
		);
	};
}

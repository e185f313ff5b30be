import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sleep } from './sleep';
import { DEFAULT_TIMEOUT_MS } from './request';

/**
 * "Download Video": streams a finished video from the URL the provider returned into n8n binary data.
 *
 * - Streamed end to end (`encoding: 'stream'` into `prepareBinaryData`), never buffered: videos can be hundreds
 *   of MB and n8n keeps binary data on disk.
 * - Plain `httpRequest`, not `httpRequestWithAuthentication`: the URL comes from the provider and points at its
 *   CDN, which must never receive the user's credential.
 * - Only http(s) URLs are fetched.
 * - Reading is free, so a failed transfer (5xx, 429, dropped connection, a body cut short or that stops coming) is
 *   retried a couple of times; a 4xx is not (an expired link stays expired).
 * - A file is kept only when all of it arrived: a body that ends before its Content-Length, or that sends nothing
 *   for the credential's Request Timeout, fails (a stalled CDN would otherwise hold the run for ever).
 * - Messages never quote the URL's query string, which for signed CDN links is a secret.
 */

export interface DownloadOptions {
	/** File name to store; defaults to the last segment of the URL path. */
	fileName?: string;
	/** MIME type to store; defaults to the answer's Content-Type, then to the file extension. */
	mimeType?: string;
	/** What the file is, in messages (default "video"). */
	what?: string;
	/** Shown when the URL is refused (4xx), e.g. "TikTok preview URLs are valid for six hours: run Get again for a fresh one." */
	hint?: string;
	/** Shown when the transfer failed (no answer, 5xx, a body cut short or stalled); defaults to a Get-again hint. */
	transferHint?: string;
	/**
	 * How long to wait for the answer and then for each part of the body: the Request Timeout of the node's
	 * credential (`credentialTimeoutMs`). Default 60 s.
	 */
	timeoutMs?: number;
}

const DEFAULT_FILE_NAME = 'video.mp4';
const DOWNLOAD_ATTEMPTS = 3;
const RETRY_DELAY_MS = 1_000;
const MAX_REDIRECTS = 5;
const TRANSFER_HINT =
	'Only the download failed: download the video again with the Get operation (Download Video on), or turn off Download Video to keep the URL only.';
const REFUSED_HINT =
	'The link may have expired. Run the Get operation again for a fresh URL, or turn off Download Video to keep the URL only.';

const MIME_BY_EXTENSION: Record<string, string> = {
	mp4: 'video/mp4',
	m4v: 'video/x-m4v',
	mov: 'video/quicktime',
	webm: 'video/webm',
	mkv: 'video/x-matroska',
	avi: 'video/x-msvideo',
	gif: 'image/gif',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	m4a: 'audio/mp4',
};

/** Content types that say nothing about the file. */
const GENERIC_CONTENT_TYPES = new Set([
	'application/octet-stream',
	'binary/octet-stream',
	'application/binary',
]);

type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/**
 * Whether n8n's own SSRF protection refused the request: its errors are named `SsrfBlockedIpError` and
 * `SsrfBlockedHostnameError` (@n8n/backend-network). Matched by name, as the classes are not exported to nodes.
 */
function isBlockedByN8n(error: unknown): boolean {
	// The HTTP client may wrap it: look one level down as well.
	for (const candidate of [error, (error as { cause?: unknown } | null)?.cause]) {
		const name = (candidate as { name?: unknown } | null)?.name;
		if (typeof name === 'string' && name.startsWith('SsrfBlocked')) return true;
	}
	return false;
}

/** Parses and checks a download URL: absolute, http or https. */
export function parseDownloadUrl(url: string): URL | undefined {
	if (typeof url !== 'string' || url.trim() === '') return undefined;
	let parsed: URL;
	try {
		parsed = new URL(url.trim());
	} catch {
		return undefined;
	}
	return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
}

/** The URL without query or fragment, safe to show. */
export function displayUrl(url: URL): string {
	return `${url.protocol}//${url.host}${url.pathname}`;
}

/** Last segment of the URL path, decoded; undefined when the path has no file name. */
export function fileNameFromUrl(url: URL): string | undefined {
	const segment = url.pathname.split('/').filter(Boolean).pop();
	if (!segment) return undefined;
	let name: string;
	try {
		name = decodeURIComponent(segment);
	} catch {
		name = segment;
	}
	// No path separators or control characters in a stored file name.
	name = [...name]
		.map((char) => (char === '/' || char === '\\' || char < ' ' ? '_' : char))
		.join('')
		.trim();
	return name || undefined;
}

function extensionOf(fileName: string): string | undefined {
	const match = /\.([a-z0-9]{1,5})$/i.exec(fileName);
	return match ? match[1].toLowerCase() : undefined;
}

/** MIME type from the Content-Type header, or from the file extension when the header is missing or generic. */
export function mimeTypeFor(contentType: unknown, fileName: string): string | undefined {
	const header = Array.isArray(contentType) ? contentType[0] : contentType;
	if (typeof header === 'string') {
		const type = header.split(';')[0].trim().toLowerCase();
		if (type && !GENERIC_CONTENT_TYPES.has(type)) return type;
	}
	const extension = extensionOf(fileName);
	return extension ? MIME_BY_EXTENSION[extension] : undefined;
}

/** A file name with an extension, so that the file opens with the right program once saved. */
function withExtension(fileName: string, mimeType: string | undefined): string {
	if (extensionOf(fileName) || !mimeType) return fileName;
	const extension = Object.entries(MIME_BY_EXTENSION).find(([, type]) => type === mimeType)?.[0];
	return extension ? `${fileName}.${extension}` : fileName;
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** The parts of a response body stream the download uses. */
interface BodyStream {
	pause?(): unknown;
	resume?(): unknown;
	on?(event: 'data', listener: (chunk: { length: number }) => void): unknown;
	on?(event: 'newListener', listener: (event: string | symbol) => void): unknown;
	destroy?(error?: Error): unknown;
}

/** Lets go of a response body we won't read, so its socket is freed. */
function discard(body: unknown): void {
	const stream = body as BodyStream | undefined;
	if (stream && typeof stream.destroy === 'function') stream.destroy();
}

/** The Content-Length of an answer, when it gives a usable one. */
function contentLength(headers: Record<string, unknown> | undefined): number | undefined {
	const value = Number(headers?.['content-length']);
	return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function bytesText(received: number, expected: number | undefined): string {
	return expected === undefined ? `${received} bytes` : `${received} of ${expected} bytes`;
}

/**
 * Stores a 2xx answer's body, counting what arrives. A body that sends nothing for `idleMs` is cut off: the HTTP
 * client's own timeout does it when the socket stays idle, and a watchdog here does it wherever the client would not.
 * The file counts only when every byte of its Content-Length came. Returns the binary data, or what went wrong.
 */
async function storeBody(
	this: IExecuteFunctions,
	body: unknown,
	fileName: string,
	mimeType: string | undefined,
	expected: number | undefined,
	idleMs: number,
	signal: AbortSignal | undefined,
): Promise<{ binary: IBinaryData } | { problem: string }> {
	const stream = body as BodyStream;
	let received = 0;
	let lastDataAt = Date.now();
	if (typeof stream?.on === 'function') {
		// Paused first: counting must not start the flow before prepareBinaryData reads the body (chunks emitted
		// before its reader is attached would be lost to it). Every chunk read by whatever consumes the stream is
		// also emitted as 'data'.
		stream.pause?.();
		stream.on('data', (chunk) => {
			received += chunk.length;
			lastDataAt = Date.now();
		});
		// A paused stream stays paused when a 'data' listener is added; only pipe() and resume() restart it. n8n's
		// database binary store (queue mode) reads with a 'data' listener alone, so the flow is restarted for it.
		// Resuming takes effect on the next tick, after the reader's listener is in place.
		stream.on('newListener', (event) => {
			if (event === 'data') stream.resume?.();
		});
	}
	const watch = new AbortController();
	const watchdog = (async () => {
		for (;;) {
			try {
				await sleep(idleMs, watch.signal);
			} catch {
				return false;
			}
			if (Date.now() - lastDataAt >= idleMs) {
				stream?.destroy?.(new Error(`no data for ${Math.round(idleMs / 1000)} s`));
				return true;
			}
		}
	})();
	try {
		const storing = this.helpers.prepareBinaryData(body as BinaryInput, fileName, mimeType);
		// Not every reader of a body notices it being destroyed (with redirects off, n8n hands over a wrapper whose
		// reader then waits for ever): the watchdog's verdict ends the wait either way.
		storing.catch(() => undefined);
		const first = await Promise.race([
			storing.then((binary) => ({ binary })),
			watchdog.then((stalled) => ({ stalled })),
		]);
		if ('stalled' in first) {
			return {
				problem: `no data for ${Math.round(idleMs / 1000)} s after ${bytesText(received, expected)}`,
			};
		}
		const { binary } = first;
		if (expected !== undefined && received < expected) {
			return { problem: `cut short: ${bytesText(received, expected)} arrived` };
		}
		return { binary };
	} catch (error) {
		if (signal?.aborted) {
			throw new NodeOperationError(this.getNode(), 'The run was cancelled while downloading');
		}
		// The client's timer and this clock may differ by a few milliseconds.
		const stalled = Date.now() - lastDataAt >= idleMs * 0.9;
		return {
			problem: stalled
				? `no data for ${Math.round(idleMs / 1000)} s after ${bytesText(received, expected)}`
				: `cut short after ${bytesText(received, expected)}: ${(error as { message?: string }).message ?? 'connection lost'}`,
		};
	} finally {
		watch.abort();
		await watchdog;
	}
}

/**
 * GET that follows redirects itself, one request per hop, so that n8n's SSRF protection checks every address it is
 * sent to (n8n 2.40 checks the URL it is given but follows a redirect to a private IP address unchecked) and every
 * hop stays http(s). No credential is ever attached: this is plain `httpRequest`.
 */
async function getFollowingRedirects(
	this: IExecuteFunctions,
	url: URL,
	timeoutMs: number,
	signal: AbortSignal | undefined,
): Promise<FullResponse | { redirectProblem: string }> {
	let target = url;
	for (let redirects = 0; ; redirects++) {
		const response = (await this.helpers.httpRequest({
			method: 'GET',
			url: target.href,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			// Until the answer's headers; the body is watched by storeBody.
			timeout: timeoutMs,
			abortSignal: signal,
		})) as FullResponse;
		const location = response.headers?.location;
		if (response.statusCode < 300 || response.statusCode >= 400 || typeof location !== 'string')
			return response;
		discard(response.body);
		let next: URL | undefined;
		try {
			next = parseDownloadUrl(new URL(location, target).href);
		} catch {
			next = undefined;
		}
		if (!next) return { redirectProblem: 'it redirects to a URL that is not http(s)' };
		if (redirects >= MAX_REDIRECTS)
			return { redirectProblem: `more than ${MAX_REDIRECTS} redirects` };
		target = next;
	}
}

/** Streams the file at `url` into n8n binary data. */
export async function downloadToBinary(
	this: IExecuteFunctions,
	url: string,
	options: DownloadOptions = {},
): Promise<IBinaryData> {
	const parsed = parseDownloadUrl(url);
	if (!parsed) {
		throw new NodeOperationError(
			this.getNode(),
			'The video URL returned by the provider is not an http(s) URL',
			{
				description:
					'The video cannot be downloaded. Turn off Download Video to get the URL in the output instead.',
			},
		);
	}
	const shownUrl = displayUrl(parsed);
	const signal = this.getExecutionCancelSignal() ?? undefined;
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

	let problem = '';
	let refused = false;
	for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
		if (attempt > 1) await sleep(RETRY_DELAY_MS * (attempt - 1), signal);

		let response: Awaited<ReturnType<typeof getFollowingRedirects>>;
		try {
			response = await getFollowingRedirects.call(this, parsed, timeoutMs, signal);
		} catch (error) {
			if (isBlockedByN8n(error)) {
				// n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED) refused the address or a redirect target: final.
				throw new NodeOperationError(
					this.getNode(),
					`n8n refused to download the ${options.what ?? 'video'} from ${shownUrl}: ${(error as Error).message}`,
					{ description: (error as { description?: string }).description },
				);
			}
			// No answer at all (connection refused or dropped, timeout): worth another try unless cancelled.
			problem = (error as { message?: string }).message ?? 'connection failed';
			if (signal?.aborted) break;
			continue;
		}

		if ('redirectProblem' in response) {
			throw new NodeOperationError(
				this.getNode(),
				`Could not download the ${options.what ?? 'video'} from ${shownUrl}: ${response.redirectProblem}`,
				{ description: options.hint ?? REFUSED_HINT },
			);
		}
		const { statusCode, headers, body } = response;
		if (statusCode >= 200 && statusCode < 300) {
			const name = options.fileName || fileNameFromUrl(parsed) || DEFAULT_FILE_NAME;
			const mimeType = options.mimeType || mimeTypeFor(headers?.['content-type'], name);
			const stored = await storeBody.call(
				this,
				body,
				withExtension(name, mimeType),
				mimeType,
				contentLength(headers),
				timeoutMs,
				signal,
			);
			if ('binary' in stored) return stored.binary;
			problem = stored.problem;
			continue;
		}
		discard(body);
		problem = `HTTP ${statusCode}`;
		if (statusCode !== 429 && statusCode < 500) {
			refused = true;
			break;
		}
	}

	throw new NodeOperationError(
		this.getNode(),
		`Could not download the ${options.what ?? 'video'} from ${shownUrl} (${problem})`,
		{
			description: refused
				? (options.hint ?? REFUSED_HINT)
				: (options.transferHint ?? TRANSFER_HINT),
		},
	);
}

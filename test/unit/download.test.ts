import type { IBinaryData, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	downloadToBinary,
	fileNameFromUrl,
	mimeTypeFor,
	parseDownloadUrl,
} from '../../nodes/shared/download';
import { partialBody } from '../helpers/bodies';
import { fakeNode } from '../helpers/fakeNode';

const NODE = fakeNode();

interface FakeAnswer {
	statusCode?: number;
	headers?: Record<string, string>;
	throws?: Error;
	/** A real body stream, read to its end by prepareBinaryData (default: a stand-in nobody reads). */
	body?: () => AsyncIterable<unknown>;
}

/** A stand-in for the response stream: the download must hand this very object to prepareBinaryData. */
function fakeStream() {
	return {
		destroyed: false,
		destroy() {
			this.destroyed = true;
		},
		pause() {},
		on() {},
		pipe() {},
	};
}

/**
 * How the fake binary store reads a body: with an async iterator (n8n's filesystem store, through pipeline) or with
 * 'data' listeners alone (n8n's database store, queue mode's default, through streamToBuffer).
 */
type Reader = 'iterator' | 'data';

/** Reads a stream to its end with 'data' listeners only, as n8n's streamToBuffer does; gives the bytes read. */
async function readWithDataListener(stream: {
	on(event: string, listener: (value?: unknown) => void): unknown;
}): Promise<number> {
	return await new Promise((resolve, reject) => {
		let bytes = 0;
		stream.on('data', (chunk) => (bytes += (chunk as Buffer).length));
		stream.on('end', () => resolve(bytes));
		stream.on('error', reject);
	});
}

function fakeContext(answers: FakeAnswer[], reader: Reader = 'iterator') {
	const requests: IHttpRequestOptions[] = [];
	const bodies: unknown[] = [];
	const prepared: Array<{ data: unknown; fileName?: string; mimeType?: string }> = [];
	const authenticated = jest.fn();
	const context = {
		getNode: () => NODE,
		getExecutionCancelSignal: () => undefined,
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				requests.push(options);
				const answer = answers.shift() ?? { statusCode: 200 };
				if (answer.throws) throw answer.throws;
				const body = answer.body ? answer.body() : fakeStream();
				bodies.push(body);
				return { statusCode: answer.statusCode ?? 200, headers: answer.headers ?? {}, body };
			},
			httpRequestWithAuthentication: authenticated,
			prepareBinaryData: async (data: unknown, fileName?: string, mimeType?: string) => {
				prepared.push({ data, fileName, mimeType });
				// Like n8n's binary data store: read the stream to its end (it throws if the stream fails).
				const stream = data as Partial<AsyncIterable<unknown>>;
				if (reader === 'data' && typeof (stream as { on?: unknown }).on === 'function') {
					const bytes = await readWithDataListener(
						stream as Parameters<typeof readWithDataListener>[0],
					);
					return { data: '', mimeType: mimeType ?? '', fileName, bytes } as IBinaryData;
				}
				if (typeof stream[Symbol.asyncIterator] === 'function') {
					for await (const chunk of stream as AsyncIterable<unknown>) void chunk;
				}
				return { data: '', mimeType: mimeType ?? '', fileName } as IBinaryData;
			},
		},
	};
	return {
		context: context as unknown as IExecuteFunctions,
		requests,
		bodies,
		prepared,
		authenticated,
	};
}

describe('download helpers', () => {
	it('accepts only absolute http(s) URLs', () => {
		expect(parseDownloadUrl('https://cdn.example.com/a.mp4')?.host).toBe('cdn.example.com');
		expect(parseDownloadUrl('http://127.0.0.1:8080/v/1')).toBeDefined();
		for (const bad of [
			'file:///etc/passwd',
			'ftp://x/y.mp4',
			'javascript:alert(1)',
			'/relative.mp4',
			'',
			'not a url',
		]) {
			expect(parseDownloadUrl(bad)).toBeUndefined();
		}
	});

	it('takes the file name from the last path segment, decoded and made safe', () => {
		expect(fileNameFromUrl(new URL('https://x.test/videos/My%20Ad.mp4?sig=abc'))).toBe('My Ad.mp4');
		expect(fileNameFromUrl(new URL('https://x.test/a/b%2Fc.mov'))).toBe('b_c.mov');
		expect(fileNameFromUrl(new URL('https://x.test/'))).toBeUndefined();
	});

	it('takes the MIME type from Content-Type, then from the extension', () => {
		expect(mimeTypeFor('video/mp4; charset=binary', 'x')).toBe('video/mp4');
		expect(mimeTypeFor('application/octet-stream', 'clip.mov')).toBe('video/quicktime');
		expect(mimeTypeFor(undefined, 'clip.webm')).toBe('video/webm');
		expect(mimeTypeFor(undefined, 'clip')).toBeUndefined();
	});
});

describe('downloadToBinary', () => {
	it('streams the answer into binary data without credentials', async () => {
		const { context, requests, bodies, prepared, authenticated } = fakeContext([
			{ statusCode: 200, headers: { 'content-type': 'video/mp4' } },
		]);
		await downloadToBinary.call(context, 'https://cdn.example.com/out/final.mp4?token=secret');
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			encoding: 'stream',
			returnFullResponse: true,
		});
		expect(authenticated).not.toHaveBeenCalled();
		expect(prepared).toHaveLength(1);
		// The very stream, not a buffered copy.
		expect(prepared[0].data).toBe(bodies[0]);
		expect(prepared[0]).toMatchObject({ fileName: 'final.mp4', mimeType: 'video/mp4' });
	});

	it('uses the given file name and MIME type, adding an extension where missing', async () => {
		const { context, prepared } = fakeContext([
			{ statusCode: 200, headers: { 'content-type': 'video/mp4' } },
		]);
		await downloadToBinary.call(context, 'https://cdn.example.com/v/123', {
			fileName: 'avatar video',
		});
		expect(prepared[0]).toMatchObject({ fileName: 'avatar video.mp4', mimeType: 'video/mp4' });
	});

	it('refuses a URL that is not http(s) before any request', async () => {
		const { context, requests } = fakeContext([]);
		await expect(downloadToBinary.call(context, 'file:///etc/passwd')).rejects.toBeInstanceOf(
			NodeOperationError,
		);
		expect(requests).toHaveLength(0);
	});

	it('follows redirects one request at a time, so that n8n checks every address', async () => {
		const { context, requests, bodies, prepared } = fakeContext([
			{ statusCode: 302, headers: { location: 'https://media.example.net/v/1.mp4' } },
			{ statusCode: 301, headers: { location: '/v/final.mp4' } },
			{ statusCode: 200, headers: { 'content-type': 'video/mp4' } },
		]);
		await downloadToBinary.call(context, 'https://cdn.example.com/start.mp4');
		expect(requests.map((request) => request.url)).toEqual([
			'https://cdn.example.com/start.mp4',
			'https://media.example.net/v/1.mp4',
			'https://media.example.net/v/final.mp4',
		]);
		expect(requests.every((request) => request.disableFollowRedirect === true)).toBe(true);
		const [first, second] = bodies as Array<ReturnType<typeof fakeStream>>;
		expect(first.destroyed && second.destroyed).toBe(true);
		expect(prepared[0].data).toBe(bodies[2]);
	});

	it('refuses a redirect to a URL that is not http(s), and a redirect loop', async () => {
		const toFile = fakeContext([{ statusCode: 302, headers: { location: 'file:///etc/passwd' } }]);
		await expect(
			downloadToBinary.call(toFile.context, 'https://cdn.example.com/a.mp4'),
		).rejects.toThrow('it redirects to a URL that is not http(s)');
		expect(toFile.requests).toHaveLength(1);

		const loop = fakeContext(
			Array.from({ length: 10 }, () => ({
				statusCode: 302,
				headers: { location: 'https://cdn.example.com/a.mp4' },
			})),
		);
		await expect(
			downloadToBinary.call(loop.context, 'https://cdn.example.com/a.mp4'),
		).rejects.toThrow('more than 5 redirects');
		expect(loop.requests).toHaveLength(6);
	});

	it("stops at once when n8n's SSRF protection refuses the address, with n8n's explanation", async () => {
		const blocked = Object.assign(
			new Error('The request was blocked because it resolves to a restricted IP address'),
			{ name: 'SsrfBlockedIpError', description: 'The target 10.0.0.5 is not allowed.' },
		);
		const { context, requests } = fakeContext([{ throws: blocked }]);
		const failure = downloadToBinary.call(context, 'https://cdn.example.com/a.mp4?sig=secret');
		await expect(failure).rejects.toThrow(
			'n8n refused to download the video from https://cdn.example.com/a.mp4: The request was blocked',
		);
		await expect(failure).rejects.toMatchObject({
			description: 'The target 10.0.0.5 is not allowed.',
		});
		expect(requests).toHaveLength(1);
	});

	describe('with fake timers for the pauses between attempts', () => {
		// Streams need the real next tick.
		beforeEach(() =>
			jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }),
		);
		afterEach(() => jest.useRealTimers());

		it('retries a 5xx answer and frees the failed response', async () => {
			const { context, requests, bodies, prepared } = fakeContext([
				{ statusCode: 503 },
				{ statusCode: 200 },
			]);
			const download = downloadToBinary.call(context, 'https://cdn.example.com/a.mp4');
			await jest.advanceTimersByTimeAsync(10_000);
			await download;
			expect(requests).toHaveLength(2);
			expect((bodies[0] as { destroyed: boolean }).destroyed).toBe(true);
			expect(prepared[0].data).toBe(bodies[1]);
		});

		it('does not retry a 4xx, and never shows the query string', async () => {
			const { context, requests } = fakeContext([{ statusCode: 403 }]);
			const promise = downloadToBinary.call(
				context,
				'https://cdn.example.com/a.mp4?X-Signature=topsecret',
				{
					hint: 'Run Get again for a fresh URL.',
				},
			);
			await expect(promise).rejects.toBeInstanceOf(NodeOperationError);
			await expect(promise).rejects.toMatchObject({
				message: expect.stringContaining('HTTP 403'),
				description: 'Run Get again for a fresh URL.',
			});
			await expect(promise).rejects.toMatchObject({
				message: expect.not.stringContaining('topsecret'),
			});
			expect(requests).toHaveLength(1);
		});

		it('keeps a file only when all of its Content-Length arrived, downloading it again otherwise', async () => {
			const { context, requests, prepared } = fakeContext([
				{ headers: { 'content-length': '10' }, body: () => partialBody(4) },
				{ headers: { 'content-length': '10' }, body: () => partialBody(10) },
			]);
			const download = downloadToBinary.call(context, 'https://cdn.example.com/a.mp4');
			await jest.advanceTimersByTimeAsync(10_000);
			await expect(download).resolves.toMatchObject({ fileName: 'a.mp4' });
			expect(requests).toHaveLength(2);
			expect(prepared).toHaveLength(2);
		});

		it.each<Reader>(['iterator', 'data'])(
			'hands the whole body to a binary store that reads it with %s',
			async (reader) => {
				const { context, requests } = fakeContext(
					[{ headers: { 'content-length': '10' }, body: () => partialBody(10) }],
					reader,
				);
				const download = downloadToBinary.call(context, 'https://cdn.example.com/a.mp4');
				await jest.advanceTimersByTimeAsync(1_000);
				await expect(download).resolves.toMatchObject({ fileName: 'a.mp4' });
				expect(requests).toHaveLength(1);
			},
		);

		it('fails a download cut short on every attempt, saying how much arrived and what to do', async () => {
			const { context, requests } = fakeContext(
				[1, 2, 3].map(() => ({ headers: { 'content-length': '10' }, body: () => partialBody(4) })),
			);
			const download = downloadToBinary.call(context, 'https://cdn.example.com/a.mp4?sig=secret', {
				hint: 'The link expired.',
			});
			const outcome = download.catch((error: unknown) => error);
			await jest.advanceTimersByTimeAsync(10_000);
			const error = (await outcome) as NodeOperationError;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(
				'Could not download the video from https://cdn.example.com/a.mp4 (cut short: 4 of 10 bytes arrived)',
			);
			// Not the 4xx hint: the link works, the transfer failed.
			expect(error.description).toContain('Only the download failed');
			expect(requests).toHaveLength(3);
		});

		it("cuts off a body that sends nothing for the timeout (the credential's Request Timeout)", async () => {
			const { context, requests } = fakeContext(
				[1, 2, 3].map(() => ({
					headers: { 'content-length': '10' },
					body: () => partialBody(4, { stall: true }),
				})),
			);
			const download = downloadToBinary.call(context, 'https://cdn.example.com/a.mp4', {
				timeoutMs: 2_000,
			});
			const outcome = download.catch((error: unknown) => error);
			await jest.advanceTimersByTimeAsync(30_000);
			const error = (await outcome) as NodeOperationError;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toContain('(no data for 2 s after 4 of 10 bytes)');
			expect(requests).toHaveLength(3);
			// The same timeout bounds the wait for each answer.
			expect(requests[0].timeout).toBe(2_000);
		});

		it('gives up after three failed attempts', async () => {
			const dropped = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
			const { context, requests } = fakeContext([
				{ throws: dropped },
				{ throws: dropped },
				{ throws: dropped },
			]);
			const download = downloadToBinary.call(context, 'https://cdn.example.com/a.mp4');
			const outcome = download.catch((error: unknown) => error);
			await jest.advanceTimersByTimeAsync(10_000);
			expect(await outcome).toBeInstanceOf(NodeOperationError);
			expect(requests).toHaveLength(3);
		});
	});
});

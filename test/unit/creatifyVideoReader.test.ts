/**
 * Batched status reads: `GET /api/link_to_videos/?ids=` first, `GET /{id}/` for any id the answer lacks, and
 * straight to `GET /{id}/` once an answer shows that the list ignores `ids`. Driven through the real transport with
 * a stand-in for n8n's authenticated request helper, so each case can answer the way a different API would.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { VideoReader } from '../../nodes/Creatify/jobs';
import { resetRateLimits } from '../../nodes/shared/rateLimiter';

const BASE = 'https://api.creatify.test';
const ids = ['a1', 'b2', 'c3'].map((suffix) => `00000000-0000-4000-8000-0000000000${suffix}`);
const video = (id: string, status = 'running') => ({ id, status });

type Answer = { statusCode: number; body: unknown };

function fakeContext(answer: (request: { path: string; qs: IDataObject }) => Answer) {
	const requests: Array<{ path: string; qs: IDataObject }> = [];
	const context = {
		getNode: () => ({ name: 'Creatify', credentials: { creatifyApi: { id: 'c1', name: 'c' } } }),
		getCredentials: async () => ({ baseUrl: BASE, apiId: 'id', apiKey: 'key' }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const request = {
					path: new URL(String(options.url)).pathname,
					qs: (options.qs ?? {}) as IDataObject,
				};
				requests.push(request);
				return answer(request);
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, requests };
}

const ok = (body: unknown): Answer => ({ statusCode: 200, body });
const notFound: Answer = { statusCode: 404, body: { detail: 'Not found.' } };

beforeEach(() => resetRateLimits());

describe('VideoReader', () => {
	it('reads many ids in one list call', async () => {
		const { context, requests } = fakeContext(({ qs }) =>
			ok(
				String(qs.ids)
					.split(',')
					.map((id) => video(id)),
			),
		);
		const read = await new VideoReader(context).read(ids);
		expect(read.map((entry) => entry.id)).toEqual(ids);
		expect(requests).toEqual([{ path: '/api/link_to_videos/', qs: { ids: ids.join(',') } }]);
	});

	it('reads an id the list answer lacks on its own, and leaves out an id Creatify does not know', async () => {
		const { context, requests } = fakeContext(({ path }) => {
			if (path === '/api/link_to_videos/') return ok([video(ids[0])]);
			if (path.includes(ids[1])) return ok(video(ids[1], 'done'));
			return notFound;
		});
		const read = await new VideoReader(context).read(ids);
		expect(read).toEqual([video(ids[0]), video(ids[1], 'done')]);
		expect(requests.map((request) => request.path).sort()).toEqual(
			[
				'/api/link_to_videos/',
				`/api/link_to_videos/${ids[1]}/`,
				`/api/link_to_videos/${ids[2]}/`,
			].sort(),
		);
	});

	it('goes straight to one read per id once the list shows it ignores ids', async () => {
		const others = [video('11111111-1111-4111-8111-111111111111')];
		const { context, requests } = fakeContext(({ path }) => {
			if (path === '/api/link_to_videos/') return ok([...others, video(ids[0])]);
			const id = path.split('/')[3];
			return ok(video(id));
		});
		const reader = new VideoReader(context);
		expect((await reader.read(ids)).map((entry) => entry.id)).toEqual(ids);
		expect(requests.filter((request) => request.path === '/api/link_to_videos/')).toHaveLength(1);

		requests.length = 0;
		expect((await reader.read(ids)).map((entry) => entry.id)).toEqual(ids);
		expect(requests.map((request) => request.path).sort()).toEqual(
			ids.map((id) => `/api/link_to_videos/${id}/`).sort(),
		);
	});

	it('takes a paginated answer ({results}) as a list', async () => {
		const { context } = fakeContext(() =>
			ok({ count: 3, next: null, results: ids.map((id) => video(id)) }),
		);
		expect((await new VideoReader(context).read(ids)).map((entry) => entry.id)).toEqual(ids);
	});

	it('passes on any other failure of a single read, for the job engine to count', async () => {
		const { context } = fakeContext(({ path }) =>
			path === '/api/link_to_videos/'
				? ok([])
				: { statusCode: 502, body: '<html>Bad gateway</html>' },
		);
		await expect(new VideoReader(context).read([ids[0]])).rejects.toMatchObject({
			httpCode: '502',
			context: expect.objectContaining({ failureKind: 'transient' }),
		});
	});
});

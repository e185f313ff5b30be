import { NodeApiError } from 'n8n-workflow';

import {
	failureKind,
	isTimeout,
	networkFailureKind,
	providerApiError,
} from '../../nodes/shared/errors';
import { retryAfterMs } from '../../nodes/shared/request';
import {
	calendarDay,
	calendarDaySchema,
	findUnsupportedCharacter,
	isWellFormedText,
	parseIdList,
	switchValue,
} from '../../nodes/shared/validation';
import { encodeTiktokQuery, tiktokBaseUrl } from '../../nodes/TikTok/transport';
import { fakeNode } from '../helpers/fakeNode';

const node = fakeNode({ id: '1', name: 'Node', type: 'test' });

describe('script characters TikTok avatars cannot read', () => {
	it.each(['🚀', '😀', '❤️', '★', '\u0007', '\uE000', '1️⃣'])('finds %p', (character) => {
		expect(findUnsupportedCharacter(`Hello ${character} world`)).toBeDefined();
	});

	it.each([
		'Plain English, with punctuation: yes! (really?) 50% off — $9.99 & more; "quoted" \'too\'.',
		'Ünïcödé letters: ñ ç ß ø å',
		'中文脚本，没有问题。日本語もＯＫ！한국어도 됩니다.',
		'Línea uno\nLínea dos\tcon tabulador',
		'Prix : 9,99 € — «offre» £5 ¥100 ± × ÷',
	])('accepts %p', (script) => {
		expect(findUnsupportedCharacter(script)).toBeUndefined();
	});
});

describe('dates for TikTok filters', () => {
	it('keeps the calendar day the user picked, as YYYY-MM-DD', () => {
		expect(calendarDay('2026-11-01T00:00:00')).toBe('2026-11-01');
		expect(calendarDay('2026-11-30T00:00:00.000+01:00')).toBe('2026-11-30');
		expect(calendarDay('2026-11-01')).toBe('2026-11-01');
		expect(calendarDay(new Date('2026-11-01T12:00:00Z'))).toBe('2026-11-01');
		expect(calendarDay('')).toBeUndefined();
		expect(calendarDay(undefined)).toBeUndefined();
		expect(calendarDay('not a date')).toBeUndefined();
	});

	it('refuses a date field that names no real day, instead of dropping the filter', () => {
		expect(calendarDaySchema.parse('2026-11-01T00:00:00')).toBe('2026-11-01');
		expect(calendarDaySchema.parse('')).toBeUndefined();
		expect(calendarDaySchema.parse(null)).toBeUndefined();
		for (const value of ['not a date', '2026-02-30', '2026-13-01', '31/12/2026', true]) {
			expect(calendarDaySchema.safeParse(value).success).toBe(false);
		}
	});
});

describe('text that cannot go into a URL', () => {
	it('finds half a character (a lone surrogate), and accepts whole emoji and any script', () => {
		expect(isWellFormedText('vid_\ud800')).toBe(false);
		expect(isWellFormedText('\udc00vid')).toBe(false);
		expect(isWellFormedText('vid_12345abcde 🎬 中文 é')).toBe(true);
	});
});

describe('ID lists', () => {
	it('reads IDs separated by commas, spaces or new lines, in the JSON form, or as a list', () => {
		expect(parseIdList('1, 2\n3 2')).toEqual(['1', '2', '3']);
		expect(parseIdList('["123","456"]')).toEqual(['123', '456']);
		expect(parseIdList([123, '456', ''])).toEqual(['123', '456']);
		expect(parseIdList(null)).toEqual([]);
	});

	it('keeps an object whole, as its JSON, for the schema to refuse as what it is', () => {
		expect(parseIdList({ id: 'abc' })).toEqual(['{"id":"abc"}']);
		expect(parseIdList(['1', { id: 'abc' }])).toEqual(['1', '{"id":"abc"}']);
	});
});

describe('switches read once the paid work is done', () => {
	it.each<[unknown, boolean, boolean]>([
		[true, false, true],
		['true', false, true],
		[false, true, false],
		// The text an expression gives from a sheet: off, not "a non-empty value".
		['false', true, false],
		['yes', true, true],
		['yes', false, false],
		[1, false, false],
		[null, true, true],
		[undefined, false, false],
	])('reads %p with default %p as %p', (raw, defaultValue, expected) => {
		expect(switchValue(raw, defaultValue)).toBe(expected);
	});
});

describe('TikTok request shape', () => {
	it('JSON-encodes array and object query parameters and drops empty ones', () => {
		expect(
			encodeTiktokQuery({
				task_ids: ['1', '2'],
				filtering: { avatar_id: '7', start_date: '2023-12-03' },
				page: 2,
				aigc_video_type: 'REFRESH_VIDEO',
				empty: '',
				missing: undefined,
			}),
		).toEqual({
			task_ids: '["1","2"]',
			filtering: '{"avatar_id":"7","start_date":"2023-12-03"}',
			page: 2,
			aigc_video_type: 'REFRESH_VIDEO',
		});
	});

	it('chooses the host from the Environment field', () => {
		expect(tiktokBaseUrl({})).toBe('https://business-api.tiktok.com');
		expect(tiktokBaseUrl({ environment: 'sandbox' })).toBe('https://sandbox-ads.tiktok.com');
		expect(tiktokBaseUrl({ environment: 'custom', baseUrl: 'http://127.0.0.1:4010/tiktok' })).toBe(
			'http://127.0.0.1:4010/tiktok',
		);
	});
});

describe('failure kinds', () => {
	it('reads the kind a transport put on its error', () => {
		const error = providerApiError(node, {
			provider: 'TikTok',
			message: 'Too many requests',
			code: 40100,
			requestId: 'req-1',
			hint: 'Wait.',
			kind: 'rateLimit',
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('TikTok: Too many requests (code 40100)');
		expect(error.description).toBe('Wait. Request ID: req-1');
		expect(failureKind(error)).toBe('rateLimit');
	});

	it('classifies plain HTTP and network errors', () => {
		expect(failureKind({ httpCode: '429' })).toBe('rateLimit');
		expect(failureKind({ httpCode: '502' })).toBe('transient');
		expect(failureKind({ httpCode: '404' })).toBe('permanent');
		expect(failureKind(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(
			'connectionLost',
		);
		expect(failureKind(new Error('socket hang up'))).toBe('connectionLost');
		expect(failureKind(new Error('Something else'))).toBe('permanent');
	});

	it('tells a request that never left (refused, unknown host) from one that may have arrived', () => {
		for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']) {
			expect(networkFailureKind(Object.assign(new Error('x'), { code }))).toBe('notSent');
		}
		// n8n wraps the HTTP client's error; the code is on its cause.
		const wrapped = Object.assign(new Error('The service refused the connection'), {
			cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
		});
		expect(networkFailureKind(wrapped)).toBe('notSent');
		expect(networkFailureKind(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(
			'connectionLost',
		);
	});

	it("recognises the HTTP client's timeout, also when n8n wraps it", () => {
		const timeout = Object.assign(new Error('timeout of 3000ms exceeded'), {
			code: 'ECONNABORTED',
		});
		expect(isTimeout(timeout)).toBe(true);
		expect(
			isTimeout(
				Object.assign(new Error('The connection was aborted, perhaps the server is offline'), {
					code: 'ECONNABORTED',
					cause: timeout,
				}),
			),
		).toBe(true);
		expect(networkFailureKind(timeout)).toBe('connectionLost');
		expect(isTimeout(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
			false,
		);
	});
});

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates, at least one second', () => {
		expect(retryAfterMs('7')).toBe(7_000);
		expect(retryAfterMs(['2'])).toBe(2_000);
		expect(retryAfterMs('0')).toBe(1_000);
		const now = Date.parse('2026-12-02T08:00:00Z');
		expect(retryAfterMs('Wed, 02 Dec 2026 08:00:30 GMT', now)).toBe(30_000);
		for (const unreadable of [undefined, '', 'soon', 42])
			expect(retryAfterMs(unreadable)).toBeUndefined();
	});
});

import type { IDataObject } from 'n8n-workflow';

import { failureKind } from '../shared/errors';
import type { ApiContext } from '../shared/request';
import { sixtySecondsApiRequest } from './transport';

/** SixtySeconds lists: `page` (default 1) and `limit` (default 20, max 100), per its Videos API reference. */
export const SIXTYSECONDS_MAX_PAGE_SIZE = 100;

/** Reads of a list page refused for rate: the transport holds its bucket, so the next attempt waits for it. */
const RATE_LIMITED_READ_ATTEMPTS = 4;

interface SixtySecondsPage {
	data?: IDataObject[];
	pagination?: { next_page?: number | null };
}

/** A free read, sent again while SixtySeconds refuses it for rate (the transport spaces the attempts). */
export async function readPatiently<T>(read: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		let failure: unknown;
		try {
			return await read();
		} catch (error) {
			failure = error;
		}
		// The transport's own NodeApiError, passed on as it is.
		if (failureKind(failure) !== 'rateLimit' || attempt >= RATE_LIMITED_READ_ATTEMPTS)
			throw failure;
	}
}

/**
 * Reads a `{data, pagination}` list until `limit` entries (or all of them when no limit) are collected, following
 * `pagination.next_page` as SixtySeconds gives it; a missing or non-advancing `next_page` ends the list.
 */
export async function sixtySecondsListAll(
	this: ApiContext,
	endpoint: string,
	qs: IDataObject,
	limit?: number,
): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	const pageSize = Math.min(SIXTYSECONDS_MAX_PAGE_SIZE, limit ?? SIXTYSECONDS_MAX_PAGE_SIZE);
	let page = 1;
	for (;;) {
		const answer = await readPatiently(
			async () =>
				(await sixtySecondsApiRequest.call(this, 'GET', endpoint, {
					qs: { ...qs, page, limit: pageSize },
				})) as SixtySecondsPage,
		);
		const data = Array.isArray(answer.data) ? answer.data : [];
		entries.push(...data);
		if (limit !== undefined && entries.length >= limit) return entries.slice(0, limit);
		const next = Number(answer.pagination?.next_page);
		if (data.length === 0 || !Number.isInteger(next) || next <= page) return entries;
		page = next;
	}
}

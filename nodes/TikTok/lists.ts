import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../shared/request';
import { tiktokApiRequest } from './transport';

/** TikTok's page/page_size lists: page ≥ 1, page_size 1–100. */
export const TIKTOK_MAX_PAGE_SIZE = 100;

interface TiktokPage {
	list?: IDataObject[];
	page_info?: { page?: number; total_page?: number; total_number?: number };
}

/**
 * Reads a page/page_size list until `limit` entries (or all of them when no limit) are collected. An empty `data`
 * (`{}`, which the refreshed-video list returns when nothing succeeded yet) means no entries, not an error.
 */
export async function tiktokListAll(
	this: ApiContext,
	endpoint: string,
	qs: IDataObject,
	limit?: number,
): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	const pageSize = Math.min(TIKTOK_MAX_PAGE_SIZE, limit ?? TIKTOK_MAX_PAGE_SIZE);
	for (let page = 1; ; page++) {
		const data = (await tiktokApiRequest.call(this, 'GET', endpoint, {
			qs: { ...qs, page, page_size: pageSize },
			retryRateLimited: true,
		})) as TiktokPage;
		const list = data.list ?? [];
		entries.push(...list);
		if (limit !== undefined && entries.length >= limit) return entries.slice(0, limit);
		const totalPages = data.page_info?.total_page;
		const lastPage = totalPages !== undefined ? page >= totalPages : list.length < pageSize;
		if (list.length === 0 || lastPage) return entries;
	}
}

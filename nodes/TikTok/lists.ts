import type { IDataObject } from 'n8n-workflow';

import { listAll, pageSizeFor } from '../shared/lists';
import type { ApiContext } from '../shared/request';
import { RATE_LIMIT_RETRY } from '../shared/transport';
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
	const pageSize = pageSizeFor(limit, TIKTOK_MAX_PAGE_SIZE);
	return await listAll<number>(async (page = 1) => {
		const data = (await tiktokApiRequest.call(this, 'GET', endpoint, {
			qs: { ...qs, page, page_size: pageSize },
			retry: RATE_LIMIT_RETRY,
		})) as TiktokPage;
		const list = data.list ?? [];
		const totalPages = data.page_info?.total_page;
		const lastPage = totalPages !== undefined ? page >= totalPages : list.length < pageSize;
		return { entries: list, next: lastPage ? undefined : page + 1 };
	}, limit);
}

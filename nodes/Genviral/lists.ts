import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listAll, pageSizeFor } from '../shared/lists';
import type { ApiContext } from '../shared/request';
import { genviralApiRequest, genviralRead } from './transport';

/** Lists take `limit` 1–100 and `offset` (Partner API docs, "List Slideshows" and "List Packs"). */
export const GENVIRAL_MAX_PAGE_SIZE = 100;

interface GenviralPage {
	total?: number;
	[listKey: string]: unknown;
}

/**
 * Reads a limit/offset list (`{<listKey>: [...], total, limit, offset}`) until `limit` entries, or all of them when
 * there is no limit, are collected. Pages are read at Genviral's largest size.
 */
export async function genviralListAll(
	context: ApiContext,
	endpoint: string,
	listKey: string,
	qs: IDataObject,
	limit?: number,
): Promise<IDataObject[]> {
	const pageSize = pageSizeFor(limit, GENVIRAL_MAX_PAGE_SIZE);
	return await listAll<number>(async (offset = 0) => {
		const page = await genviralRead<GenviralPage>(context, endpoint, {
			...qs,
			limit: pageSize,
			offset,
		});
		const list = Array.isArray(page[listKey]) ? (page[listKey] as IDataObject[]) : [];
		const total = typeof page.total === 'number' ? page.total : undefined;
		const lastPage = total !== undefined ? offset + list.length >= total : list.length < pageSize;
		return { entries: list, next: lastPage ? undefined : offset + pageSize };
	}, limit);
}

interface Page {
	total?: number;
	[listKey: string]: unknown;
}

/**
 * One page of a Genviral list for a searchable dropdown, searched by Genviral itself (`search`), the offset of the
 * next page as the pagination token. A failing call (bad key, no plan) shows an empty list rather than breaking
 * the editor; the run itself reports the error.
 */
async function searchPage(
	context: ILoadOptionsFunctions,
	endpoint: string,
	listKey: string,
	qs: IDataObject,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<{ entries: IDataObject[]; paginationToken?: string } | undefined> {
	const offset = Number(paginationToken ?? 0) || 0;
	let page: Page;
	try {
		page = (await genviralApiRequest.call(context, 'GET', endpoint, {
			qs: { ...qs, ...(filter ? { search: filter } : {}), limit: GENVIRAL_MAX_PAGE_SIZE, offset },
		})) as Page;
	} catch {
		return undefined;
	}
	const entries = Array.isArray(page[listKey]) ? (page[listKey] as IDataObject[]) : [];
	const next = offset + entries.length;
	const more =
		typeof page.total === 'number' ? next < page.total : entries.length === GENVIRAL_MAX_PAGE_SIZE;
	return { entries, paginationToken: more && entries.length > 0 ? String(next) : undefined };
}

/** Image packs (your own and Genviral's public ones), with how many images each has. */
export async function searchPacks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await searchPage(
		this,
		'/packs',
		'packs',
		{ include_public: true },
		filter,
		paginationToken,
	);
	if (!page) return { results: [] };
	return {
		results: page.entries.map((pack) => {
			const count = typeof pack.image_count === 'number' ? pack.image_count : undefined;
			const details = [
				count === undefined ? undefined : `${count} image${count === 1 ? '' : 's'}`,
				pack.is_public === true ? 'public' : undefined,
			].filter(Boolean);
			return {
				name: `${String(pack.name ?? pack.id)}${details.length ? ` (${details.join(', ')})` : ''}`,
				value: String(pack.id),
				url: typeof pack.preview_image_url === 'string' ? pack.preview_image_url : undefined,
			};
		}),
		paginationToken: page.paginationToken,
	};
}

/** Slideshows by title, newest first, with their status and slide count. */
export async function searchSlideshows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await searchPage(this, '/slideshows', 'slideshows', {}, filter, paginationToken);
	if (!page) return { results: [] };
	return {
		results: page.entries.map((slideshow) => {
			const details = [
				typeof slideshow.status === 'string' ? slideshow.status : undefined,
				typeof slideshow.slide_count === 'number' ? `${slideshow.slide_count} slides` : undefined,
			].filter(Boolean);
			return {
				name: `${String(slideshow.title || slideshow.id)}${details.length ? ` (${details.join(', ')})` : ''}`,
				value: String(slideshow.id),
			};
		}),
		paginationToken: page.paginationToken,
	};
}

import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../shared/request';
import { isJsonObject } from '../shared/request';
import { creatifyApiRequest } from './transport';

/** Creatify's pages hold at most 100 entries. */
export const CREATIFY_MAX_PAGE_SIZE = 100;

interface DrfPage {
	count?: number;
	next?: string | null;
	results?: IDataObject[];
}

/** Whether a request failed because Creatify does not know the path or the object (HTTP 404). */
export function isNotFound(error: unknown): boolean {
	return String((error as { httpCode?: unknown })?.httpCode) === '404';
}

/**
 * A request's answer or its error (the transport's NodeApiError), so the caller can look at a 404 and pass any
 * other error on as it is.
 */
export async function settle<T>(
	request: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	try {
		return { ok: true, value: await request };
	} catch (error) {
		return { ok: false, error };
	}
}

/** A list answer: a plain array, or a page's `results`. */
export function listOf(answer: unknown): IDataObject[] {
	if (Array.isArray(answer)) return answer.filter(isJsonObject) as IDataObject[];
	if (isJsonObject(answer) && Array.isArray(answer.results))
		return (answer.results as unknown[]).filter(isJsonObject) as IDataObject[];
	return [];
}

/**
 * Reads a Creatify list (`/links/` or `/link_to_videos/`, newest first) until `limit` entries, or all of them.
 * Uses the paginated variant (`…/paginated/?page=&limit=`, Django REST Framework pages `{count, next, previous,
 * results}`) so a limit reads only what it needs; Creatify documents that variant only for some lists, so when it
 * answers 404 on the first page the plain list (one array with every entry) is read instead.
 */
export async function creatifyListAll(
	this: ApiContext,
	endpoint: string,
	limit?: number,
): Promise<IDataObject[]> {
	const base = endpoint.replace(/\/+$/, '');
	const pageSize = Math.min(CREATIFY_MAX_PAGE_SIZE, limit ?? CREATIFY_MAX_PAGE_SIZE);
	const entries: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const read = await settle(
			creatifyApiRequest.call(this, 'GET', `${base}/paginated/`, {
				qs: { page, limit: pageSize },
			}) as Promise<DrfPage | IDataObject[]>,
		);
		if (!read.ok) {
			if (page > 1 || !isNotFound(read.error)) throw read.error;
			const all = listOf(await creatifyApiRequest.call(this, 'GET', `${base}/`));
			return limit === undefined ? all : all.slice(0, limit);
		}
		const answer = read.value;
		const results = listOf(answer);
		entries.push(...results);
		if (limit !== undefined && entries.length >= limit) return entries.slice(0, limit);
		const next = Array.isArray(answer) ? null : answer.next;
		if (results.length === 0 || !next) return entries;
	}
}

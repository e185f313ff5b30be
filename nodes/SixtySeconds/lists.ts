import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { listAll, pageSizeFor } from '../shared/lists';
import type { ApiContext } from '../shared/request';
import { SIXTYSECONDS_READ_RETRY, sixtySecondsApiRequest } from './transport';

/** SixtySeconds lists: `page` (default 1) and `limit` (default 20, max 100), per its Videos API reference. */
export const SIXTYSECONDS_MAX_PAGE_SIZE = 100;

interface SixtySecondsPage {
	data?: IDataObject[];
	pagination?: { next_page?: number | null };
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
	const pageSize = pageSizeFor(limit, SIXTYSECONDS_MAX_PAGE_SIZE);
	return await listAll<number>(async (page = 1) => {
		const answer = (await sixtySecondsApiRequest.call(this, 'GET', endpoint, {
			qs: { ...qs, page, limit: pageSize },
			retry: SIXTYSECONDS_READ_RETRY,
		})) as SixtySecondsPage;
		const next = Number(answer.pagination?.next_page);
		return {
			entries: Array.isArray(answer.data) ? answer.data : [],
			next: Number.isInteger(next) && next > page ? next : undefined,
		};
	}, limit);
}

interface TemplatePage {
	data?: IDataObject[];
	pagination?: { next_page?: number | null };
}

/**
 * Searchable template dropdown: the account's templates (GET /templates), filtered by name, category or description.
 * SixtySeconds documents no server-side search, so each page is filtered here and the next page is offered as the
 * pagination token. A failing call (bad key, wrong Base URL) shows an empty list rather than breaking the editor;
 * the run itself reports the error.
 */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	let answer: TemplatePage;
	try {
		answer = (await sixtySecondsApiRequest.call(this, 'GET', '/templates', {
			qs: { page, limit: SIXTYSECONDS_MAX_PAGE_SIZE },
		})) as TemplatePage;
	} catch {
		return { results: [] };
	}
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = (Array.isArray(answer.data) ? answer.data : [])
		.filter((template) =>
			['name', 'category', 'description'].some((key) =>
				String(template[key] ?? '')
					.toLowerCase()
					.includes(needle),
			),
		)
		.map((template) => ({
			name: String(template.name ?? template.id),
			value: String(template.id),
			...(typeof template.description === 'string' ? { description: template.description } : {}),
			...(typeof template.preview_url === 'string' ? { url: template.preview_url } : {}),
		}));
	const next = Number(answer.pagination?.next_page);
	return {
		results,
		paginationToken: Number.isInteger(next) && next > page ? String(next) : undefined,
	};
}

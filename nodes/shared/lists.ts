import type { IDataObject } from 'n8n-workflow';

/** One page of a provider's list: its entries, and where the next page starts (undefined: this was the last). */
export interface ListPage<TCursor> {
	entries: IDataObject[];
	next?: TCursor;
}

/**
 * Reads a provider's list page by page until `limit` entries, or all of them when there is no limit. Providers
 * page differently (page numbers, offsets, a next-page field, a total), so `readPage` says where the next page
 * starts; an empty page always ends the list, so a provider that keeps answering never loops.
 */
export async function listAll<TCursor>(
	readPage: (cursor: TCursor | undefined) => Promise<ListPage<TCursor>>,
	limit?: number,
): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	let cursor: TCursor | undefined;
	for (;;) {
		const page = await readPage(cursor);
		entries.push(...page.entries);
		if (limit !== undefined && entries.length >= limit) return entries.slice(0, limit);
		if (page.entries.length === 0 || page.next === undefined) return entries;
		cursor = page.next;
	}
}

/** The page size to ask for: the provider's largest, or less when fewer entries are wanted. */
export function pageSizeFor(limit: number | undefined, maxPageSize: number): number {
	return Math.min(maxPageSize, limit ?? maxPageSize);
}

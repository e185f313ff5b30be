import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { tiktokApiRequest } from '../TikTok/transport';

const PAGE_SIZE = 100;

interface AvatarPage {
	list?: IDataObject[];
	page_info?: { total_page?: number };
}

/**
 * Searchable avatar dropdown: the account's digital avatars, filtered by name. TikTok has no server-side search,
 * so each page is filtered here and the next page is offered as the pagination token. A failing call (bad token,
 * not allowlisted) shows an empty list rather than breaking the editor; the run itself reports the error.
 */
export async function searchAvatars(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	let data: AvatarPage;
	try {
		data = (await tiktokApiRequest.call(this, 'GET', '/creative/digital_avatar/get/', {
			qs: { page, page_size: PAGE_SIZE },
		})) as AvatarPage;
	} catch {
		return { results: [] };
	}
	const needle = (filter ?? '').toLowerCase();
	const results = (data.list ?? [])
		.filter((avatar) =>
			String(avatar.avatar_name ?? '')
				.toLowerCase()
				.includes(needle),
		)
		.map((avatar) => ({
			name: String(avatar.avatar_name ?? avatar.avatar_id),
			value: String(avatar.avatar_id),
			url: typeof avatar.avatar_preview_url === 'string' ? avatar.avatar_preview_url : undefined,
		}));
	const totalPages = data.page_info?.total_page ?? page;
	return { results, paginationToken: page < totalPages ? String(page + 1) : undefined };
}

import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { isNotFound, settle } from '../shared/errors';
import { listAll, pageSizeFor } from '../shared/lists';
import type { ApiContext } from '../shared/request';
import { isJsonObject } from '../shared/request';
import { VISUAL_STYLES } from './enums';
import { creatifyApiRequest } from './transport';

/** Creatify's pages hold at most 100 entries. */
export const CREATIFY_MAX_PAGE_SIZE = 100;

interface DrfPage {
	count?: number;
	next?: string | null;
	results?: IDataObject[];
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
	const pageSize = pageSizeFor(limit, CREATIFY_MAX_PAGE_SIZE);
	return await listAll<number>(async (page = 1) => {
		const read = await settle(
			creatifyApiRequest.call(this, 'GET', `${base}/paginated/`, {
				qs: { page, limit: pageSize },
			}) as Promise<DrfPage | IDataObject[]>,
		);
		if (!read.ok) {
			if (page > 1 || !isNotFound(read.error)) throw read.error;
			return { entries: listOf(await creatifyApiRequest.call(this, 'GET', `${base}/`)) };
		}
		const answer = read.value;
		const next = Array.isArray(answer) ? null : answer.next;
		return { entries: listOf(answer), next: next ? page + 1 : undefined };
	}, limit);
}

/**
 * The searchable dropdowns. Creatify has no server-side search on these lists, so each page is filtered here. A
 * failing call (wrong key, no paid plan) shows an empty list rather than breaking the editor; the run itself
 * reports the error.
 */

const matches = (filter: string | undefined, ...texts: unknown[]) => {
	const needle = (filter ?? '').trim().toLowerCase();
	return (
		!needle ||
		texts.some((text) =>
			String(text ?? '')
				.toLowerCase()
				.includes(needle),
		)
	);
};

async function read(context: ILoadOptionsFunctions, endpoint: string, qs?: IDataObject) {
	return (await creatifyApiRequest.call(context, 'GET', endpoint, qs ? { qs } : {})) as unknown;
}

/** Links, newest first, 100 per page (the plain list when Creatify has no paginated variant). */
export async function searchLinks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	let links: IDataObject[];
	let next: unknown = null;
	try {
		const answer = await read(this, '/links/paginated/', { page, limit: CREATIFY_MAX_PAGE_SIZE });
		links = listOf(answer);
		next = (answer as { next?: unknown }).next;
	} catch {
		try {
			links = page === 1 ? listOf(await read(this, '/links/')) : [];
		} catch {
			return { results: [] };
		}
	}
	const results: INodeListSearchItems[] = links
		.filter((link) => matches(filter, link.title, link.url, link.id))
		.map((link) => ({
			name: String(link.title || link.url || link.id),
			value: String(link.id),
			url: typeof link.url === 'string' ? link.url : undefined,
		}));
	return { results, paginationToken: next ? String(page + 1) : undefined };
}

/** Avatars: Creatify's personas, by creator name. */
export async function searchAvatars(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	let personas: IDataObject[];
	try {
		personas = listOf(await read(this, '/personas/'));
	} catch {
		return { results: [] };
	}
	return {
		results: personas
			.filter((persona) => persona.is_active !== false)
			.filter((persona) =>
				matches(filter, persona.creator_name, persona.gender, persona.style, persona.id),
			)
			.map((persona) => ({
				name: [persona.creator_name ?? persona.id, persona.gender, persona.age_range, persona.style]
					.filter(Boolean)
					.join(' · '),
				value: String(persona.id),
				url:
					typeof persona.preview_image_9_16 === 'string' ? persona.preview_image_9_16 : undefined,
			})),
	};
}

/** Voices: one entry per accent of each voice (Creatify's override_voice is an accent id). */
export async function searchVoices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	let voices: IDataObject[];
	try {
		voices = listOf(await read(this, '/voices/'));
	} catch {
		return { results: [] };
	}
	const results: INodeListSearchItems[] = [];
	for (const voice of voices) {
		const accents = Array.isArray(voice.accents) ? (voice.accents as IDataObject[]) : [];
		for (const accent of accents) {
			if (!matches(filter, voice.name, voice.gender, accent.accent_name)) continue;
			results.push({
				name: [voice.name, accent.accent_name, voice.gender].filter(Boolean).join(' · '),
				value: String(accent.id),
				url: typeof accent.preview_url === 'string' ? accent.preview_url : undefined,
			});
		}
	}
	return { results };
}

/** The visual styles Creatify documents; any other name can be typed "By Name". */
export async function searchVisualStyles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return {
		results: VISUAL_STYLES.filter((style) => matches(filter, style.label, style.value)).map(
			(style) => ({ name: style.label, value: style.value }),
		),
	};
}

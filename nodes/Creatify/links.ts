import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sleep } from '../shared/sleep';
import { forEachConcurrently } from '../shared/concurrency';
import { failureKind } from '../shared/errors';
import { isJsonObject } from '../shared/request';
import { creatifyApiRequest, CREATIFY_MAX_CONCURRENT_REQUESTS } from './transport';

/**
 * Creatify links: a product page scraped (or described with parameters) once, then used by any number of videos.
 */

/** The fields of a link, whether Creatify answers them flat or under `link`. */
export function linkJson(answer: unknown): IDataObject {
	if (!isJsonObject(answer)) return {};
	const nested = answer.link;
	if (answer.id === undefined && isJsonObject(nested)) return { ...(nested as IDataObject) };
	const flat = { ...(answer as IDataObject) };
	// Some answers repeat the link's fields under `link`: keep them once.
	if (isJsonObject(nested)) delete flat.link;
	return flat;
}

/** The id of a link answer, or undefined when Creatify returned none. */
export function linkIdOf(answer: unknown): string | undefined {
	const id = linkJson(answer).id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** `POST /api/links/ {url}`: Creatify scrapes the page into a link. */
export async function createLinkFromUrl(
	context: IExecuteFunctions,
	url: string,
): Promise<IDataObject> {
	const answer = await creatifyApiRequest.call(context, 'POST', '/links/', { body: { url } });
	const link = linkJson(answer);
	if (linkIdOf(link) === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			'Creatify made the link but returned no link ID',
			{
				description: 'Try again; if it keeps happening, look for the link with "Link → Get Many".',
			},
		);
	}
	return link;
}

/** Attempts of one link request refused for rate (Creatify refused it, so it was not made). */
const RATE_LIMIT_ATTEMPTS = 6;
/** Attempts of one link request that failed for a passing reason (5xx, dropped connection). */
const TRANSIENT_ATTEMPTS = 3;
const RETRY_DELAY_MS = 1_000;

/**
 * Makes one link per distinct product URL, all of them before the caller starts any paid video, so a page Creatify
 * cannot read fails only the items that use it and costs nothing. Making a link is free, so a link request that
 * failed for a passing reason is sent again (at worst Creatify keeps one unused link); a refusal ("Failed to scrape
 * url", "Link must have at least one image or one video") is final.
 * Returns, per URL, the link id or the error.
 */
export async function createLinksForUrls(
	context: IExecuteFunctions,
	urls: string[],
): Promise<Map<string, { linkId: string } | { error: unknown }>> {
	const signal = context.getExecutionCancelSignal() ?? undefined;
	const results = new Map<string, { linkId: string } | { error: unknown }>();
	await forEachConcurrently([...new Set(urls)], CREATIFY_MAX_CONCURRENT_REQUESTS, async (url) => {
		for (let attempt = 1; ; attempt++) {
			try {
				const link = await createLinkFromUrl(context, url);
				results.set(url, { linkId: String(link.id) });
				return;
			} catch (error) {
				const kind = failureKind(error);
				const again =
					!signal?.aborted &&
					(kind === 'rateLimit'
						? attempt < RATE_LIMIT_ATTEMPTS
						: kind !== 'permanent' && attempt < TRANSIENT_ATTEMPTS);
				if (!again) {
					results.set(url, { error });
					return;
				}
				await sleep(RETRY_DELAY_MS * attempt, signal);
			}
		}
	});
	return results;
}

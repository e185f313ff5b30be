import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { sleep } from '../shared/sleep';
import { failureKind } from '../shared/errors';
import type { ApiContext } from '../shared/request';
import { cancelSignalOf } from '../shared/request';
import { genviralApiRequest } from './transport';

/**
 * Calls that cost nothing and change nothing (reads, previews): they may be sent again. A rate-limit refusal is
 * waited out (the transport holds the credential's requests after a 429, so the next attempt goes when Genviral is
 * ready again); a 5xx, a timeout or a dropped connection is tried again a couple of times. Paid imports never go
 * through here: they run through the job engine, which re-sends only what Genviral refused for rate.
 */
const RATE_LIMIT_ATTEMPTS = 6;
const TRANSIENT_ATTEMPTS = 3;
const RETRY_DELAY_MS = 1_000;

export async function freeCall<T>(context: ApiContext, call: () => Promise<T>): Promise<T> {
	const signal = cancelSignalOf(context);
	for (let attempt = 1; ; attempt++) {
		let failure: unknown;
		try {
			return await call();
		} catch (error) {
			failure = error;
		}
		const kind = failureKind(failure);
		const retry =
			kind === 'rateLimit'
				? attempt < RATE_LIMIT_ATTEMPTS
				: kind !== 'permanent' && attempt < TRANSIENT_ATTEMPTS;
		if (!retry || signal?.aborted) throw nodeError(context, failure);
		await sleep(RETRY_DELAY_MS * attempt, signal);
	}
}

/**
 * The transport's errors are NodeApiErrors already (with Genviral's code, message and hint); anything else is
 * wrapped so that n8n shows it as the node's error.
 */
export function nodeError(context: ApiContext, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error);
}

/** A free GET of the Partner API, retried as `freeCall` says. */
export async function genviralRead<T = IDataObject>(
	context: ApiContext,
	endpoint: string,
	qs?: IDataObject,
): Promise<T> {
	return await freeCall(
		context,
		async () => (await genviralApiRequest.call(context, 'GET', endpoint, { qs })) as T,
	);
}

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
	const entries: IDataObject[] = [];
	const pageSize = Math.min(GENVIRAL_MAX_PAGE_SIZE, limit ?? GENVIRAL_MAX_PAGE_SIZE);
	for (let offset = 0; ; offset += pageSize) {
		const page = await genviralRead<GenviralPage>(context, endpoint, {
			...qs,
			limit: pageSize,
			offset,
		});
		const list = Array.isArray(page[listKey]) ? (page[listKey] as IDataObject[]) : [];
		entries.push(...list);
		if (limit !== undefined && entries.length >= limit) return entries.slice(0, limit);
		const total = typeof page.total === 'number' ? page.total : undefined;
		const lastPage = total !== undefined ? offset + list.length >= total : list.length < pageSize;
		if (list.length === 0 || lastPage) return entries;
	}
}

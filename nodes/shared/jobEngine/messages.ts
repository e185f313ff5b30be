import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export function messageOf(error: unknown): string {
	const message = (error as { message?: unknown })?.message;
	return typeof message === 'string' && message ? message : String(error);
}

export function joinSentences(...parts: Array<string | undefined | null>): string | undefined {
	const text = parts.filter((part) => typeof part === 'string' && part.trim() !== '').join(' ');
	return text || undefined;
}

export function idList(ids: string[]): string {
	return ids.join(', ');
}

/** "<resume hint>: <ids>." — the next step after a timeout or failure, with the ids to use. */
export function resumeSentence(resumeHint: string, ids: string[]): string {
	const hint = resumeHint.trim().replace(/[.:]+$/, '');
	return `${hint.charAt(0).toUpperCase()}${hint.slice(1)}: ${idList(ids)}.`;
}

/**
 * An error for one input, built from `source` (an error thrown by a transport or adapter) with this input's item
 * index. A provider error stays a NodeApiError with its HTTP code and provider details; each input gets its own
 * copy, because one batch error can concern up to five inputs.
 */
export function errorForItem(
	node: INode,
	itemIndex: number,
	source: unknown,
	override: { message?: string; description?: string; jobIds?: string[] } = {},
): NodeApiError | NodeOperationError {
	const message = override.message ?? messageOf(source);
	const sourceDescription = (source as { description?: unknown })?.description;
	const description = joinSentences(
		typeof sourceDescription === 'string' ? sourceDescription : undefined,
		override.description,
	);
	let error: NodeApiError | NodeOperationError;
	if (source instanceof NodeApiError) {
		error = new NodeApiError(node, (source.errorResponse ?? {}) as JsonObject, {
			message,
			description,
			httpCode: source.httpCode ?? undefined,
			itemIndex,
		});
		error.failure = source.failure;
		for (const key of ['provider', 'providerCode', 'providerMessage', 'requestId', 'failureKind']) {
			if (source.context[key] !== undefined) error.context[key] = source.context[key];
		}
	} else {
		error = new NodeOperationError(node, message, { description, itemIndex });
	}
	if (override.jobIds?.length) error.context.jobIds = override.jobIds;
	return error;
}

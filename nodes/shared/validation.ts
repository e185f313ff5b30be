import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

/**
 * Checks one item's parameters against an operation's zod schema before any request is sent, so bad input never
 * costs credits. The message names the field as the user sees it in the node ("Script: …").
 */
export function validateParameters<T extends z.ZodTypeAny>(
	this: IExecuteFunctions,
	schema: T,
	value: unknown,
	labels: Record<string, string>,
	itemIndex: number,
): z.infer<T> {
	const result = schema.safeParse(value);
	if (result.success) return result.data as z.infer<T>;

	const issue = result.error.issues[0];
	const field = labels[String(issue.path[0])] ?? issue.path.join('.');
	throw new NodeOperationError(this.getNode(), `${field}: ${issue.message}`, {
		itemIndex,
		description: `Fix the "${field}" field of item ${itemIndex + 1}. Nothing was sent to the provider.`,
	});
}

/**
 * Emoji and pictographs, private-use and unassigned code points, and control characters other than line breaks
 * and tabs. TikTok's avatar speech cannot read them ("Do not use emojis or special characters", seed 003).
 */
const UNSUPPORTED_CHARACTER =
	/[\p{Extended_Pictographic}\p{So}\p{Co}\p{Cn}]|\u200D|\uFE0F|\u20E3|[^\P{Cc}\n\r\t]/u;

export function findUnsupportedCharacter(text: string): string | undefined {
	const match = UNSUPPORTED_CHARACTER.exec(text);
	return match?.[0];
}

/** Turns a date picked in n8n (ISO date-time or date) into the YYYY-MM-DD (UTC) form providers expect. */
export function toUtcDate(value: string): string | undefined {
	if (!value) return undefined;
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return undefined;
	return date.toISOString().slice(0, 10);
}

/** Splits a field of IDs separated by commas, spaces or new lines; at least one is required. */
export function parseIdList(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string[] {
	const ids = (Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,]+/))
		.map((id) => id.trim())
		.filter(Boolean);
	if (ids.length === 0) {
		throw new NodeOperationError(this.getNode(), `${field}: at least one ID is required`, {
			itemIndex,
			description: `Fill in "${field}" with one or more IDs separated by commas.`,
		});
	}
	return [...new Set(ids)];
}

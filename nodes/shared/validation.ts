import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

/** Parameter name → the label the user sees, for an operation's fields and the options of its collections. */
export function fieldLabels(properties: INodeProperties[]): Record<string, string> {
	const labels: Record<string, string> = {};
	const visit = (list: ReadonlyArray<unknown>) => {
		for (const entry of list) {
			const property = entry as Partial<INodeProperties> & { values?: unknown[] };
			if (property.name && property.displayName && property.type !== 'notice') {
				labels[property.name] ??= property.displayName;
			}
			if (Array.isArray(property.options)) visit(property.options);
			if (Array.isArray(property.values)) visit(property.values);
		}
	};
	visit(properties);
	return labels;
}

/**
 * Checks one item's parameters against an operation's zod schema before any request is sent, so bad input never
 * costs credits. The schema's keys are the parameter names; the message names the field as the user sees it in
 * the node, as a sentence ("Script must be at most 2,000 characters"). Schema messages are written to follow the
 * field's label: "is required", "must be …".
 */
export function validateParameters<T extends z.ZodTypeAny>(
	this: IExecuteFunctions,
	schema: T,
	value: unknown,
	properties: INodeProperties[],
	itemIndex: number,
): z.infer<T> {
	const result = schema.safeParse(value);
	if (result.success) return result.data as z.infer<T>;

	const issue = result.error.issues[0];
	const name = String(issue.path[0] ?? '');
	const field = fieldLabels(properties)[name] ?? (issue.path.join('.') || 'A field');
	throw new NodeOperationError(this.getNode(), `${field} ${issue.message}`, {
		itemIndex,
		description: `Fix the "${field}" field. Nothing was sent to the provider.`,
	});
}

/**
 * A field left empty, or an expression that gives null, is a field not set. Any other value is kept for the schema to
 * judge: `value || undefined` would drop NaN, 0 or false silently instead of refusing them.
 */
export function emptyAsUndefined(value: unknown): unknown {
	return value === null || value === '' ? undefined : value;
}

/** The NodeOperationError of a field set to something it cannot take. */
function fieldError(
	context: IExecuteFunctions,
	label: string,
	problem: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${label} ${problem}`, {
		itemIndex,
		description: `Fix the "${label}" field. Nothing was sent to the provider.`,
	});
}

/**
 * A number field, checked against the range it declares. n8n's editor keeps a number field within its range, but an
 * expression or an imported workflow can give anything: text ("5" is read as 5), NaN, a value outside the range. A
 * field left empty or an expression that resolves to null gives the default.
 */
export function readNumberParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	field: { label: string; default: number; min: number; max?: number; whole?: boolean },
): number {
	const raw = this.getNodeParameter(name, itemIndex, field.default) as unknown;
	if (raw === undefined || raw === null || raw === '') return field.default;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	const max = field.max ?? Number.POSITIVE_INFINITY;
	if (
		typeof value !== 'number' ||
		!Number.isFinite(value) ||
		value < field.min ||
		value > max ||
		(field.whole === true && !Number.isInteger(value))
	) {
		const kind = field.whole ? 'a whole number' : 'a number';
		const range =
			field.max === undefined ? `of at least ${field.min}` : `from ${field.min} to ${field.max}`;
		throw fieldError(
			this,
			field.label,
			`must be ${kind} ${range}, not ${JSON.stringify(String(raw)).slice(0, 60)}`,
			itemIndex,
		);
	}
	return value;
}

/**
 * A switch (boolean field): true or false, also as the text "true"/"false" an expression may give. Anything else
 * ("yes", 1, an object) is refused rather than read as "on" because it is not empty; null gives the default.
 */
export function readBooleanParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	field: { label: string; default: boolean },
): boolean {
	const raw = this.getNodeParameter(name, itemIndex, field.default) as unknown;
	if (raw === undefined || raw === null) return field.default;
	if (typeof raw === 'boolean') return raw;
	if (raw === 'true' || raw === 'false') return raw === 'true';
	throw fieldError(
		this,
		field.label,
		`must be true or false, not ${JSON.stringify(raw)?.slice(0, 60) ?? String(raw)}`,
		itemIndex,
	);
}

/**
 * A switch read once paid work is done (Simplify of a create's output, Download Video, Download Images): a bad value
 * must not fail the run then, with the jobs paid for. true or "true" is on, false or "false" is off (the text an
 * expression gives), anything else gives the field's default. Switches read before anything is sent use
 * `readBooleanParameter`, which refuses such a value instead.
 */
export function switchValue(raw: unknown, defaultValue: boolean): boolean {
	if (raw === true || raw === 'true') return true;
	if (raw === false || raw === 'false') return false;
	return defaultValue;
}

/** Half of a character (a UTF-16 surrogate without its pair), e.g. from text cut in the middle of an emoji. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether text can go into a URL: a lone surrogate cannot be percent-encoded (encodeURIComponent throws "URI
 * malformed"), so an ID holding one is refused with its field instead.
 */
export function isWellFormedText(text: string): boolean {
	return !LONE_SURROGATE.test(text);
}

export const BROKEN_CHARACTER_MESSAGE =
	'contains a broken character (half of an emoji or symbol, e.g. from text cut short); retype it';

/**
 * Emoji and pictographs, private-use and unassigned code points, and control characters other than line breaks
 * and tabs. TikTok's avatar speech cannot read them ("Do not use emojis or special characters", TikTok's Digital Avatar documentation).
 */
const UNSUPPORTED_CHARACTER =
	/[\p{Extended_Pictographic}\p{So}\p{Co}\p{Cn}]|\u200D|\uFE0F|\u20E3|[^\P{Cc}\n\r\t]/u;

export function findUnsupportedCharacter(text: string): string | undefined {
	const match = UNSUPPORTED_CHARACTER.exec(text);
	return match?.[0];
}

/**
 * The calendar day of a date picked in n8n, as YYYY-MM-DD — the day the user picked, whatever the time zone of the
 * n8n server. The picker writes the day as local wall time ("2026-11-01T00:00:00"); reading that as an instant and
 * converting it to UTC would give 31 October east of UTC. So the day is taken as written; only a value without a
 * written day (a JavaScript Date from an expression) is converted, in UTC.
 */
export function calendarDay(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const written = /^(\d{4}-\d{2}-\d{2})/.exec(String(value));
	if (written) return written[1];
	const date = value instanceof Date ? value : new Date(String(value));
	if (Number.isNaN(date.getTime())) return undefined;
	return date.toISOString().slice(0, 10);
}

/**
 * A date field read as a calendar day (see `calendarDay`): empty gives undefined; a value that names no real day
 * ("not a date", 2026-02-30) is refused instead of being dropped, which would quietly widen a filter.
 */
export const calendarDaySchema = z.unknown().transform((value, context) => {
	if (value === undefined || value === null || value === '') return undefined;
	const day = calendarDay(value);
	if (day === undefined || !isRealDay(day)) {
		context.addIssue({
			code: z.ZodIssueCode.custom,
			message: `must be a date such as 2026-11-01, not "${String(value).slice(0, 40)}"`,
		});
		return z.NEVER;
	}
	return day;
});

/** Whether a YYYY-MM-DD text is a day of the calendar (not 2026-02-30, nor "+012345-01" from "12345"). */
function isRealDay(day: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
	const midnight = new Date(`${day}T00:00:00Z`);
	return !Number.isNaN(midnight.getTime()) && midnight.toISOString().startsWith(day);
}

/**
 * IDs typed by a user or mapped from a previous node: separated by commas, spaces or new lines, and forgiving about
 * the JSON form providers use themselves (["123","456"]) or an array from an expression. Returns the IDs without
 * duplicates, in order (possibly none: the caller's schema says whether that is allowed). An object mapped by
 * mistake (a whole item instead of its ID) stays whole, as its JSON, so that the error shows what was given
 * rather than the words of "[object Object]" read as two IDs.
 */
export function parseIdList(value: unknown): string[] {
	const parts: unknown[] = Array.isArray(value)
		? value
		: typeof value === 'object' && value !== null
			? [value]
			: String(value ?? '').split(/[\s,]+/);
	const ids = parts
		.map((part) =>
			typeof part === 'object' && part !== null
				? JSON.stringify(part)
				: String(part ?? '')
						.replace(/[[\]"']/g, '')
						.trim(),
		)
		.filter((part) => part !== '');
	return [...new Set(ids)];
}

/** Provider IDs written as UUIDs (Creatify's links, videos and personas; Genviral's packs, slideshows, products). */
export const UUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const UUID_RE = new RegExp(UUID_PATTERN);

export function isUuid(value: string): boolean {
	return UUID_RE.test(value);
}

/** Whether the text is an absolute http(s) URL with a host (what a provider can fetch). */
export function isHttpUrl(value: string): boolean {
	return parseHttpUrl(value) !== undefined;
}

function parseHttpUrl(value: string): URL | undefined {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return undefined;
	}
	return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url : undefined;
}

/**
 * A required http(s) URL, checked before anything is sent. The value becomes the URL as a browser would send it
 * (`new URL().href`, spaces percent-encoded), which is what the providers ask for. `what` and `example` word the
 * message ("must be an http(s) URL of the video file, e.g. …"); `max` is a provider's length limit.
 */
export function httpUrlSchema(
	what: string,
	example: string,
	max?: { length: number; provider: string },
) {
	return z
		.string()
		.trim()
		.min(1, 'is required')
		.transform((value, context) => {
			const url = parseHttpUrl(value);
			if (!url) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `must be an http(s) URL of ${what}, e.g. ${example} (got "${value.slice(0, 100)}")`,
				});
				return z.NEVER;
			}
			if (max !== undefined && url.href.length > max.length) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `must be at most ${max.length} characters (${max.provider} limit); this one has ${url.href.length}`,
				});
				return z.NEVER;
			}
			return url.href;
		});
}

/** An optional text parameter: empty text counts as not given. */
export function optionalText(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * One of a documented set of values. `message` is the whole message, or builds it from the value given (undefined
 * when the value is not text) so the user sees what was wrong.
 */
export function enumSchema<U extends string, T extends Readonly<[U, ...U[]]>>(
	values: T,
	message: string | ((given: string | undefined) => string),
) {
	return z.enum(values, {
		errorMap: (issue, context) => ({
			message:
				typeof message === 'string'
					? message
					: message(issue.code === 'invalid_enum_value' ? String(context.data) : undefined),
		}),
	});
}

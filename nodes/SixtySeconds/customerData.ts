import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * `customer_data` of POST /videos: "an object, required; it can contain any fields that you want to use for
 * personalization, such as names, company information, usage statistics" (SixtySeconds Videos API reference). The data is usually already in
 * each n8n item, so the user should not have to type it again field by field. Three ways to give it:
 * - Use Input Item: the item's JSON as it is (optionally only some of its fields);
 * - JSON: an object written or mapped as JSON;
 * - Define Below: name/value pairs, each value kept as its type (text, number, true/false, list or object).
 * Values are never flattened or stringified: nested objects and lists reach SixtySeconds as they are, numbers stay
 * numbers.
 */

export const CUSTOMER_DATA_MODES = [
	{
		name: 'Use Input Item',
		value: 'inputItem',
		description: "Send the input item's fields (all of them, or the ones you list)",
	},
	{ name: 'JSON', value: 'json', description: 'Write or map the customer data as a JSON object' },
	{ name: 'Define Below', value: 'defineBelow', description: 'Name each field and its value' },
] as const;

export type CustomerDataMode = (typeof CUSTOMER_DATA_MODES)[number]['value'];

/** How a "Define Below" value is read. */
export const FIELD_VALUE_TYPES = [
	{
		name: 'Keep As Is',
		value: 'auto',
		description:
			'Typed text stays text; an expression keeps the type of its result (number, list, object…)',
	},
	{ name: 'Text', value: 'string', description: 'Always sent as text' },
	{ name: 'Number', value: 'number', description: 'Text such as 12 or 4.5, sent as a number' },
	{ name: 'True/False', value: 'boolean', description: 'True or false, sent as a boolean' },
	{
		name: 'JSON (List or Object)',
		value: 'json',
		description: 'JSON such as ["dashboard", "reports"] or {"logins": 12}',
	},
] as const;

export type FieldValueType = (typeof FIELD_VALUE_TYPES)[number]['value'];

export interface CustomerDataField {
	name?: unknown;
	type?: unknown;
	value?: unknown;
}

export const customerDataProperties: INodeProperties[] = [
	{
		displayName: 'Customer Data',
		name: 'customerData',
		type: 'options',
		noDataExpression: true,
		options: [...CUSTOMER_DATA_MODES],
		default: 'inputItem',
		description:
			'The data that personalises the video (names, company, tier, usage figures…): the fields your template uses. Required, and an object.',
	},
	{
		displayName: 'Fields to Include',
		name: 'inputFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. first_name, company, product_tier, usage_stats',
		displayOptions: { show: { customerData: ['inputItem'] } },
		description:
			"Top-level fields of the input item to send, separated by commas. Leave empty to send the whole item. A listed field the item doesn't have stops that item, so a typo never makes a video without the data.",
	},
	{
		displayName: 'Customer Data (JSON)',
		name: 'customerDataJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { customerData: ['json'] } },
		description:
			'A JSON object, e.g. {"first_name": "Sarah", "company": "Acme Inc.", "usage_stats": {"logins": 12}}, or an expression that maps an object from the input item',
	},
	{
		displayName: 'Customer Data Fields',
		name: 'customerDataFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { customerData: ['defineBelow'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. first_name',
						description: 'The field name your template uses',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [...FIELD_VALUE_TYPES],
						default: 'auto',
						description: 'How to read the value',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Sarah',
					},
				],
			},
		],
	},
];

/** Where a problem is: the parameter name (for the field label) and the message fragment that follows it. */
export interface CustomerDataProblem {
	field: 'customerData' | 'inputFields' | 'customerDataJson' | 'customerDataFields';
	message: string;
}

export type CustomerDataResult = { data: IDataObject } | { problem: CustomerDataProblem };

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}

function quoted(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return `"${String(text).slice(0, 60)}"`;
}

/** Field names separated by commas or new lines, or a list from an expression. */
export function parseFieldNames(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n]+/);
	return [...new Set(parts.map((part) => part.trim()).filter((part) => part !== ''))];
}

/** The whole item, or only the named top-level fields (each must exist). */
export function customerDataFromItem(item: IDataObject, fieldNames: string[]): CustomerDataResult {
	if (fieldNames.length === 0) return { data: { ...item } };
	const missing = fieldNames.filter((name) => !Object.prototype.hasOwnProperty.call(item, name));
	if (missing.length > 0) {
		const available = Object.keys(item);
		return {
			problem: {
				field: 'inputFields',
				message: `names ${missing.map((name) => `"${name}"`).join(', ')}, which this item does not have (its fields: ${
					available.length ? available.slice(0, 20).join(', ') : 'none'
				})`,
			},
		};
	}
	const data: IDataObject = {};
	for (const name of fieldNames) data[name] = item[name];
	return { data };
}

/** A JSON object, as text or as an object mapped by an expression. */
export function customerDataFromJson(value: unknown): CustomerDataResult {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') {
			return { problem: { field: 'customerDataJson', message: 'is required: a JSON object' } };
		}
		try {
			parsed = JSON.parse(value) as unknown;
		} catch (error) {
			return {
				problem: {
					field: 'customerDataJson',
					message: `is not valid JSON (${(error as Error).message})`,
				},
			};
		}
	}
	if (!isPlainObject(parsed)) {
		return {
			problem: {
				field: 'customerDataJson',
				message: `must be a JSON object such as {"first_name": "Sarah"}, not ${kindOf(parsed)}`,
			},
		};
	}
	return { data: parsed };
}

/** One "Define Below" value, read as its type. */
export function fieldValue(
	name: string,
	type: FieldValueType,
	value: unknown,
): { value: unknown } | { problem: string } {
	const entry = `entry "${name}"`;
	switch (type) {
		case 'string':
			if (typeof value === 'string') return { value };
			return {
				value:
					isPlainObject(value) || Array.isArray(value)
						? JSON.stringify(value)
						: String(value ?? ''),
			};
		case 'number': {
			if (typeof value === 'number' && Number.isFinite(value)) return { value };
			const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
			return Number.isFinite(number)
				? { value: number }
				: { problem: `${entry} must be a number, got ${quoted(value)}` };
		}
		case 'boolean': {
			if (typeof value === 'boolean') return { value };
			const text = String(value ?? '')
				.trim()
				.toLowerCase();
			if (text === 'true') return { value: true };
			if (text === 'false') return { value: false };
			return { problem: `${entry} must be true or false, got ${quoted(value)}` };
		}
		case 'json': {
			if (typeof value !== 'string') return { value };
			try {
				return { value: JSON.parse(value) as unknown };
			} catch {
				return {
					problem: `${entry} must be JSON such as ["dashboard", "reports"] or {"logins": 12}, got ${quoted(value)}`,
				};
			}
		}
		default:
			return { value };
	}
}

/** Name/value pairs: every name once, every value read as its type. */
export function customerDataFromFields(fields: CustomerDataField[]): CustomerDataResult {
	const data: IDataObject = {};
	for (const [index, field] of fields.entries()) {
		const name = typeof field.name === 'string' ? field.name.trim() : '';
		if (name === '') {
			return {
				problem: { field: 'customerDataFields', message: `entry ${index + 1} needs a name` },
			};
		}
		if (Object.prototype.hasOwnProperty.call(data, name)) {
			return {
				problem: { field: 'customerDataFields', message: `has "${name}" twice; keep one` },
			};
		}
		const type = (typeof field.type === 'string' ? field.type : 'auto') as FieldValueType;
		const read = fieldValue(name, type, field.value);
		if ('problem' in read)
			return { problem: { field: 'customerDataFields', message: read.problem } };
		data[name] = read.value as IDataObject[string];
	}
	return { data };
}

/** The customer data of one item in the chosen mode; SixtySeconds needs at least one field to personalise. */
export function buildCustomerData(input: {
	mode: CustomerDataMode;
	item: IDataObject;
	inputFields?: unknown;
	json?: unknown;
	fields?: CustomerDataField[];
}): CustomerDataResult {
	let result: CustomerDataResult;
	if (input.mode === 'inputItem') {
		result = customerDataFromItem(input.item, parseFieldNames(input.inputFields));
	} else if (input.mode === 'json') {
		result = customerDataFromJson(input.json);
	} else if (input.mode === 'defineBelow') {
		result = customerDataFromFields(input.fields ?? []);
	} else {
		return {
			problem: {
				field: 'customerData',
				message: `must be "inputItem", "json" or "defineBelow" (got ${quoted(input.mode)})`,
			},
		};
	}
	if ('data' in result && Object.keys(result.data).length === 0) {
		return {
			problem: {
				field: 'customerData',
				message:
					'is empty: SixtySeconds needs at least one field (e.g. first_name) to personalise the video',
			},
		};
	}
	return result;
}

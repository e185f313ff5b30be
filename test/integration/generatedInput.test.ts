/**
 * Generated bad input, for every operation of every node of package.json (a node or operation added later is
 * covered without editing this file): fast-check generates a value for every parameter the operation shows — valid
 * ones mixed with wrong types, empty and blank text, very long text, numbers out of range, NaN and Infinity, unknown
 * option values, emoji and control characters, huge and deeply nested JSON, expressions that resolve to null — and
 * each case runs through the real node (n8n-core's engine) against the provider sandbox.
 *
 * The contract, for each case:
 * 1. n8n refuses to start the run (a required field left empty: WorkflowHasIssuesError) and nothing is sent; or
 * 2. the node fails with a NodeOperationError whose message or description names one of the operation's fields
 *    (its label), nothing was sent to a write endpoint (a create, update or paid call), and every request sent
 *    before (free reads) passed the sandbox's validation; or
 * 3. the node fails with a NodeApiError for a business outcome of the provider, or succeeds; in both cases every
 *    request passed the sandbox's validation.
 * No other error type may escape, and a case must finish (Wait for Completion is mostly off; see FAST_VALUES).
 *
 * "Passed the sandbox's validation" (see `judgeRequest`): a known endpoint, a valid credential, no rate limit, no
 * server error, and no answer of the provider's validation — Creatify's DRF 400 field errors, SixtySeconds'
 * `invalid_request`, TikTok's 40002 parameter errors, Genviral's `invalid_payload`, `invalid_json`,
 * `invalid_tiktok_url` and `pack_source_conflict`. Business outcomes are acceptable: an ID that does not exist
 * (404, Creatify's "object does not exist", TikTok's "does not exist"), a video of the wrong kind for a render,
 * not enough credits, an empty pack, a slideshow without slides, a TikTok post that is not a slideshow.
 *
 * One more rule, from the field descriptions themselves: a value outside what a field declares — a number that is not
 * finite, not a number, outside its minValue/maxValue or not whole for a whole-number field, an option value that is
 * not one of the field's options — must not run as if it were fine: the run must fail (1, 2 or 3 with an error).
 *
 * A trigger's cases post a generated body to its webhook as well: it must answer without throwing, send only
 * requests the sandbox accepts, and start no workflow while one of its fields is outside what it declares.
 *
 * The seed is fixed and printed (GENERATED_INPUT_SEED overrides it, GENERATED_INPUT_CASES the number of cases), so a
 * run is reproducible; fast-check prints the shrunk counterexample of any failure.
 */
import fc from 'fast-check';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { NodeHelpers, sleep } from 'n8n-workflow';
import { request } from 'undici';

import { resetRateLimits } from '../../nodes/shared/rateLimiter';
import { printFigures } from '../helpers/figures';
import type { AnsweredRequest, AnsweringSandbox, PackageNode } from '../helpers/generatedInput';
import {
	generatedInputSettings,
	packageCredentialTypes,
	packageNodes,
	silenceErrorReporter,
	startAnsweringSandbox,
	withDeadline,
} from '../helpers/generatedInput';
import { runNode } from '../helpers/n8nContext';
import { serveWebhook } from '../helpers/n8nWebhook';
import { GENVIRAL_IDS } from '../sandbox';
import avatars from '../sandbox/data/tiktok-avatars.json';

const { seed: SEED, cases: TOTAL_CASES } = generatedInputSettings({ seed: 20260518, cases: 1200 });
/** A case still running after this long is a failure (it would hang a workflow). */
const CASE_DEADLINE_MS = 20_000;

// ---- Values the generator uses -------------------------------------------------------------------------------------

/**
 * A value the printed counterexample shows by a short name and the case resolves when it runs: a sandbox fixture
 * (an ID that exists), a very long text, deeply nested or huge JSON, or an expression whose result the test knows.
 */
class Token {
	constructor(
		readonly label: string,
		readonly make: (fixtures: Record<string, string>) => unknown,
	) {}
	[fc.toStringMethod](): string {
		return this.label;
	}
}
/** What an expression the test cannot evaluate (one reading the item) resolves to. */
const UNKNOWN = Symbol('depends on the item');

const fixture = (name: string) => new Token(`fixture(${name})`, (fixtures) => fixtures[name]);
const repeat = (text: string, count: number) =>
	new Token(`"${text}" × ${count}`, () => text.repeat(count));
const expression = (code: string) => new Token(`={{ ${code} }}`, () => `={{ ${code} }}`);

/** Objects and lists nested `depth` levels deep, an object at the top (an item's JSON is one). */
function deepJson(depth: number): IDataObject {
	let value: IDataObject | IDataObject[] | string = 'bottom';
	for (let level = 1; level < depth; level++)
		value = level % 2 ? [value as IDataObject] : { nested: value };
	return { nested: value };
}
function hugeJson(keys: number): IDataObject {
	return Object.fromEntries(
		Array.from({ length: keys }, (_, index) => [`key_${index}`, `value ${index} `.repeat(8)]),
	);
}
const DEEP = new Token('deeply nested JSON (depth 2000)', () => deepJson(2000));
const HUGE = new Token('huge JSON (5000 keys, ~450 kB)', () => hugeJson(5000));
const DEEP_TEXT = new Token('deeply nested JSON text', () => JSON.stringify(deepJson(2000)));
const HUGE_TEXT = new Token('huge JSON text', () => JSON.stringify(hugeJson(5000)));

/** Replaces every token of a generated value by what it stands for. */
function resolve(value: unknown, fixtures: Record<string, string>): unknown {
	if (value instanceof Token) return value.make(fixtures);
	if (Array.isArray(value)) return value.map((entry) => resolve(entry, fixtures));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, resolve(entry, fixtures)]),
		);
	}
	return value;
}

/** Expressions as a workflow has them, keyed by their text, to know what a parameter resolves to. */
const EXPRESSIONS = new Map<string, unknown>();
function knownExpression(code: string, resolvesTo: unknown): Token {
	EXPRESSIONS.set(`={{ ${code} }}`, resolvesTo);
	return expression(code);
}

const NULL = knownExpression('null', null);
const MISSING = knownExpression('$json.fieldThatIsNotThere', undefined);
const NAN = knownExpression('NaN', Number.NaN);
const INFINITY = knownExpression('Infinity', Number.POSITIVE_INFINITY);
const MINUS_INFINITY = knownExpression('-Infinity', Number.NEGATIVE_INFINITY);

/** Wrong types and empties that fit no field: what a mapped expression or a hand-edited workflow can give. */
const wrongTypes = fc.constantFrom<unknown>(
	NULL,
	MISSING,
	knownExpression('12345', 12345),
	knownExpression('-1', -1),
	knownExpression('1.5', 1.5),
	NAN,
	INFINITY,
	knownExpression('true', true),
	knownExpression('false', false),
	knownExpression('{ "a": 1 }', { a: 1 }),
	knownExpression('[1, "two"]', [1, 'two']),
	knownExpression('[]', []),
	knownExpression('{}', {}),
	knownExpression('"   "', '   '),
	expression('$json'),
	42,
	true,
	null,
	{ a: 1 },
	[1, 2],
);

/** Text no field should take as it is: blank, emoji, control characters, paths, very long. */
const awkwardText = fc.constantFrom<unknown>(
	'',
	'   ',
	'\t\n',
	'😀🎬🔥',
	'👩‍👩‍👧‍👦 family',
	'a\u0000b',
	'\u0007\u001b[31mred',
	'\u202Eevil',
	'\ud800 lone surrogate',
	'\u200B',
	'line one\nline two',
	'../../etc/passwd',
	'a/b?c=d#e',
	'%2F%2E%2E',
	'"quoted" \'single\' <b>tag</b>',
	repeat('x', 256),
	repeat('x', 1001),
	repeat('y', 2001),
	repeat('z', 3001),
	repeat('é', 70_000),
);

const jsonText = fc.constantFrom<unknown>(
	'{',
	'{"a": ',
	'[1, 2]',
	'"text"',
	'null',
	'42',
	'{"a": NaN}',
	DEEP_TEXT,
	HUGE_TEXT,
	expression('$json'),
	knownExpression('[1, 2]', [1, 2]),
);

// ---- Valid values the sandbox knows -----------------------------------------------------------------------------

const TIKTOK_AVATAR_IDS = (avatars as Array<{ avatar_id: string }>).map(
	(avatar) => avatar.avatar_id,
);
const TIKTOK_PHOTO_URL = 'https://www.tiktok.com/@creator/photo/7301881390801371138';
/** A draft the sandbox seeds with slides; the fixtures render it. */
const RENDERED_SLIDESHOW = 'a1b2c3d4-0000-4000-8000-000000000001';

/**
 * Valid values of parameters whose generic values (text, numbers) would only ever meet "not found": IDs that exist
 * in the sandbox (fixtures, made after each reset), URLs of the right kind, the seeded ids. Keyed by node name and
 * parameter path, optionally narrowed to "resource.operation". A parameter not listed gets generic valid values.
 */
const KNOWN_GOOD: Record<string, unknown[]> = {
	'creatify.productUrl': [
		'https://shop.example.com/products/kettle',
		'http://shop.example.com/p?id=1',
	],
	'creatify.link.createFromUrl.url': ['https://shop.example.com/products/kettle'],
	'creatify.link': [fixture('creatifyLinkId')],
	'creatify.video.render.videoId': [fixture('creatifyPreviewVideoId')],
	'creatify.video.renderSinglePreview.videoId': [fixture('creatifyPreviewListVideoId')],
	'creatify.mediaJob': [fixture('creatifyMediaJob')],
	'creatify.videoIds': [fixture('creatifyVideoId'), fixture('creatifyVideoIds')],
	'creatify.visualStyle': [{ __rl: true, mode: 'list', value: 'AvatarBubbleTemplate' }],
	'creatify.additionalFields.overrideAvatar': [
		{ __rl: true, mode: 'id', value: '0b7d7e39-3f1c-4d7e-9a59-6d2f1a000001' },
	],
	'creatify.additionalFields.overrideVoice': [
		{ __rl: true, mode: 'id', value: '5e3c1a2b-0000-4000-8000-00000000a001' },
	],
	'creatify.additionalFields.backgroundMusicUrl': ['https://cdn.example.com/music.mp3'],
	'creatify.additionalFields.webhookUrl': ['https://hooks.example.com/creatify'],
	'creatify.imageUrls': [
		'https://cdn.example.com/1.jpg, https://cdn.example.com/2.jpg, https://cdn.example.com/3.jpg',
	],
	'creatify.updateFields.imageUrls': [
		'https://cdn.example.com/1.jpg\nhttps://cdn.example.com/2.jpg',
	],
	'creatify.videoUrls': ['https://cdn.example.com/clip.mp4'],
	'creatify.updateFields.videoUrls': ['https://cdn.example.com/clip.mp4'],
	'creatify.additionalFields.logoUrl': ['https://cdn.example.com/logo.png'],
	'creatify.updateFields.logoUrl': ['https://cdn.example.com/logo.png'],
	'sixtySeconds.template': [
		{ __rl: true, mode: 'id', value: 'tmpl_welcome_message' },
		{ __rl: true, mode: 'list', value: 'tmpl_product_demo' },
		{ __rl: true, mode: 'id', value: 'tmpl_story_teaser' },
	],
	'sixtySeconds.videoIds': [fixture('sixtySecondsVideoId')],
	'sixtySeconds.customerDataJson': ['{"first_name": "Sarah", "company": "Acme"}'],
	'sixtySeconds.inputFields': ['first_name, company', ''],
	'sixtySeconds.customerDataFields.field.name': ['first_name', 'company'],
	'sixtySeconds.additionalFields.projectId': ['proj_onboarding_2025'],
	'tikTokDigitalAvatar.avatar': TIKTOK_AVATAR_IDS.slice(0, 3).map((value) => ({
		__rl: true,
		mode: 'list',
		value,
	})),
	'tikTokDigitalAvatar.filters.avatar': [{ __rl: true, mode: 'id', value: TIKTOK_AVATAR_IDS[0] }],
	'tikTokDigitalAvatar.script': ['Hello and welcome to our store.', 'Line one.\nLine two.'],
	'tikTokDigitalAvatar.taskIds': [fixture('tiktokAvatarTaskId')],
	'tikTokDigitalAvatar.avatarVideoId': [fixture('tiktokAvatarVideoId')],
	'tikTokRefreshAds.videoUrl': [fixture('tiktokSourceVideoUrl'), 'https://cdn.example.com/ad.mp4'],
	'tikTokRefreshAds.videoId': [fixture('tiktokUploadedVideoId')],
	'tikTokRefreshAds.taskIds': [fixture('tiktokRefreshTaskId')],
	'genviral.tiktokUrl': [TIKTOK_PHOTO_URL, 'https://vm.tiktok.com/ZMabc123/'],
	'genviral.imagePack': [
		{ __rl: true, mode: 'id', value: GENVIRAL_IDS.packWithImages },
		{ __rl: true, mode: 'list', value: GENVIRAL_IDS.packPublic },
	],
	'genviral.imageUrls': ['https://cdn.example.com/a.jpg\nhttps://cdn.example.com/b.jpg'],
	'genviral.additionalFields.productId': [GENVIRAL_IDS.productOwn],
	'genviral.slideshow': [{ __rl: true, mode: 'id', value: RENDERED_SLIDESHOW }],
	'genviral.slideshowIds': [RENDERED_SLIDESHOW],
};

/**
 * Values that keep a case fast, whatever the operation: Wait for Completion mostly off (a wait polls after its Poll
 * Interval, at least a second), and when on, the shortest interval and a short timeout. Bad values are generated
 * for these fields like for any other.
 */
const FAST_VALUES: Record<string, fc.Arbitrary<unknown>> = {
	waitForCompletion: fc.oneof(
		{ arbitrary: fc.constant(false), weight: 9 },
		{ arbitrary: fc.constant(true), weight: 1 },
	),
	pollInterval: fc.constant(1),
	timeout: fc.constant(10),
};

// ---- Operations and their parameters ---------------------------------------------------------------------------

interface Operation {
	node: PackageNode;
	/** e.g. "Creatify video create", or "Creatify Trigger" for a trigger. */
	title: string;
	resource?: string;
	operation?: string;
	/** The parameters the operation shows (any other condition of theirs is left to n8n). */
	properties: INodeProperties[];
	trigger: boolean;
}

function shownFor(property: INodeProperties, key: string, value: string | undefined): boolean {
	const show = property.displayOptions?.show?.[key];
	return value === undefined || show === undefined || show.includes(value);
}

function operationsOf(node: PackageNode): Operation[] {
	const { description } = node.nodeType;
	const trigger = typeof node.nodeType.webhook === 'function';
	const base = { node, trigger };
	const resourceProperty = description.properties.find((property) => property.name === 'resource');
	if (!resourceProperty) {
		return [{ ...base, title: description.displayName, properties: description.properties }];
	}
	return (resourceProperty.options as INodePropertyOptions[]).flatMap(({ value }) => {
		const resource = String(value);
		const operationProperty = description.properties.find(
			(property) => property.name === 'operation' && shownFor(property, 'resource', resource),
		);
		const operations = operationProperty
			? (operationProperty.options as INodePropertyOptions[]).map((option) => String(option.value))
			: [undefined];
		return operations.map((operation) => ({
			...base,
			title: [description.displayName, resource, operation].filter(Boolean).join(' '),
			resource,
			operation,
			properties: description.properties.filter(
				(property) =>
					!['resource', 'operation'].includes(property.name) &&
					shownFor(property, 'resource', resource) &&
					shownFor(property, 'operation', operation),
			),
		}));
	});
}

/** Every label of an operation's fields, with the options of its collections. */
function labelsOf(properties: ReadonlyArray<INodeProperties | INodePropertyCollection>): string[] {
	return properties.flatMap((entry) => {
		if ('values' in entry) return labelsOf(entry.values);
		const property = entry as INodeProperties;
		if (property.type === 'notice') return [];
		const children = (property.options ?? []).filter(
			(option): option is INodeProperties | INodePropertyCollection =>
				typeof option === 'object' && ('type' in option || 'values' in option),
		);
		return [property.displayName, ...labelsOf(children)];
	});
}

// ---- Arbitraries per parameter type --------------------------------------------------------------------------------

interface FieldArbitraries {
	valid: fc.Arbitrary<unknown>;
	bad: fc.Arbitrary<unknown>;
}

interface FieldContext {
	node: string;
	/** "resource.operation", for KNOWN_GOOD entries of one operation. */
	operation?: string;
	/** Names from the top-level parameter down, e.g. ["additionalFields", "name"]. */
	path: string[];
}

function knownGood(context: FieldContext): unknown[] | undefined {
	const path = context.path.join('.');
	return (
		(context.operation && KNOWN_GOOD[`${context.node}.${context.operation}.${path}`]) ||
		KNOWN_GOOD[`${context.node}.${path}`]
	);
}

const placeholderExample = (property: INodeProperties) =>
	property.placeholder?.startsWith('e.g. ') ? [property.placeholder.slice(5)] : [];

const optionValues = (property: INodeProperties) =>
	((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value);

function numberArbitraries(property: INodeProperties): FieldArbitraries {
	const { minValue, maxValue, numberPrecision } = property.typeOptions ?? {};
	const min = typeof minValue === 'number' ? minValue : 0;
	const max = typeof maxValue === 'number' ? maxValue : min + 100;
	const valid =
		numberPrecision && numberPrecision > 0
			? fc.double({ min, max, noNaN: true }).map((value) => Number(value.toFixed(numberPrecision)))
			: fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, min + 100)) });
	const outside = [
		min - 1,
		min - 0.001,
		...(typeof maxValue === 'number' ? [maxValue + 1, maxValue + 0.001] : []),
	];
	const bad = fc.oneof(
		fc.constantFrom<unknown>(
			...outside,
			0,
			-1,
			1.5,
			1e21,
			-1e21,
			Number.MAX_SAFE_INTEGER + 2,
			NAN,
			INFINITY,
			MINUS_INFINITY,
			'5',
			'12abc',
			'',
			' ',
		),
		wrongTypes,
	);
	return { valid, bad };
}

function fieldArbitraries(property: INodeProperties, context: FieldContext): FieldArbitraries {
	const known = knownGood(context);
	const knownArbitrary = known ? fc.constantFrom(...known) : undefined;
	const fast = context.path.length === 1 ? FAST_VALUES[property.name] : undefined;

	switch (property.type) {
		case 'number': {
			const arbitraries = numberArbitraries(property);
			return { ...arbitraries, valid: fast ?? knownArbitrary ?? arbitraries.valid };
		}
		case 'boolean':
			return {
				valid: fast ?? fc.boolean(),
				// "true" and "false" as text come from an expression (as raw text, n8n would hide the fields they
				// control, and the node would wait with their defaults: slow, and not what a workflow can show).
				bad: fc.oneof(
					fc.constantFrom<unknown>(
						knownExpression('"true"', 'true'),
						knownExpression('"false"', 'false'),
						'yes',
						1,
						0,
						'',
					),
					wrongTypes,
				),
			};
		case 'options': {
			const values = optionValues(property);
			const first = String(values[0] ?? 'x');
			return {
				valid: knownArbitrary ?? fc.constantFrom(...values),
				bad: fc.oneof(
					fc.constantFrom<unknown>(
						'bogus',
						'',
						` ${first}`,
						first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase(),
						[first],
					),
					wrongTypes,
				),
			};
		}
		case 'multiOptions': {
			const values = optionValues(property);
			const first = values[0] ?? 'x';
			return {
				valid: fc.subarray(values),
				bad: fc.oneof(
					fc.constantFrom<unknown>(
						['bogus'],
						[first, 'bogus'],
						String(first),
						[first, first],
						Array.from({ length: 50 }, () => first),
						[42],
					),
					wrongTypes,
				),
			};
		}
		case 'collection':
			return collectionArbitraries(property, context);
		case 'fixedCollection':
			return fixedCollectionArbitraries(property, context);
		case 'resourceLocator': {
			const modes = (property.modes ?? []).map((mode) => mode.name);
			const text = stringArbitraries(property, { ...context });
			const locator = (mode: string, value: unknown) => ({ __rl: true, mode, value });
			return {
				valid:
					knownArbitrary ??
					fc
						.tuple(fc.constantFrom(...(modes.length ? modes : ['id'])), text.valid)
						.map(([mode, value]) => locator(mode, value)),
				bad: fc.oneof(
					fc
						.tuple(fc.constantFrom(...(modes.length ? modes : ['id'])), text.bad)
						.map(([mode, value]) => locator(mode, value)),
					fc.constantFrom<unknown>(
						locator('bogus', 'x'),
						locator('id', ''),
						'plain text instead of a locator',
						{ mode: 'id' },
					),
					wrongTypes,
				),
			};
		}
		case 'json':
			return {
				valid:
					knownArbitrary ??
					fc
						.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
							maxKeys: 4,
						})
						.map((value) => JSON.stringify(value)),
				bad: fc.oneof(jsonText, awkwardText, wrongTypes),
			};
		case 'dateTime':
			return {
				valid: fc
					.tuple(
						fc.date({
							min: new Date('2024-01-01'),
							max: new Date('2030-12-31'),
							noInvalidDate: true,
						}),
						fc.boolean(),
					)
					.map(([date, withTime]) =>
						withTime
							? `${date.toISOString().slice(0, 10)}T00:00:00`
							: date.toISOString().slice(0, 10),
					),
				bad: fc.oneof(
					fc.constantFrom<unknown>(
						'not a date',
						'2026-02-30',
						'2026-13-01',
						'31/12/2026',
						'2026-01-01T25:61:00',
						'0000-01-01',
						'9999-12-31',
						0,
						expression('$now'),
						expression('$now.plus({ years: 300 })'),
					),
					wrongTypes,
				),
			};
		case 'color':
			return {
				valid: fc
					.integer({ min: 0, max: 0xffffff })
					.map((value) => `#${value.toString(16).padStart(6, '0')}`),
				bad: fc.oneof(
					fc.constantFrom<unknown>('red', '#12', 'rgb(1,2,3)'),
					awkwardText,
					wrongTypes,
				),
			};
		default: {
			const arbitraries = stringArbitraries(property, context);
			return { ...arbitraries, valid: knownArbitrary ?? arbitraries.valid };
		}
	}
}

function stringArbitraries(property: INodeProperties, context: FieldContext): FieldArbitraries {
	const known = knownGood(context);
	const examples = [
		...placeholderExample(property),
		...(typeof property.default === 'string' && property.default !== '' ? [property.default] : []),
	];
	const valid = fc.oneof(
		...(known ? [fc.constantFrom(...known)] : []),
		...(examples.length ? [fc.constantFrom(...examples)] : []),
		fc.string({ minLength: 1, maxLength: 40 }),
	);
	const padded = valid.map((value) => (typeof value === 'string' ? `  ${value}  ` : value));
	return { valid, bad: fc.oneof(awkwardText, wrongTypes, padded) };
}

function subFieldRecords(
	properties: INodeProperties[],
	context: FieldContext,
): { valid: fc.Arbitrary<IDataObject>; anyValue: fc.Arbitrary<IDataObject> } {
	const entries = properties
		.filter((property) => property.type !== 'notice')
		.map((property) => {
			const arbitraries = fieldArbitraries(property, {
				...context,
				path: [...context.path, property.name],
			});
			return [property.name, arbitraries] as const;
		});
	return {
		valid: fc.record(Object.fromEntries(entries.map(([name, a]) => [name, a.valid])), {
			requiredKeys: [],
		}) as fc.Arbitrary<IDataObject>,
		anyValue: fc.record(
			Object.fromEntries(
				entries.map(([name, a]) => [
					name,
					fc.oneof({ arbitrary: a.valid, weight: 2 }, { arbitrary: a.bad, weight: 1 }),
				]),
			),
			{ requiredKeys: [] },
		) as fc.Arbitrary<IDataObject>,
	};
}

function collectionArbitraries(property: INodeProperties, context: FieldContext): FieldArbitraries {
	const options = (property.options ?? []) as INodeProperties[];
	const records = subFieldRecords(options, context);
	return {
		valid: records.valid,
		bad: fc.oneof(
			records.anyValue,
			fc.constantFrom<unknown>('garbage', [], { unknownOption: 'x' }),
			wrongTypes,
		),
	};
}

function fixedCollectionArbitraries(
	property: INodeProperties,
	context: FieldContext,
): FieldArbitraries {
	const groups = ((property.options ?? []) as INodePropertyCollection[]).map((entry) => ({
		name: entry.name,
		records: subFieldRecords(entry.values, { ...context, path: [...context.path, entry.name] }),
	}));
	const multiple = property.typeOptions?.multipleValues === true;
	const shaped = (which: 'valid' | 'anyValue') =>
		fc.record(
			Object.fromEntries(
				groups.map(({ name, records }) => [
					name,
					multiple ? fc.array(records[which], { maxLength: 3 }) : records[which],
				]),
			),
			{ requiredKeys: [] },
		);
	const firstGroup = groups[0]?.name ?? 'values';
	return {
		valid: shaped('valid'),
		bad: fc.oneof(
			shaped('anyValue'),
			fc.constantFrom<unknown>(
				'garbage',
				{ [firstGroup]: 'not a list' },
				{ [firstGroup]: [null] },
				{ [firstGroup]: [{}] },
				{ [firstGroup]: Array.from({ length: 200 }, () => ({})) },
			),
			wrongTypes,
		),
	};
}

// ---- One case ------------------------------------------------------------------------------------------------------

interface GeneratedCase {
	parameters: IDataObject;
	/** Fields given a bad value (the others are valid or left at their default). */
	badFields: string[];
	item: unknown;
}

const itemArbitrary = fc.oneof(
	{ arbitrary: fc.constant({}), weight: 2 },
	{
		arbitrary: fc.constant({ first_name: 'Sarah', company: 'Acme', product_tier: 'Professional' }),
		weight: 3,
	},
	{
		arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), {
			maxKeys: 5,
		}),
		weight: 2,
	},
	{ arbitrary: fc.constantFrom<unknown>(DEEP, HUGE), weight: 1 },
);

/**
 * The fields a case may give a bad value: every parameter, and every option of its collections (so that an option
 * deep in Additional Fields is as likely to be hit as a top-level field). A path is "name" or "collection.option".
 */
function badTargets(op: Operation, context: Omit<FieldContext, 'path'>) {
	return op.properties
		.filter((property) => property.type !== 'notice')
		.flatMap((property) => {
			const own = {
				path: property.name,
				...fieldArbitraries(property, { ...context, path: [property.name] }),
			};
			if (property.type !== 'collection') return [own];
			const options = ((property.options ?? []) as INodeProperties[]).filter(
				(option) => option.type !== 'notice',
			);
			return [
				own,
				...options.map((option) => ({
					path: `${property.name}.${option.name}`,
					...fieldArbitraries(option, { ...context, path: [property.name, option.name] }),
				})),
			];
		});
}

/** How many fields and collection options a case of the operation can get wrong. */
function targetCount(op: Operation): number {
	return badTargets(op, { node: op.node.nodeType.description.name }).length;
}

function caseArbitrary(op: Operation): fc.Arbitrary<GeneratedCase> {
	const context = {
		node: op.node.nodeType.description.name,
		operation: op.resource && op.operation ? `${op.resource}.${op.operation}` : undefined,
	};
	const fields = op.properties
		.filter((property) => property.type !== 'notice')
		.map((property) => ({
			property,
			...fieldArbitraries(property, { ...context, path: [property.name] }),
		}));
	// Required fields and the wait switch are always set, so that most cases get past n8n's own check and are fast.
	const alwaysSet = fields
		.filter(({ property }) => property.required || FAST_VALUES[property.name])
		.map(({ property }) => property.name);
	const targets = badTargets(op, context);
	const paths = targets.map((target) => target.path);
	return fc
		.record({
			valid: fc.record(Object.fromEntries(fields.map((f) => [f.property.name, f.valid])), {
				requiredKeys: alwaysSet,
			}),
			bad: fc.record(Object.fromEntries(targets.map((target) => [target.path, target.bad]))),
			badFields: fc.subarray(paths, { maxLength: Math.min(2, paths.length) }),
			item: itemArbitrary,
		})
		.map(({ valid, bad, badFields, item }) => {
			const parameters: IDataObject = {
				...(op.resource ? { resource: op.resource } : {}),
				...(op.operation ? { operation: op.operation } : {}),
				...(valid as IDataObject),
			};
			for (const path of badFields) {
				const value = (bad as IDataObject)[path];
				const [name, option] = path.split('.');
				if (option === undefined) {
					parameters[name] = value;
					continue;
				}
				const collection = parameters[name];
				parameters[name] = {
					...(collection && typeof collection === 'object' && !Array.isArray(collection)
						? (collection as IDataObject)
						: {}),
					[option]: value,
				} as IDataObject;
			}
			return { parameters, badFields, item };
		});
}

// ---- The sandbox, its fixtures, and what it accepted ---------------------------------------------------------------

let sandbox: AnsweringSandbox;
const credentialTypes = packageCredentialTypes();

async function call(method: 'GET' | 'POST', url: string, headers: IDataObject, body?: unknown) {
	const response = await request(url, {
		method,
		headers: { 'content-type': 'application/json', ...(headers as Record<string, string>) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = (await response.body.json()) as IDataObject;
	if (response.statusCode >= 300)
		throw new Error(`Fixture ${method} ${url}: ${JSON.stringify(json)}`);
	return json;
}

/** IDs that exist in the sandbox after a reset, per credential (so per provider); made over HTTP like a client. */
const FIXTURES: Record<string, () => Promise<Record<string, string>>> = {
	async creatifyApi() {
		const { apiId, apiKey, baseUrl } = sandbox.credentials.creatifyApi;
		const headers = { 'X-API-ID': apiId, 'X-API-KEY': apiKey };
		const api = `${baseUrl}/api`;
		const link = await call('POST', `${api}/links/`, headers, {
			url: 'https://shop.example.com/kettle',
		});
		const preview = await call('POST', `${api}/link_to_videos/preview/`, headers, {
			link: link.id,
		});
		const list = await call('POST', `${api}/link_to_videos/preview_list_async/`, headers, {
			link: link.id,
		});
		const listed = await call('GET', `${api}/link_to_videos/${String(list.id)}/`, headers);
		const video = await call('POST', `${api}/link_to_videos/`, headers, { link: link.id });
		return {
			creatifyLinkId: String(link.id),
			creatifyPreviewVideoId: String(preview.id),
			creatifyPreviewListVideoId: String(list.id),
			creatifyMediaJob: String((listed.previews as IDataObject[])[0].media_job),
			creatifyVideoId: String(video.id),
			creatifyVideoIds: `${String(video.id)}, ${String(preview.id)}`,
		};
	},
	async sixtySecondsApi() {
		const { apiKey, baseUrl } = sandbox.credentials.sixtySecondsApi;
		const video = await call(
			'POST',
			`${baseUrl}/videos`,
			{ Authorization: `Bearer ${apiKey}` },
			{
				title: 'Fixture',
				template_id: 'tmpl_welcome_message',
				customer_data: { first_name: 'Sarah' },
			},
		);
		return { sixtySecondsVideoId: String(video.id) };
	},
	async tiktokBusinessApi() {
		const { accessToken, baseUrl } = sandbox.credentials.tiktokBusinessApi;
		const headers = { 'Access-Token': accessToken };
		const api = `${baseUrl}/open_api/v1.3`;
		const sourceUrl = sandbox.videoUrl(4096, 'source-ad');
		const upload = await call('POST', `${api}/file/video/ad/upload/`, headers, {
			upload_type: 'UPLOAD_BY_URL',
			use_scenario: 'AIGC',
			video_url: sourceUrl,
		});
		const videoId = String((upload.data as IDataObject).video_id);
		const avatarTask = await call(
			'POST',
			`${api}/creative/digital_avatar/video/task/create/`,
			headers,
			{
				material_packages: [{ avatar_id: TIKTOK_AVATAR_IDS[0], script: 'Hello from the fixture.' }],
			},
		);
		const taskId = String(((avatarTask.data as IDataObject).list as IDataObject[])[0].task_id);
		const read = await call(
			'GET',
			`${api}/creative/digital_avatar/video/task/get/?task_ids=${encodeURIComponent(JSON.stringify([taskId]))}`,
			headers,
		);
		const refresh = await call('POST', `${api}/creative/aigc/refresh_video/task/create/`, headers, {
			video_id: videoId,
			video_refresh_strategy_list: ['SWAP_MUSIC'],
		});
		return {
			tiktokSourceVideoUrl: sourceUrl,
			tiktokUploadedVideoId: videoId,
			tiktokAvatarTaskId: taskId,
			tiktokAvatarVideoId: String(
				((read.data as IDataObject).list as IDataObject[])[0].avatar_video_id,
			),
			tiktokRefreshTaskId: String(((refresh.data as IDataObject).task_ids as string[])[0]),
		};
	},
	// Genviral's packs, products and drafts are seeded with fixed IDs (GENVIRAL_IDS); the first draft is rendered, so
	// that a Get waiting for it is over at once.
	async genviralApi() {
		const { apiKey, baseUrl } = sandbox.credentials.genviralApi;
		await call('POST', `${baseUrl}/slideshows/${RENDERED_SLIDESHOW}/render`, {
			Authorization: `Bearer ${apiKey}`,
		});
		return {};
	},
};

/** A request to a write endpoint: anything but a read, except Genviral's free, stateless preview. */
const FREE_WRITES = new Set(['POST /slideshows/copy-tiktok/preview']);
const isWrite = (entry: AnsweredRequest) =>
	entry.provider !== 'files' && entry.method !== 'GET' && !FREE_WRITES.has(entry.endpoint);

/** The text of an answer, for the providers whose log code does not tell validation from business. */
function answerText(answer: unknown): string {
	return typeof answer === 'string' ? answer : JSON.stringify(answer ?? '');
}

/** Creatify answers 400 both for field validation (DRF) and for these business outcomes. */
const CREATIFY_BUSINESS =
	/Insufficient credits|Only a video created with|already been rendered|Previews are not ready|Preview generation failed|not one of this video's previews|object does not exist|Failed to scrape url|Link must have at least one image or one video/;
/** Genviral's error_code values that are outcomes rather than a refused request shape. */
const GENVIRAL_BUSINESS = new Set([
	'not_found',
	'pack_not_found',
	'product_not_found',
	'forbidden_product_access',
	'pack_empty',
	'no_slides',
	'insufficient_credits',
	'not_slideshow',
]);

/** Why the sandbox refused this request as invalid, or undefined when it passed its validation. */
function judgeRequest(entry: AnsweredRequest): string | undefined {
	if (entry.provider === 'files') return undefined;
	const status = entry.status ?? 0;
	const answer = answerText(entry.answer);
	const text = answer.slice(0, 300);
	if (!sandbox.endpoints.has(entry.endpoint))
		return `unknown endpoint ${entry.endpoint} (${status})`;
	if (entry.auth !== 'valid') return `credential ${entry.auth}`;
	if (entry.rateLimited) return 'over the rate limit';
	if (status >= 500) return `server error ${status}: ${text}`;
	switch (entry.provider) {
		case 'tiktok':
			if (entry.code === 0) return undefined;
			if (entry.code === 40002 && /does not exist/.test(answer)) return undefined;
			return `TikTok code ${String(entry.code)}: ${text}`;
		case 'creatify':
			if (status < 400) return undefined;
			if (status === 404 && /"Not found\."/.test(answer)) return undefined;
			if (status === 400 && CREATIFY_BUSINESS.test(answer)) return undefined;
			return `Creatify ${status}: ${text}`;
		case 'genviral':
			if (status < 400 || GENVIRAL_BUSINESS.has(String(entry.code))) return undefined;
			return `Genviral ${status}: ${text}`;
		default:
			// SixtySeconds, and any provider added later: an ID that does not exist is an outcome, any other 4xx is not.
			if (status < 400 || status === 404) return undefined;
			return `${entry.provider ?? 'unknown provider'} ${status}: ${text}`;
	}
}

// ---- The "declared" rule: values outside what a field says it takes ----------------------------------------------

/** What a parameter value resolves to at run time (expressions of the generator are known; others are not). */
function resolvedValue(value: unknown): unknown {
	if (typeof value === 'string' && EXPRESSIONS.has(value)) return EXPRESSIONS.get(value);
	if (typeof value === 'string' && value.startsWith('=')) return UNKNOWN;
	return value;
}

/**
 * Dropdowns whose description invites other values from an expression: their options are examples, and any text
 * (or, for a list, texts) is theirs to take; a number, a switch or an object still is not.
 */
const OPEN_OPTIONS = new Set([
	// "An expression may give other template names (a list, or text separated by commas)."
	'creatify.visualStyles',
	// "any other word works too (Custom, or an expression)"
	'sixtySeconds.tone',
]);

/** Why a value is outside what the field declares, or undefined. Unset values (null, undefined, '') never are. */
function outsideDeclared(
	node: string,
	property: INodeProperties,
	raw: unknown,
): string | undefined {
	const value = resolvedValue(raw);
	if (value === UNKNOWN || value === undefined || value === null || value === '') return undefined;
	if (OPEN_OPTIONS.has(`${node}.${property.name}`)) {
		const texts = Array.isArray(value) ? value : [value];
		return texts.every((entry) => typeof entry === 'string')
			? undefined
			: `${JSON.stringify(value)} is not text`;
	}
	if (property.type === 'number') {
		const { minValue, maxValue, numberPrecision } = property.typeOptions ?? {};
		const number =
			typeof value === 'number'
				? value
				: typeof value === 'string' && value.trim() !== ''
					? Number(value)
					: Number.NaN;
		if (!Number.isFinite(number)) return `${JSON.stringify(String(value))} is not a finite number`;
		if (typeof minValue === 'number' && number < minValue)
			return `${number} < minValue ${minValue}`;
		if (typeof maxValue === 'number' && number > maxValue)
			return `${number} > maxValue ${maxValue}`;
		if (numberPrecision === 0 && !Number.isInteger(number)) return `${number} is not whole`;
	}
	if (property.type === 'options' && !property.typeOptions?.loadOptionsMethod) {
		const values = optionValues(property).map(String);
		// Surrounding blanks aside: a node may trim them.
		const isPrimitive = typeof value === 'string' || typeof value === 'number';
		if (!isPrimitive || !values.includes(String(value).trim()))
			return `${JSON.stringify(value)} is not one of its options`;
	}
	if (property.type === 'dateTime') {
		const written = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
		const midnight = written ? new Date(`${written[1]}T00:00:00Z`) : undefined;
		const real = written
			? !Number.isNaN(midnight?.getTime()) && midnight?.toISOString().startsWith(written[1])
			: typeof value === 'string'
				? !Number.isNaN(new Date(value).getTime())
				: typeof value === 'number' && Number.isFinite(value);
		if (!real) return `${JSON.stringify(value)} is not a date`;
	}
	if (property.type === 'multiOptions' && !property.typeOptions?.loadOptionsMethod) {
		const values = optionValues(property).map(String);
		// A list, or (from an expression) the list as text separated by commas.
		const list = typeof value === 'string' ? value.split(',').map((entry) => entry.trim()) : value;
		if (!Array.isArray(list)) return `${JSON.stringify(value)} is not a list`;
		const unknown = list.find((entry) => !values.includes(String(entry)));
		if (unknown !== undefined) return `${JSON.stringify(unknown)} is not one of its options`;
	}
	return undefined;
}

/** Every displayed field (as n8n resolves the parameters) whose value is outside what it declares. */
function declaredProblems(
	nodeType: INodeType,
	properties: ReadonlyArray<INodeProperties>,
	values: INodeParameters,
	root: INodeParameters = values,
	label = '',
): string[] {
	const { description } = nodeType;
	return properties.flatMap((property) => {
		if (!(property.name in values)) return [];
		if (!NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, description, root))
			return [];
		const value = values[property.name];
		const name = `${label}${property.displayName}`;
		const inside = (children: INodeProperties[], entry: unknown) =>
			entry && typeof entry === 'object' && !Array.isArray(entry)
				? declaredProblems(nodeType, children, entry as INodeParameters, root, `${name} › `)
				: [];
		if (property.type === 'collection') return inside(property.options as INodeProperties[], value);
		if (property.type === 'fixedCollection') {
			return ((property.options ?? []) as INodePropertyCollection[]).flatMap((group) => {
				const entries =
					value && typeof value === 'object' ? (value as IDataObject)[group.name] : undefined;
				const list = Array.isArray(entries) ? entries : entries ? [entries] : [];
				return list.flatMap((entry) => inside(group.values, entry));
			});
		}
		const problem = outsideDeclared(description.name, property, value);
		return problem ? [`${name}: ${problem}`] : [];
	});
}

/** Parameters with the generator's expressions replaced by what they resolve to (n8n shows every field an
 * expression controls, since it cannot know the value; the test can). */
function withKnownExpressions(value: unknown): unknown {
	if (typeof value === 'string' && EXPRESSIONS.has(value)) return EXPRESSIONS.get(value);
	if (Array.isArray(value)) return value.map(withKnownExpressions);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, withKnownExpressions(entry)]),
		);
	}
	return value;
}

/** The parameters as the node reads them: hidden fields dropped, defaults filled in, known expressions resolved. */
function effectiveParameters(nodeType: INodeType, parameters: IDataObject): INodeParameters {
	const { description } = nodeType;
	return (
		NodeHelpers.getNodeParameters(
			description.properties,
			withKnownExpressions(parameters) as INodeParameters,
			true,
			false,
			{ typeVersion: 1 },
			description,
		) ?? {}
	);
}

// ---- Running and judging a case ------------------------------------------------------------------------------------

interface RunError {
	name?: string;
	message?: string;
	description?: string | null;
}

interface Outcome {
	error?: RunError;
	/** n8n's own check of the parameters stopped the run before the node ran. */
	refusedByN8n?: boolean;
	timedOut?: boolean;
	/** Trigger cases: whether a workflow would have started, and whether the webhook threw. */
	started?: boolean;
	webhookThrew?: string;
}

const figures = {
	cases: 0,
	runsWithShrinking: 0,
	outcomes: {} as Record<string, number>,
	operations: 0,
	triggers: 0,
};

function credentialsFor(nodeType: INodeType): Record<string, ICredentialDataDecryptedObject> {
	const all = sandbox.credentials as unknown as Record<string, ICredentialDataDecryptedObject>;
	return Object.fromEntries(
		(nodeType.description.credentials ?? [])
			.filter(({ name }) => all[name] !== undefined)
			.map(({ name }) => [name, all[name]]),
	);
}

/** Resets everything a case can change, makes the provider's fixtures; returns them and the last logged request. */
async function prepare(nodeType: INodeType) {
	sandbox.reset();
	resetRateLimits();
	let fixtures: Record<string, string> = {};
	for (const { name } of nodeType.description.credentials ?? []) {
		fixtures = { ...fixtures, ...((await FIXTURES[name]?.()) ?? {}) };
	}
	const log = sandbox.requests();
	return { fixtures, afterSeq: log.length ? log[log.length - 1].seq : 0 };
}

async function runAction(op: Operation, parameters: IDataObject, item: unknown): Promise<Outcome> {
	const controller = new AbortController();
	const run = runNode({
		nodeType: op.node.nodeType,
		credentialTypes,
		credentials: credentialsFor(op.node.nodeType),
		parameters,
		items: [item as IDataObject],
		abortSignal: controller.signal,
	}).then(
		({ error, run: execution }): Outcome => ({
			error: error as RunError | undefined,
			refusedByN8n: execution === undefined,
		}),
	);
	const outcome = await withDeadline(run, CASE_DEADLINE_MS, () => {
		controller.abort();
		return { timedOut: true } as Outcome;
	});
	if (outcome.timedOut) await run.catch(() => undefined);
	return outcome;
}

async function runTrigger(op: Operation, parameters: IDataObject, body: unknown): Promise<Outcome> {
	const served = await serveWebhook({
		nodeType: op.node.nodeType,
		credentialTypes,
		credentials: credentialsFor(op.node.nodeType),
		parameters,
	});
	try {
		const response = await request(served.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		await response.body.text();
		const threw = served.started.find((data) => {
			const first = (data as unknown as Array<Array<{ error?: string }>>)[0]?.[0];
			return first?.error !== undefined;
		});
		return {
			started: served.started.length > 0 && !threw,
			webhookThrew: threw
				? String((threw as unknown as Array<Array<{ error?: string }>>)[0][0].error)
				: undefined,
		};
	} finally {
		await served.close();
	}
}

function namesAField(error: RunError, labels: string[]): boolean {
	const text = `${error.message ?? ''} ${error.description ?? ''}`.toLowerCase();
	return labels.some((label) => text.includes(label.toLowerCase()));
}

function countOutcome(kind: string) {
	figures.outcomes[kind] = (figures.outcomes[kind] ?? 0) + 1;
}

/** The contract of the file header; returns every way the case broke it. */
function judge(
	op: Operation,
	outcome: Outcome,
	requests: AnsweredRequest[],
	declared: string[],
): string[] {
	const problems: string[] = [];
	const refused = requests
		.map((entry) => ({ entry, why: judgeRequest(entry) }))
		.filter(({ why }) => why !== undefined)
		.map(({ entry, why }) => `the sandbox refused ${entry.endpoint}: ${why}`);
	const sent = () => requests.map((entry) => `${entry.endpoint} → ${entry.status}`).join(', ');

	if (outcome.timedOut) {
		countOutcome('did not finish');
		return [`the run did not finish within ${CASE_DEADLINE_MS / 1000} s (requests: ${sent()})`];
	}
	if (op.trigger) {
		countOutcome(outcome.started ? 'trigger started' : 'trigger refused or filtered');
		if (outcome.webhookThrew) problems.push(`the webhook threw: ${outcome.webhookThrew}`);
		if (outcome.started && declared.length)
			problems.push(`a workflow started although ${declared.join('; ')}`);
		return [...problems, ...refused];
	}

	const { error } = outcome;
	const name = error?.name ?? 'succeeded';
	countOutcome(outcome.refusedByN8n ? `refused by n8n (${name})` : name);
	if (!error) {
		if (declared.length) problems.push(`the run succeeded although ${declared.join('; ')}`);
		problems.push(...refused);
	} else if (outcome.refusedByN8n) {
		// n8n's check before the run: a required field left empty (WorkflowHasIssuesError), or a value its check
		// itself cannot read (n8n-workflow throws a TypeError on a raw null resource locator). Not the node's code.
		if (requests.length) problems.push(`n8n refused to start, yet requests were sent: ${sent()}`);
	} else if (name === 'NodeOperationError') {
		if (!namesAField(error, labelsOf(op.properties)))
			problems.push(
				`NodeOperationError names no field: "${error.message}" (${error.description ?? ''})`,
			);
		const writes = requests.filter(isWrite);
		if (writes.length)
			problems.push(
				`NodeOperationError after write requests: ${writes.map((e) => e.endpoint).join(', ')}`,
			);
		problems.push(...refused);
	} else if (name === 'NodeApiError') {
		problems.push(...refused);
	} else {
		problems.push(`${name} escaped: ${error.message ?? ''}`);
	}
	return problems;
}

/** Runs one generated case and throws (for fast-check to shrink) when it breaks the contract. */
async function checkCase(op: Operation, generated: GeneratedCase, body?: unknown): Promise<void> {
	figures.runsWithShrinking += 1;
	const { fixtures, afterSeq } = await prepare(op.node.nodeType);
	const parameters = resolve(generated.parameters, fixtures) as IDataObject;
	const declared = [
		...new Set(
			declaredProblems(
				op.node.nodeType,
				op.node.nodeType.description.properties,
				effectiveParameters(op.node.nodeType, parameters),
			),
		),
	];
	const outcome = op.trigger
		? await runTrigger(op, parameters, resolve(body, fixtures))
		: await runAction(op, parameters, resolve(generated.item, fixtures));
	const requests = sandbox.requests().filter((entry) => entry.seq > afterSeq);
	const problems = judge(op, outcome, requests, declared);
	const crashes = sandbox.handlerErrors();
	if (crashes.length)
		problems.push(`the sandbox crashed handling a request: ${String(crashes[0].message)}`);
	if (problems.length) {
		throw new Error(
			`${op.title}: ${problems.join('\n')}\nerror: ${outcome.error?.name ?? '-'} ${outcome.error?.message ?? ''}\nrequests: ${requests
				.map(
					(entry) =>
						`${entry.endpoint} → ${entry.status} ${answerText(entry.answer).slice(0, 200)}`,
				)
				.join('\n  ')}`,
		);
	}
}

// ---- Trigger callbacks -----------------------------------------------------------------------------------------

/** Bodies posted to a trigger's webhook: callbacks as the provider sends them, and anything else. */
const TRIGGER_BODIES: Record<string, fc.Arbitrary<unknown>> = {
	creatifyTrigger: fc.oneof(
		fc.record(
			{
				id: fc.constantFrom<unknown>(
					fixture('creatifyVideoId'),
					fixture('creatifyPreviewListVideoId'),
					'7a1f0c1e-0000-4000-8000-000000000000',
					'not-a-uuid',
					42,
					null,
					repeat('a', 5000),
				),
				status: fc.constantFrom<unknown>(
					'done',
					'failed',
					'running',
					'pending',
					'bogus',
					'',
					null,
					1,
				),
				failed_reason: fc.constantFrom<unknown>(null, '', 'reason', 42),
				video_output: fc.constantFrom<unknown>(null, 'https://cdn.example.com/v.mp4', {}),
				previews: fc.constantFrom<unknown>(undefined, [], [{ media_job: 'x' }], 'not a list'),
			},
			{ requiredKeys: ['id'] },
		),
		fc.jsonValue({ maxDepth: 3 }),
		fc.constantFrom<unknown>(DEEP, HUGE, 'plain text', [], null),
	),
};
const anyBody = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<unknown>(DEEP, HUGE));

// ---- The tests -----------------------------------------------------------------------------------------------------

const operations = packageNodes().flatMap(operationsOf);
/** The cases of the file, shared out by how many fields and options each operation has (at least 10 each). */
const targetsOf = new Map(operations.map((op) => [op, targetCount(op) + 4]));
const allTargets = [...targetsOf.values()].reduce((sum, count) => sum + count, 0);
const runsOf = (op: Operation) =>
	Math.max(10, Math.ceil((TOTAL_CASES * (targetsOf.get(op) ?? 0)) / allTargets));
const plannedCases = operations.reduce((sum, op) => sum + runsOf(op), 0);

/** Each operation gets its own stream of cases from the one seed, so one operation can be rerun alone. */
function seedOf(title: string): number {
	let hash = SEED >>> 0;
	for (const char of title) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
	return hash | 0;
}

beforeAll(async () => {
	silenceErrorReporter();
	sandbox = await startAnsweringSandbox({
		// Jobs end at once, so a case that waits is over at its first status read.
		durations: { minMs: 0, maxMs: 0 },
		videoBytes: 4096,
		// Each case starts with fresh pacing in the node (resetRateLimits) and in the sandbox, but the cases together
		// would exceed TikTok's per-minute limits: pacing is tested elsewhere, so the sandbox only counts here.
		enforceRateLimits: false,
		rateLimits: { tiktok: null, tiktokRefreshCreate: null },
	});
});

afterAll(async () => {
	await sandbox?.close();
	printFigures('generated input', {
		seed: SEED,
		'generated cases': figures.cases,
		'runs (with shrinking)': figures.runsWithShrinking,
		operations: figures.operations,
		'trigger nodes': figures.triggers,
		outcomes: figures.outcomes,
		'reproduce with': `GENERATED_INPUT_SEED=${SEED} npx jest test/integration/generatedInput.test.ts`,
	});
});

it('finds every operation of every node, and generates at least 1,000 cases per run', () => {
	const nodes = packageNodes().map(({ file }) => file);
	expect(new Set(operations.map((op) => op.node.file))).toEqual(new Set(nodes));
	// Every operation of the Operation dropdowns (a trigger without resources is one "operation").
	const dropdownOperations = packageNodes().flatMap(({ nodeType }) =>
		nodeType.description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options ?? []),
	);
	const triggers = operations.filter((op) => op.trigger).length;
	expect(operations.length).toBe(dropdownOperations.length + triggers);
	expect(plannedCases).toBeGreaterThanOrEqual(Math.min(1000, TOTAL_CASES));
});

describe.each(operations.map((op) => [op.title, op]))('%s', (_title, op) => {
	it('fails bad input with the field named, before any write, or sends only what the provider accepts', async () => {
		if (op.trigger) figures.triggers += 1;
		else figures.operations += 1;
		const cases = caseArbitrary(op);
		const bodies = op.trigger
			? (TRIGGER_BODIES[op.node.nodeType.description.name] ?? anyBody)
			: fc.constant(undefined);
		const property = fc.asyncProperty(
			cases,
			bodies,
			async (generated, body) => await checkCase(op, generated, body),
		);
		const details = await fc.check(property, { seed: seedOf(op.title), numRuns: runsOf(op) });
		figures.cases += details.numRuns;
		if (details.failed) {
			const cause = details.errorInstance instanceof Error ? details.errorInstance.message : '';
			throw new Error(`${cause}\n\n${fc.defaultReportMessage(details)}`);
		}
		// Let the sockets of the last case close before the next operation starts.
		await sleep(0);
	}, 600_000);
});

/**
 * The shrunk counterexamples of failures the generator found, kept as plain cases: each failed before its fix (a
 * request the provider refused, a wait without end, an error naming no field, or bad input run as if it were fine).
 * Two cases found otherwise say so.
 */
describe('counterexamples found by the generator', () => {
	/** The operation, its parameters (the shrunk counterexample), the error expected, the input item. */
	const regressions: Array<{
		title: string;
		parameters: IDataObject;
		message: RegExp;
		item?: unknown;
	}> = [
		{
			title: 'SixtySeconds video getMany',
			parameters: { limit: 0 },
			message: /^Limit must be a whole number of at least 1/,
		},
		{
			title: 'TikTok Digital Avatar avatar getMany',
			parameters: { limit: 0 },
			message: /^Limit must be a whole number/,
		},
		{
			title: 'Genviral slideshow getMany',
			parameters: { limit: INFINITY },
			message: /^Limit must be a whole number/,
		},
		{
			title: 'Creatify link getMany',
			parameters: { limit: 1.5 },
			message: /^Limit must be a whole number/,
		},
		{
			title: 'TikTok Refresh Ads refreshTask create',
			parameters: {
				source: 'videoUrl',
				videoUrl: fixture('tiktokSourceVideoUrl'),
				strategy: 'SWAP_MUSIC',
				waitForCompletion: true,
				pollInterval: 1,
				timeout: expression('$json'),
			},
			message: /^Timeout \(Seconds\) must be a number from 10 to 21600/,
			item: DEEP,
		},
		{
			title: 'SixtySeconds video get',
			parameters: {
				videoIds: fixture('sixtySecondsVideoId'),
				waitForCompletion: true,
				pollInterval: 0,
			},
			message: /^Poll Interval \(Seconds\) must be a number from 1 to 300/,
		},
		{
			title: 'Creatify video create',
			parameters: {
				source: 'productUrl',
				productUrl: 'https://shop.example.com/products/kettle',
				waitForCompletion: true,
				pollInterval: NAN,
			},
			message: /^Poll Interval \(Seconds\) must be a number/,
		},
		{
			title: 'SixtySeconds video create',
			parameters: {
				title: 'Welcome',
				template: { __rl: true, mode: 'id', value: 'tmpl_welcome_message' },
				waitForCompletion: 'yes',
			},
			message: /^Wait for Completion must be true or false/,
			item: { first_name: 'Sarah' },
		},
		{
			title: 'Creatify video createPreview',
			parameters: { source: 'bogus', productUrl: 'https://shop.example.com/products/kettle' },
			message: /^Source must be "productUrl" or "linkId"/,
		},
		{
			title: 'Creatify video createPreviews',
			parameters: { source: NULL },
			message: /^Source must be/,
		},
		{
			title: 'Creatify video get',
			parameters: { videoIds: fixture('creatifyVideoId'), output: 'bogus' },
			message: /^Output must be "video" or "previews"/,
		},
		{
			title: 'Creatify video createPreview',
			parameters: { source: 'linkId', link: fixture('creatifyLinkId'), videoLength: ['15'] },
			message: /^Video Length must be one of Creatify's video lengths/,
		},
		{
			title: 'TikTok Digital Avatar avatarVideo getMany',
			parameters: { filters: { startDate: '2024-01-02', endDate: '2024-01-01' } },
			message: /^Start Date must not be after End Date/,
		},
		// Not from the generator: a RangeError the unit test of calendarDaySchema found in its first version.
		{
			title: 'TikTok Digital Avatar avatarVideo getMany',
			parameters: { filters: { startDate: '2026-13-01' } },
			message: /^Start Date must be a date such as 2026-11-01/,
		},
		{
			title: 'TikTok Digital Avatar avatarVideo getMany',
			parameters: { filters: { endDate: 'not a date' } },
			message: /^End Date must be a date such as 2026-11-01/,
		},
		{
			title: 'TikTok Digital Avatar avatarVideo getMany',
			parameters: { filters: { avatar: knownExpression('[1, "two"]', [1, 'two']) } },
			message: /^Avatar must be an avatar ID/,
		},
		{
			title: 'SixtySeconds video getMany',
			parameters: { filters: { status: NAN } },
			message: /^Status must be draft, processing, published or failed/,
		},
		{
			title: 'Genviral slideshow getMany',
			parameters: { filters: { status: knownExpression('false', false) } },
			message: /^Status must be "draft" or "rendered"/,
		},
		{
			title: 'TikTok Digital Avatar avatarVideo create',
			parameters: {
				avatar: { __rl: true, mode: 'list', value: TIKTOK_AVATAR_IDS[0] },
				script: '   ',
				waitForCompletion: false,
			},
			message: /^Script is required: it holds only blanks/,
		},
		{
			title: 'Creatify video createPreviews',
			parameters: {
				source: 'linkId',
				link: fixture('creatifyLinkId'),
				captionSettings: { lineHeight: INFINITY },
			},
			message: /^Line Height must be a finite number/,
		},
		{
			title: 'Creatify video createPreviews',
			parameters: { source: 'linkId', link: fixture('creatifyLinkId'), visualStyles: INFINITY },
			message: /^Visual Styles must be a list of template names/,
		},
		{
			title: 'SixtySeconds video create',
			parameters: {
				title: 'Welcome',
				template: { __rl: true, mode: 'id', value: 'tmpl_welcome_message' },
				aiMessaging: { tone: knownExpression('false', false) },
			},
			message: /^Tone must be a word such as friendly/,
			item: { first_name: 'Sarah' },
		},
		{
			title: 'Creatify video createPreviews',
			parameters: {
				source: 'productUrl',
				productUrl: 'https://shop.example.com/products/kettle',
				additionalFields: { name: ' ' },
			},
			message: /^Name must not be only blanks/,
		},
		{
			title: 'TikTok Digital Avatar avatarVideo getMany',
			parameters: { filters: { startDate: '12345' } },
			message: /^Start Date must be a date such as 2026-11-01/,
		},
		{
			title: 'SixtySeconds video create',
			parameters: {
				title: 'Welcome',
				template: { __rl: true, mode: 'id', value: 'tmpl_welcome_message' },
				aiMessaging: { length: ['short'] },
			},
			message: /^Length must be text/,
			item: { first_name: 'Sarah' },
		},
		// Not from the generator: the same pattern as Length, found while fixing it.
		{
			title: 'SixtySeconds video create',
			parameters: {
				title: 'Welcome',
				template: { __rl: true, mode: 'id', value: 'tmpl_welcome_message' },
				aiMessaging: { focusPoints: knownExpression('{ "a": 1 }', { a: 1 }) },
			},
			message: /^Focus Points must be text separated by commas/,
			item: { first_name: 'Sarah' },
		},
		{
			title: 'SixtySeconds video get',
			parameters: { videoIds: '\ud800 lone surrogate' },
			message: /^Video IDs contains a broken character/,
		},
	];

	it.each(regressions)('$title: $message', async ({ title, parameters, message, item = {} }) => {
		const op = operations.find((candidate) => candidate.title === title) as Operation;
		const { fixtures, afterSeq } = await prepare(op.node.nodeType);
		const outcome = await runAction(
			op,
			resolve(
				{ resource: op.resource, operation: op.operation, ...parameters },
				fixtures,
			) as IDataObject,
			resolve(item, fixtures),
		);
		expect(outcome.error?.name).toBe('NodeOperationError');
		expect(outcome.error?.message).toMatch(message);
		expect(sandbox.requests().filter((entry) => entry.seq > afterSeq)).toEqual([]);
	});

	it('names the Task IDs field when TikTok has no such task (after a free read)', async () => {
		const op = operations.find(
			(candidate) => candidate.title === 'TikTok Refresh Ads refreshTask get',
		) as Operation;
		const { afterSeq } = await prepare(op.node.nodeType);
		const outcome = await runAction(
			op,
			{ resource: 'refreshTask', operation: 'get', taskIds: [1, 2] },
			{},
		);
		expect(outcome.error?.name).toBe('NodeOperationError');
		expect(outcome.error?.description).toMatch(/^Check Task IDs:/);
		const sent = sandbox.requests().filter((entry) => entry.seq > afterSeq);
		expect(sent.map((entry) => entry.method)).toEqual(['GET']);
	});
});

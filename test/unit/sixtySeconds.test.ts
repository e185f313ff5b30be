import type { INodeProperties } from 'n8n-workflow';

import { parseFocusPoints } from '../../nodes/SixtySeconds/actions/video/create.operation';
import {
	buildCustomerData,
	customerDataFromFields,
	customerDataFromItem,
	customerDataFromJson,
	parseFieldNames,
} from '../../nodes/SixtySeconds/customerData';
import codex from '../../nodes/SixtySeconds/SixtySeconds.node.json';
import { SixtySeconds } from '../../nodes/SixtySeconds/SixtySeconds.node';
import {
	AI_MESSAGING_LENGTHS,
	AI_MESSAGING_TONES,
	ASPECT_RATIOS,
	DEFAULT_ASPECT_RATIO,
	VIDEO_STATUSES,
} from '../../nodes/SixtySeconds/enums';
import {
	firstCheckAfterMs,
	SIXTYSECONDS_VIDEO_STATUSES,
	videoJson,
	videoRequestBody,
} from '../../nodes/SixtySeconds/jobs';

/**
 * The expected values are copied by hand from SixtySeconds' Videos API document (seed 001), not derived from the
 * enum file, so a typo or a missing value on either side fails here.
 */
const SEED_STATUSES: Array<[string, string]> = [
	['draft', 'The video has been created but not yet submitted for processing'],
	['processing', 'The video is currently being generated'],
	['published', 'The video has been successfully generated and is available'],
	['failed', 'The video generation process encountered an error'],
];
/** "Video aspect ratio (9:16, 16:9, 1:1) (default: 9:16)". */
const SEED_ASPECT_RATIOS = ['9:16', '16:9', '1:1'];
/** "length: The desired length of the messaging (short, medium, long)". */
const SEED_LENGTHS = ['short', 'medium', 'long'];
/** "tone: The tone of the messaging (friendly, professional, enthusiastic, etc.)". */
const SEED_TONES = ['friendly', 'professional', 'enthusiastic'];

/** Seed 001's create example. */
const SEED_CUSTOMER = {
	first_name: 'Sarah',
	last_name: 'Johnson',
	company: 'Acme Inc.',
	product_tier: 'Enterprise',
	usage_stats: { logins: 12, features_used: ['dashboard', 'reports', 'analytics'] },
};

describe('enum tables against seed 001', () => {
	it('lists the four video statuses in the documented order', () => {
		expect(VIDEO_STATUSES.map((status) => status.value)).toEqual(
			SEED_STATUSES.map(([value]) => value),
		);
		for (const [value, seedDescription] of SEED_STATUSES) {
			const entry = VIDEO_STATUSES.find((status) => status.value === value)!;
			// Same meaning: the label is the value in Title Case, the description keeps the seed's key words.
			expect(entry.label.toLowerCase()).toBe(value);
			const keyWords = seedDescription
				.toLowerCase()
				.split(/\W+/)
				.filter((word) => ['submitted', 'generated', 'available', 'error'].includes(word));
			for (const word of keyWords) expect(entry.description.toLowerCase()).toContain(word);
		}
	});

	it('classifies exactly those statuses for the job engine', () => {
		const table = SIXTYSECONDS_VIDEO_STATUSES;
		expect([...table.pending, ...table.succeeded, ...table.failed].sort()).toEqual(
			SEED_STATUSES.map(([value]) => value).sort(),
		);
		expect(table.succeeded).toEqual(['published']);
		expect(table.failed).toEqual(['failed']);
	});

	it('offers the three aspect ratios, 9:16 by default, with labels that are not the bare value', () => {
		expect(ASPECT_RATIOS.map((ratio) => ratio.value)).toEqual(SEED_ASPECT_RATIOS);
		expect(DEFAULT_ASPECT_RATIO).toBe('9:16');
		for (const ratio of ASPECT_RATIOS) expect(ratio.label).not.toBe(ratio.value);
	});

	it('offers the documented AI messaging lengths and example tones', () => {
		expect(AI_MESSAGING_LENGTHS.map((length) => length.value)).toEqual(SEED_LENGTHS);
		expect(AI_MESSAGING_TONES.map((tone) => tone.value)).toEqual(SEED_TONES);
	});
});

describe('customer data', () => {
	it('Use Input Item: sends the whole item, nested objects and lists intact, numbers as numbers', () => {
		const result = buildCustomerData({ mode: 'inputItem', item: SEED_CUSTOMER, inputFields: '' });
		expect(result).toEqual({ data: SEED_CUSTOMER });
		const data = (result as { data: typeof SEED_CUSTOMER }).data;
		expect(typeof data.usage_stats.logins).toBe('number');
		expect(Array.isArray(data.usage_stats.features_used)).toBe(true);
	});

	it('Use Input Item: only the chosen fields, and a missing one is a problem naming it', () => {
		expect(customerDataFromItem(SEED_CUSTOMER, ['first_name', 'usage_stats'])).toEqual({
			data: { first_name: 'Sarah', usage_stats: SEED_CUSTOMER.usage_stats },
		});
		expect(customerDataFromItem(SEED_CUSTOMER, ['first_name', 'tier'])).toEqual({
			problem: {
				field: 'inputFields',
				message: expect.stringMatching(
					/^names "tier", which this item does not have \(its fields: first_name/,
				),
			},
		});
		// A field that is present but empty is still sent: the item has it.
		expect(customerDataFromItem({ note: null, n: 0 }, ['note', 'n'])).toEqual({
			data: { note: null, n: 0 },
		});
	});

	it('parses field names separated by commas or new lines, or given as a list', () => {
		expect(parseFieldNames(' first_name, company\nusage_stats ,, ')).toEqual([
			'first_name',
			'company',
			'usage_stats',
		]);
		expect(parseFieldNames(['a', 'b', 'a'])).toEqual(['a', 'b']);
		expect(parseFieldNames(undefined)).toEqual([]);
	});

	it('JSON: an object as text or as a mapped object; anything else is a problem', () => {
		expect(customerDataFromJson(JSON.stringify(SEED_CUSTOMER))).toEqual({ data: SEED_CUSTOMER });
		expect(customerDataFromJson(SEED_CUSTOMER)).toEqual({ data: SEED_CUSTOMER });
		expect(customerDataFromJson('[1, 2]')).toMatchObject({
			problem: { field: 'customerDataJson', message: expect.stringMatching(/not a list$/) },
		});
		expect(customerDataFromJson('42')).toMatchObject({
			problem: { message: expect.stringMatching(/not a number$/) },
		});
		expect(customerDataFromJson('{"a": ')).toMatchObject({
			problem: { message: expect.stringMatching(/^is not valid JSON/) },
		});
		expect(customerDataFromJson('  ')).toMatchObject({ problem: { message: /is required/ } });
	});

	it('Define Below: every value in its type, expression results kept as they are', () => {
		expect(
			customerDataFromFields([
				{ name: 'first_name', value: 'Sarah' },
				{ name: 'logins', type: 'number', value: '12' },
				{ name: 'score', type: 'number', value: 8.2 },
				{ name: 'features_used', type: 'json', value: '["dashboard", "reports"]' },
				{ name: 'usage_stats', type: 'json', value: { logins: 12 } },
				{ name: 'trial', type: 'boolean', value: 'TRUE' },
				{ name: 'zip', type: 'string', value: 1234 },
				{ name: 'seats', value: 40 },
				{ name: 'tags', value: ['a', 'b'] },
				{ name: ' spaced ', type: 'auto', value: '12' },
			]),
		).toEqual({
			data: {
				first_name: 'Sarah',
				logins: 12,
				score: 8.2,
				features_used: ['dashboard', 'reports'],
				usage_stats: { logins: 12 },
				trial: true,
				zip: '1234',
				seats: 40,
				tags: ['a', 'b'],
				spaced: '12',
			},
		});
	});

	it.each([
		[[{ name: '', value: 'x' }], /^entry 1 needs a name$/],
		[
			[
				{ name: 'a', value: '1' },
				{ name: 'a', value: '2' },
			],
			/^has "a" twice/,
		],
		[[{ name: 'n', type: 'number', value: '' }], /^entry "n" must be a number, got ""$/],
		[[{ name: 'b', type: 'boolean', value: 'yes' }], /^entry "b" must be true or false/],
		[[{ name: 'j', type: 'json', value: '{oops}' }], /^entry "j" must be JSON/],
	])('Define Below: %j is a problem', (fields, message) => {
		expect(customerDataFromFields(fields)).toEqual({
			problem: { field: 'customerDataFields', message: expect.stringMatching(message) },
		});
	});

	it('is never empty: SixtySeconds needs something to personalise with', () => {
		for (const input of [
			{ mode: 'inputItem' as const, item: {} },
			{ mode: 'json' as const, item: {}, json: '{}' },
			{ mode: 'defineBelow' as const, item: {}, fields: [] },
		]) {
			expect(buildCustomerData(input)).toEqual({
				problem: { field: 'customerData', message: expect.stringMatching(/^is empty/) },
			});
		}
	});
});

describe('the create payload', () => {
	it('is the seed example when everything is given', () => {
		expect(
			videoRequestBody({
				title: 'Welcome Message for Sarah',
				templateId: 'tmpl_welcome_message',
				customerData: SEED_CUSTOMER,
				aspectRatio: '9:16',
				tone: 'professional',
				length: 'medium',
				focusPoints: ['product_benefits', 'next_steps'],
				projectId: 'proj_onboarding_2025',
			}),
		).toEqual({
			title: 'Welcome Message for Sarah',
			template_id: 'tmpl_welcome_message',
			customer_data: SEED_CUSTOMER,
			ai_messaging: {
				tone: 'professional',
				length: 'medium',
				focus_points: ['product_benefits', 'next_steps'],
			},
			aspect_ratio: '9:16',
			project_id: 'proj_onboarding_2025',
		});
	});

	it('leaves out what the user left empty', () => {
		const body = videoRequestBody({
			title: 'Hi',
			templateId: 'tmpl_thank_you',
			customerData: { first_name: 'A' },
			aspectRatio: '1:1',
			focusPoints: [],
		});
		expect(body).toEqual({
			title: 'Hi',
			template_id: 'tmpl_thank_you',
			customer_data: { first_name: 'A' },
			aspect_ratio: '1:1',
		});
		expect(
			videoRequestBody({
				title: 'Hi',
				templateId: 't',
				customerData: { a: 1 },
				aspectRatio: '9:16',
				length: 'long',
			}).ai_messaging,
		).toEqual({ length: 'long' });
	});

	it('reads focus points from text or a list', () => {
		expect(parseFocusPoints('product benefits, next steps\npricing,')).toEqual([
			'product benefits',
			'next steps',
			'pricing',
		]);
		expect(parseFocusPoints(['a', ' b '])).toEqual(['a', 'b']);
		expect(parseFocusPoints('')).toEqual([]);
	});
});

describe('the first status read', () => {
	it("is timed from estimated_completion against the answer's own created_at, plus a second", () => {
		// Seed 001's create answer: created 14:25:30, estimated 14:27:30.
		expect(
			firstCheckAfterMs({
				created_at: '2025-03-03T14:25:30Z',
				estimated_completion: '2025-03-03T14:27:30Z',
			}),
		).toBe(121_000);
	});

	it('adds only what the timestamps may be rounded by when they have decimals', () => {
		expect(
			firstCheckAfterMs({
				created_at: '2025-03-03T14:25:30.4Z',
				estimated_completion: '2025-03-03T14:25:34.9Z',
			}),
		).toBe(4_600);
		expect(
			firstCheckAfterMs({
				created_at: '2025-03-03T14:25:30.412Z',
				estimated_completion: '2025-03-03T14:25:34.900Z',
			}),
		).toBe(4_489);
		// One whole-second timestamp makes the estimate as coarse as it.
		expect(
			firstCheckAfterMs({
				created_at: '2025-03-03T14:25:30Z',
				estimated_completion: '2025-03-03T14:25:34.9Z',
			}),
		).toBe(5_900);
	});

	it('uses the local clock when created_at is missing, and no estimate when there is none', () => {
		const now = Date.parse('2025-03-03T14:25:00Z');
		expect(firstCheckAfterMs({ estimated_completion: '2025-03-03T14:26:00Z' }, now)).toBe(61_000);
		expect(firstCheckAfterMs({ created_at: '2025-03-03T14:25:30Z' })).toBeUndefined();
		expect(
			firstCheckAfterMs({ created_at: '2025-03-03T14:25:30Z', estimated_completion: 'soon' }),
		).toBeUndefined();
		// An estimate in the past says nothing useful: the usual poll schedule applies.
		expect(
			firstCheckAfterMs({
				created_at: '2025-03-03T14:25:30Z',
				estimated_completion: '2025-03-03T14:25:30Z',
			}),
		).toBeUndefined();
	});
});

describe('the output of a video', () => {
	it('puts id, status, url, thumbnail and duration first and keeps the rest of the answer', () => {
		const json = videoJson('vid_1', {
			id: 'vid_1',
			status: 'published',
			url: 'https://cdn/v.mp4',
			thumbnail: 'https://cdn/t.jpg',
			duration: 58.5,
			analytics: { views: 12 },
		});
		expect(Object.keys(json).slice(0, 6)).toEqual([
			'id',
			'status',
			'title',
			'url',
			'thumbnail',
			'duration',
		]);
		expect(json.analytics).toEqual({ views: 12 });
	});

	it('before any read, is the create answer and the request', () => {
		const json = videoJson(
			'vid_2',
			undefined,
			{ id: 'vid_2', status: 'processing', estimated_completion: '2025-03-03T14:27:30Z' },
			{
				title: 'T',
				template_id: 'tmpl_x',
				customer_data: { a: 1 },
				aspect_ratio: '9:16',
			},
		);
		expect(json).toMatchObject({
			id: 'vid_2',
			status: 'processing',
			url: null,
			thumbnail: null,
			duration: null,
			title: 'T',
			customer_data: { a: 1 },
			estimated_completion: '2025-03-03T14:27:30Z',
		});
	});
});

describe('the node description', () => {
	const { description } = new SixtySeconds();

	it('is in the Marketing category only (never "AI", which hides a node from the panel)', () => {
		expect(codex.categories).toEqual(['Marketing']);
		expect(codex.node).toBe('n8n-nodes-shortform-video.sixtySeconds');
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/docs\/nodes\/sixtyseconds\.md$/);
	});

	it('is usable as a tool, with themed icons', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.icon).toEqual({
			light: 'file:../../icons/sixtyseconds.svg',
			dark: 'file:../../icons/sixtyseconds.dark.svg',
		});
	});

	it('has every operation of issue 11', () => {
		const operations = description.properties
			.filter((property) => property.name === 'operation')
			.map((property) => [
				property.displayOptions?.show?.resource?.[0],
				(property.options as Array<{ value: string }>).map((option) => option.value).sort(),
			]);
		expect(Object.fromEntries(operations)).toEqual({
			template: ['get', 'getMany'],
			video: ['create', 'get', 'getMany'],
		});
	});

	it('gives every dropdown a default that is one of its options', () => {
		const visit = (properties: INodeProperties[]) => {
			for (const property of properties) {
				if (property.type === 'options' && Array.isArray(property.options)) {
					const values = (property.options as Array<{ value: unknown }>).map(
						(option) => option.value,
					);
					expect(values).toContain(property.default);
				}
				if (property.type === 'collection') visit(property.options as INodeProperties[]);
				if (property.type === 'fixedCollection') {
					for (const group of property.options as Array<{ values: INodeProperties[] }>) {
						visit(group.values);
					}
				}
			}
		};
		visit(description.properties);
	});
});

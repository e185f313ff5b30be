import { TikTokRefreshAds } from '../../nodes/TikTokRefreshAds/TikTokRefreshAds.node';
import {
	HOLIDAY_THEMES,
	HOOK_TYPES,
	PRODUCT_CATEGORIES,
	RECOMMENDED_HOOK_TYPES,
	REFRESH_STRATEGIES,
	strategyList,
} from '../../nodes/TikTokRefreshAds/enums';

/**
 * The expected tables are copied by hand from TikTok's Refresh Ads document (seed 002), not derived from the enum
 * file, so a typo, a missing value or a reordered label on either side fails here.
 */

const SEED_PRODUCT_CATEGORIES: Array<[string, string]> = [
	['AUTOMOTIVE', 'Automotive'],
	['CATERING_SERVICES', 'Catering services'],
	['CLOTHING_AND_ACCESSORIES', 'Clothing & accessories'],
	['CONSUMER_ELECTRONICS_AND_ELECTRIC_APPLIANCES', 'Consumer electronics and electric appliances'],
	['CONSUMER_GOODS', 'Consumer goods'],
	['CONVENIENCE_SERVICES', 'Convenience services'],
	['CULTURE_SPORTS_AND_ENTERTAINMENT', 'Culture, sports & entertainment'],
	['EDUCATION_AND_TRAINING', 'Education and training'],
	['ELECTRONICS_AND_ELECTRICAL', 'Electronics & electrical'],
	['FOOD_AND_DRINKS', 'Food & drinks'],
	['GAMES', 'Games'],
	['HEALTHCARE_AND_PHARMACEUTICAL', 'Healthcare & pharmaceutical'],
	['HOME_FURNISHING_MATERIALS', 'Home furnishing materials'],
	['INTERNET_FINANCE', 'Internet finance'],
	['MEDIA_AND_CONTENT', 'Media & content'],
	['PROFESSIONAL_SERVICES', 'Professional services'],
	['PUBLIC_ADMINISTRATION', 'Public administration'],
	['RETAIL_AND_ECOMMERCE', 'Retail & e-commerce'],
	['TELECOMMUNICATIONS', 'Telecommunications'],
	['TRADITIONAL_FINANCE', 'Traditional finance'],
	['TRAVEL', 'Travel'],
	['UTILITY_SOFTWARE', 'Utility software'],
];

/** value, TikTok's name, the date as documented ("celebrated on …" / "in …"), a phrase of its description. */
const SEED_HOLIDAYS: Array<[string, string, string, string]> = [
	['NEW_YEARS_DAY', "New Year's Day", 'January 1', 'fresh starts and new beginnings'],
	['VALENTINES_DAY', "Valentine's Day", 'February 14', 'express love and affection'],
	['NATIONAL_PET_DAY', 'National Pet Day', 'April 11', 'spoil and cherish your beloved pets'],
	['EASTER', 'Easter', 'April 20', 'egg hunts'],
	['MOTHERS_DAY', "Mother's Day", 'May 11', 'tribute to mothers everywhere'],
	['PRIDE', 'Pride', 'June', 'LGBTQ+ identities'],
	['FATHERS_DAY', "Father's Day", 'June 15', 'honor fathers and father figures'],
	['GRANDPARENTS_DAY', "Grandparents' Day", 'July 27', 'wisdom, love, and support of grandparents'],
	['BACK_TO_SCHOOL', 'Back to School', 'August', 'fresh academic year'],
	['HALLOWEEN', 'Halloween', 'October 31', 'costumes, trick-or-treating'],
	['SINGLES_DAY', "Singles' Day", 'November 11', 'self-love and independence'],
	['THANKSGIVING', 'Thanksgiving', 'November 27', 'express gratitude'],
	['BLACK_FRIDAY', 'Black Friday', 'November 28', 'shopping extravaganza'],
	['SMALL_BUSINESS_SATURDAY', 'Small-Business Saturday', 'November 29', 'support local businesses'],
	['CYBER_MONDAY', 'Cyber Monday', 'December 1', 'tech deals and digital discounts'],
	['CHRISTMAS_DAY', 'Christmas Day', 'December 25', 'spirit of giving'],
	['BOXING_DAY', 'Boxing Day', 'December 26', 'post-Christmas day'],
];

/** value and a phrase of TikTok's description of it. */
const SEED_HOOK_TYPES: Array<[string, string]> = [
	['EMOTIONAL', 'emotional scripts combined with an avatar'],
	['COMMENT', 'reply-to-comment'],
	['BILLO', 'benefits-driven'],
	['TEXT_TO_VIDEO', 'trendy hook'],
	['RECOMMENDED', '4 videos'],
	['HOLIDAY', 'holiday material library'],
];

const sorted = (values: string[]) => [...values].sort();

/** The seed's sentence-case label as the dropdown shows it: Title Case, "and" for "&". */
const titleCase = (label: string) =>
	label
		.replace(/ & /g, ' and ')
		.split(' ')
		.map((word) =>
			word === 'and'
				? word
				: word
						.split('-')
						.map((part) => part.charAt(0).toUpperCase() + part.slice(1))
						.join('-'),
		)
		.join(' ');

describe('Refresh Ads enums against seed 002', () => {
	test('22 product categories: values exactly as TikTok lists them, labels in Title Case', () => {
		expect(PRODUCT_CATEGORIES).toHaveLength(22);
		expect(PRODUCT_CATEGORIES.map((c) => [c.value, c.label])).toEqual(
			SEED_PRODUCT_CATEGORIES.map(([value, label]) => [value, titleCase(label)]),
		);
		expect(titleCase('Retail & e-commerce')).toBe('Retail and E-Commerce');
	});

	test('the consumer electronics value has no space (the seed text breaks the line there)', () => {
		const values = PRODUCT_CATEGORIES.map((c) => c.value as string);
		expect(values).toContain('CONSUMER_ELECTRONICS_AND_ELECTRIC_APPLIANCES');
		expect(values.every((value) => /^[A-Z_]+$/.test(value))).toBe(true);
	});

	test('17 holiday themes with their names, and no dates (they move from year to year)', () => {
		expect(HOLIDAY_THEMES).toHaveLength(17);
		expect(HOLIDAY_THEMES.map((h) => h.value)).toEqual(SEED_HOLIDAYS.map(([value]) => value));
		for (const [value, name, date, phrase] of SEED_HOLIDAYS) {
			const theme = HOLIDAY_THEMES.find((h) => h.value === value);
			expect(theme?.label).toBe(name);
			expect(theme?.description).not.toContain(date);
			expect(theme?.description).toContain(phrase);
		}
	});

	test('6 hook types, each described as TikTok describes it', () => {
		expect(HOOK_TYPES).toHaveLength(6);
		expect(sorted(HOOK_TYPES.map((h) => h.value))).toEqual(sorted(SEED_HOOK_TYPES.map(([v]) => v)));
		for (const [value, phrase] of SEED_HOOK_TYPES) {
			const hook = HOOK_TYPES.find((h) => h.value === value);
			expect(hook?.description?.toLowerCase()).toContain(phrase.toLowerCase());
		}
	});

	test('RECOMMENDED stands for one video of each of the four other generative hook types', () => {
		expect(sorted(RECOMMENDED_HOOK_TYPES)).toEqual(
			sorted(['EMOTIONAL', 'COMMENT', 'BILLO', 'TEXT_TO_VIDEO']),
		);
	});

	test('exactly the three documented strategy combinations', () => {
		expect(REFRESH_STRATEGIES.map((s) => strategyList(s.value))).toEqual([
			['ADD_HOOK'],
			['SWAP_MUSIC'],
			['ADD_HOOK', 'SWAP_MUSIC'],
		]);
		expect(REFRESH_STRATEGIES.map((s) => s.label)).toEqual([
			'Add Hook',
			'Swap Music',
			'Add Hook and Swap Music',
		]);
	});

	test('the dropdowns of the node offer exactly these values', () => {
		const properties = new TikTokRefreshAds().description.properties;
		const optionValues = (name: string) =>
			(properties.find((p) => p.name === name)?.options ?? []).map(
				(o) => (o as { value: string }).value,
			);
		// Product Category and Holiday Theme start with an empty "Select a …" entry (their default; the run
		// refuses it when the strategy or hook type needs a value), then TikTok's values.
		expect(optionValues('productCategory')).toEqual([
			'',
			...SEED_PRODUCT_CATEGORIES.map(([value]) => value),
		]);
		expect(optionValues('holidayTheme')).toEqual(['', ...SEED_HOLIDAYS.map(([value]) => value)]);
		expect(sorted(optionValues('hookType'))).toEqual(
			sorted(SEED_HOOK_TYPES.map(([value]) => value)),
		);
		expect(optionValues('strategy')).toEqual(['ADD_HOOK', 'SWAP_MUSIC', 'ADD_HOOK,SWAP_MUSIC']);
		const categoryLabels = (properties.find((p) => p.name === 'productCategory')?.options ?? [])
			.slice(1)
			.map((o) => (o as { name: string }).name);
		expect(categoryLabels).toEqual(SEED_PRODUCT_CATEGORIES.map(([, label]) => titleCase(label)));
	});
});

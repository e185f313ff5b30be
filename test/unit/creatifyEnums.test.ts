/**
 * Creatify's enums against Creatify's own field reference (the Link to Video document this package is built from).
 * The strings below are copied verbatim from that document, where each enum appears twice: as `value- Label`
 * pairs run together, then as a comma-separated list of values. The tests read the pairs with the value list, so
 * a missing value, a typo or a changed label on either side fails here.
 */
import { Creatify } from '../../nodes/Creatify/Creatify.node';
import {
	API_DEFAULTS,
	ASPECT_RATIOS,
	CAPTION_STYLES,
	JOB_STATUSES,
	LANGUAGES,
	MODEL_VERSIONS,
	previewCredits,
	renderCredits,
	SCRIPT_STYLES,
	VIDEO_LENGTHS,
} from '../../nodes/Creatify/enums';
import { CREATIFY_JOB_STATUSES } from '../../nodes/Creatify/jobs';

const SEED = {
	languages: [
		'ar- Arabicbg- Bulgariancs- Czechda- Danishde- Germanel- Greek, Modernen- Englishes- Spanish; Castilianfi- Finnishfr- Frenchhi- Hindihr- Croatianid- Indonesianit- Italianja- Japaneseko- Koreanms- Malaynl- Dutchpl- Polishpt- Portuguesero- Romanian, Moldavian, Moldovanru- Russiansk- Slovaksv- Swedishta- Tamiltl- Tagalogtr- Turkishuk- Ukrainianzh- Chinese',
		'ar, bg, cs, da, de, el, en, es, fi, fr, hi, hr, id, it, ja, ko, ms, nl, pl, pt, ro, ru, sk, sv, ta, tl, tr, uk, zh',
	],
	videoLengths: ['15- 1530- 3060- 60', '15, 30, 60'],
	aspectRatios: ['9x16- 9X1616x9- 16X91x1- 1X1', '9x16, 16x9, 1x1'],
	scriptStyles: [
		"BenefitsV2- BenefitsBrandStoryV2- Brand StoryCallToActionV2- Call To ActionDiscoveryWriter- DiscoveryDontWorryWriter- Don't WorryEmotionalWriter- EmotionalGenzWriter- Gen ZHowToV2- How ToLetMeShowYouWriter- Let Me Show YouMotivationalWriter- MotivationalProblemSolutionV2- Problem SolutionProblemSolutionWriter- Problem-SolutionProductHighlightsV2- Product HighlightsProductLifestyleV2- Product LifestyleResponseBubbleWriter- Response BubbleSpecialOffersV2- Special OffersStoryTimeWriter- StorytimeThreeReasonsWriter- 3 Reasons WhyTrendingTopicsV2- Trending TopicsNegativeHook- Don’t Use This If You Want...NumberOneHook- The #1 Hack You NeedEverWonderHook- Ever Wonder Why?SecretHook- Wish I Could Keep This SecretWhatHappensHook- What Happens If You Try This?AnyoneElseHook- That One Thing We All HaveAmazedHook- Still Amazed by This2025Hook- Hack 2025 Like ThisHateMeHook- They’ll Hate Me for ThisResponseBubbleTextOverlay- Response bubbleHeyAlgorithmHook- Hey AlgorithmCannotBelieveHook- Cannot Believe ThisFinallyConfidentHook- Finally ConfidentPremiumFeelingHook- Premium FeelingFirstTimeFullHook- First Time FullLongLineReasonHook- Long Line ReasonMissingOutAlertHook- Missing Out AlertBetterTodayVersionHook- Better Today VersionBigHappeningHook- Big HappeningPriceDropRegretHook- Price Drop RegretGroupBuyFrustrationHook- Group Buy FrustrationStopAffordExcuseHook- Stop Afford ExcuseLifeTooShortDiscountHook- Life Too Short DiscountHugePriceDropRushHook- Huge Price Drop RushPriceCouldGoLowerHook- Price Could Go LowerStillFullPriceHook- Still Full PriceSecretDiscountShareHook- Secret Discount ShareVoucherSavingsAlertHook- Voucher Savings AlertCouponDiscoveryRegretHook- Coupon Discovery RegretBestDealEverHook- Best Deal EverDIY- DIY",
		'BenefitsV2, BrandStoryV2, CallToActionV2, DiscoveryWriter, DontWorryWriter, EmotionalWriter, GenzWriter, HowToV2, LetMeShowYouWriter, MotivationalWriter, ProblemSolutionV2, ProblemSolutionWriter, ProductHighlightsV2, ProductLifestyleV2, ResponseBubbleWriter, SpecialOffersV2, StoryTimeWriter, ThreeReasonsWriter, TrendingTopicsV2, NegativeHook, NumberOneHook, EverWonderHook, SecretHook, WhatHappensHook, AnyoneElseHook, AmazedHook, 2025Hook, HateMeHook, ResponseBubbleTextOverlay, HeyAlgorithmHook, CannotBelieveHook, FinallyConfidentHook, PremiumFeelingHook, FirstTimeFullHook, LongLineReasonHook, MissingOutAlertHook, BetterTodayVersionHook, BigHappeningHook, PriceDropRegretHook, GroupBuyFrustrationHook, StopAffordExcuseHook, LifeTooShortDiscountHook, HugePriceDropRushHook, PriceCouldGoLowerHook, StillFullPriceHook, SecretDiscountShareHook, VoucherSavingsAlertHook, CouponDiscoveryRegretHook, BestDealEverHook, DIY',
	],
	captionStyles: [
		'normal-black- NORMAL_BLACKnormal-white- NORMAL_WHITEnormal-red- NORMAL_REDnormal-blue- NORMAL_BLUEneo- NEObrick- BRICKfrenzy- FRENZYverana- VERANAmustard- MUSTARDglow- GLOWmint- MINTcoolers- COOLERSbilo- BILOtoons- TOONSdeep-blue- DEEP_BLUEmystique- MYSTIQUEcaution- CAUTIONduality- DUALITYcomic-shadow- COMIC_SHADOWclean-bold- CLEAN_BOLDsoft-pill- SOFT_PILLunderline-bold- UNDERLINE_BOLDclassic-duo- CLASSIC_DUOhand-script- HAND_SCRIPTbutton-glow- BUTTON_GLOWemboss-outline- EMBOSS_OUTLINEstandard-bold- STANDARD_BOLDoutlined-text- OUTLINED_TEXTquiet-serif- QUIET_SERIFeditorial-clean- EDITORIAL_CLEANshout-block- SHOUT_BLOCKword-flash- WORD_FLASHpromo-punch- PROMO_PUNCHlight-word- LIGHT_WORDtagline-bold- TAGLINE_BOLDglow-speak- GLOW_SPEAKblack-block- BLACK_BLOCK',
		'normal-black, normal-white, normal-red, normal-blue, neo, brick, frenzy, verana, mustard, glow, mint, coolers, bilo, toons, deep-blue, mystique, caution, duality, comic-shadow, clean-bold, soft-pill, underline-bold, classic-duo, hand-script, button-glow, emboss-outline, standard-bold, outlined-text, quiet-serif, editorial-clean, shout-block, word-flash, promo-punch, light-word, tagline-bold, glow-speak, black-block',
	],
	modelVersions: [
		'standard- Standardaurora_v1- Aurora v1aurora_v1_fast- Aurora v1 Fast',
		'standard, aurora_v1, aurora_v1_fast',
	],
	modelCosts:
		"Model version for the avatar, 'standard', 'aurora_v1' or 'aurora_v1_fast'. Default is 'standard'. Standard model costs 5 credits per 30 seconds video, Aurora_v1 model costs 20 credits per 15 seconds video, and Aurora_v1_fast renders faster with lower quality for 10 credits per 15 seconds video.",
	statuses: 'pending,in_queue,running,failed,done',
} as const;

/** `value- Label` pairs run together, read in order with the list of values (which marks where each one starts). */
function parsePairs(pairs: string, valueList: string): Array<[string, string]> {
	const values = valueList.split(',').map((value) => value.trim());
	let cursor = 0;
	return values.map((value, index) => {
		const start = pairs.indexOf(`${value}- `, cursor);
		expect(start).toBe(cursor);
		const labelStart = start + value.length + 2;
		const next = values[index + 1];
		const end = next === undefined ? pairs.length : pairs.indexOf(`${next}- `, labelStart);
		expect(end).toBeGreaterThan(labelStart);
		cursor = end;
		return [value, pairs.slice(labelStart, end)];
	});
}

const tableOf = (options: ReadonlyArray<{ value: string; label: string }>) =>
	options.map((option): [string, string] => [option.value, option.label]);

describe('Creatify enums match the field reference', () => {
	it('has the 29 languages with their labels, in order', () => {
		const seed = parsePairs(...SEED.languages);
		expect(seed).toHaveLength(29);
		// Every value with Creatify's own name for it; the dropdown shows the common English name, A–Z.
		const byValue = new Map(seed);
		expect(LANGUAGES.map((option) => option.value).sort()).toEqual([...byValue.keys()].sort());
		for (const option of LANGUAGES) expect(option.creatifyLabel).toBe(byValue.get(option.value));
		const labels = LANGUAGES.map((option) => option.label);
		expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
		// A common name is Creatify's name, or its first part ("Spanish; Castilian" → "Spanish").
		for (const option of LANGUAGES) {
			expect(option.creatifyLabel.split(/[;,]/)[0].trim()).toBe(option.label);
		}
	});

	it('has the 3 video lengths', () => {
		const seed = parsePairs(...SEED.videoLengths);
		expect(seed).toEqual([
			['15', '15'],
			['30', '30'],
			['60', '60'],
		]);
		expect(tableOf(VIDEO_LENGTHS)).toEqual(
			seed.map(([value, label]) => [value, `${label} Seconds`]),
		);
	});

	it('has the 3 aspect ratios, labelled with the ratio Creatify names', () => {
		const seed = parsePairs(...SEED.aspectRatios);
		expect(ASPECT_RATIOS.map((option) => option.value)).toEqual(seed.map(([value]) => value));
		// Creatify's labels are 9X16 etc.; the dropdown says 9:16 and which shape that is.
		ASPECT_RATIOS.forEach((option, index) => {
			expect(option.label).toContain(seed[index][1].replace('X', ':'));
		});
	});

	it('has the 50 script styles with their labels, script styles A–Z then hooks A–Z, no internal code shown', () => {
		const seed = parsePairs(...SEED.scriptStyles);
		expect(seed).toHaveLength(50);
		const byValue = new Map(seed);
		expect(SCRIPT_STYLES.map((style) => style.value).sort()).toEqual([...byValue.keys()].sort());
		for (const style of SCRIPT_STYLES) expect(style.creatifyLabel).toBe(byValue.get(style.value));
		const labels = SCRIPT_STYLES.map((style) => style.label);
		expect(new Set(labels.map((label) => label.toLowerCase())).size).toBe(labels.length);
		// Hooks after the script styles, each block A–Z.
		const hooks = labels.filter((label) => label.startsWith('Hook: '));
		const styles = labels.filter((label) => !label.startsWith('Hook: '));
		expect(labels).toEqual([...styles, ...hooks]);
		const sorted = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b));
		expect(styles).toEqual(sorted(styles));
		expect(hooks).toEqual(sorted(hooks));
		expect(hooks).toHaveLength(29);
		for (const style of SCRIPT_STYLES) {
			// The label is Creatify's, or says which of two similar styles it is.
			expect(
				style.label
					.replace(/^Hook: /, '')
					.startsWith(style.creatifyLabel.replace(/bubble$/, 'Bubble')),
			).toBe(true);
			const description: string = ('description' in style ? style.description : '') ?? '';
			// Neither label nor description shows Creatify's value (BenefitsV2, NegativeHook, ...) unless it is the name.
			if (style.value !== style.creatifyLabel) {
				expect(style.label).not.toContain(style.value);
				expect(description).not.toContain(style.value);
			}
		}
		// The two problem-solution styles are both offered and told apart.
		const problem = SCRIPT_STYLES.filter((style) => /problem/i.test(style.creatifyLabel));
		expect(problem.map((style) => style.value).sort()).toEqual([
			'ProblemSolutionV2',
			'ProblemSolutionWriter',
		]);
		for (const style of problem) expect('description' in style && style.description).toBeTruthy();
	});

	it("has the 37 caption styles, labelled in Title Case from Creatify's constants", () => {
		const seed = parsePairs(...SEED.captionStyles);
		expect(seed).toHaveLength(37);
		const titleCase = (constant: string) =>
			constant
				.split('_')
				.map((word) => word.charAt(0) + word.slice(1).toLowerCase())
				.join(' ');
		expect(tableOf(CAPTION_STYLES)).toEqual(
			seed.map(([value, label]) => [value, titleCase(label)]),
		);
	});

	it('has the 3 model versions with their documented credit costs', () => {
		const seed = parsePairs(...SEED.modelVersions);
		expect(tableOf(MODEL_VERSIONS)).toEqual(seed);
		expect(SEED.modelCosts).toContain('Standard model costs 5 credits per 30 seconds video');
		expect(SEED.modelCosts).toContain('Aurora_v1 model costs 20 credits per 15 seconds video');
		expect(SEED.modelCosts).toContain('lower quality for 10 credits per 15 seconds video');
		expect(MODEL_VERSIONS.map(({ credits, perSeconds }) => [credits, perSeconds])).toEqual([
			[5, 30],
			[20, 15],
			[10, 15],
		]);
		for (const model of MODEL_VERSIONS) {
			expect(model.description).toContain(
				`${model.credits} credits per ${model.perSeconds} seconds`,
			);
		}
	});

	it('prices renders and previews at the documented rates', () => {
		expect([15, 30, 60].map((length) => renderCredits('standard', length))).toEqual([5, 5, 10]);
		expect([15, 30, 60].map((length) => renderCredits('aurora_v1', length))).toEqual([20, 40, 80]);
		expect([15, 30, 60].map((length) => renderCredits('aurora_v1_fast', length))).toEqual([
			10, 20, 40,
		]);
		expect([15, 30, 60].map(previewCredits)).toEqual([1, 1, 2]);
	});

	it('classifies every documented status once', () => {
		expect([...JOB_STATUSES].join(',')).toBe(SEED.statuses);
		expect([
			...CREATIFY_JOB_STATUSES.pending,
			...CREATIFY_JOB_STATUSES.failed,
			...CREATIFY_JOB_STATUSES.succeeded,
		]).toEqual([...JOB_STATUSES]);
	});

	it("uses Creatify's documented defaults as the fields' defaults", () => {
		const properties = new Creatify().description.properties;
		const ofCreate = (name: string) =>
			properties.find(
				(property) =>
					property.name === name && property.displayOptions?.show?.operation?.includes('create'),
			);
		expect(ofCreate('language')?.default).toBe(API_DEFAULTS.language);
		expect(ofCreate('videoLength')?.default).toBe(String(API_DEFAULTS.video_length));
		expect(ofCreate('scriptStyle')?.default).toBe(API_DEFAULTS.script_style);
		expect(ofCreate('modelVersion')?.default).toBe(API_DEFAULTS.model_version);
		const additional = ofCreate('additionalFields')?.options as Array<{
			name: string;
			default: unknown;
		}>;
		expect(additional.find((option) => option.name === 'targetPlatform')?.default).toBe(
			API_DEFAULTS.target_platform,
		);
		expect(additional.find((option) => option.name === 'targetAudience')?.default).toBe(
			API_DEFAULTS.target_audience,
		);
	});
});

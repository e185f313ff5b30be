import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import type { WaitDefaults } from '../shared/descriptions';
import { readReuseSettings, readWaitSettings } from '../shared/descriptions';
import { planItems } from '../shared/items';
import type { JobRequest, JobState } from '../shared/jobEngine';
import { errorForItem } from '../shared/jobEngine/messages';
import { validateParameters } from '../shared/validation';
import type { ChargeEstimate } from './credits';
import { checkCreditsFirst } from './credits';
import { createLinksForUrls } from './links';
import { creatifyApiRequest } from './transport';
import type { CreatifyVideo } from './videoJobs';
import { expandPreviews, runVideoJobs, videoJobAdapter } from './videoJobs';
import {
	httpUrl,
	readVideoFields,
	uuidSchema,
	videoFieldsSchema,
	videoRequestFields,
} from './videoSettings';

/**
 * Every paid call that starts from a link — Video → Create, Create Preview and Create Previews — in three steps:
 *
 * 1. Every item is read and validated before anything is sent (and, with Check Credits First, the run's estimated
 *    cost is checked against the balance), so bad input in item 7 costs nothing for items 1–6.
 * 2. Items given a Product URL get their link first: one link per distinct URL, every one of them made before the
 *    first paid call, so a page Creatify cannot read fails only its own items and costs nothing.
 * 3. The job engine sends one paid call per item and, when waiting, waits for all of them together.
 */

/** One item's plan: where its link comes from, and the request without `link`. */
export interface PlannedVideo {
	productUrl?: string;
	linkId?: string;
	body: IDataObject;
}

const sourceSchema = z.object({
	source: z.enum(['productUrl', 'linkId'], {
		errorMap: () => ({ message: 'must be "productUrl" or "linkId"' }),
	}),
	productUrl: z.string().optional(),
	link: z.string().optional(),
});

const productUrlSchema = httpUrl('the product page');
const linkIdSchema = uuidSchema('link');

/**
 * Reads and validates one item: its source, the shared video fields and the operation's own fields (`extra`, a
 * zod schema over parameter names and a function building their request fields).
 */
export function readPlannedVideo<TExtra extends z.ZodRawShape>(
	this: IExecuteFunctions,
	itemIndex: number,
	properties: INodeProperties[],
	extra: {
		shape: TExtra;
		/** Whether the operation has the single Visual Style field. */
		visualStyle?: boolean;
		read(itemIndex: number): IDataObject;
		body(values: z.infer<z.ZodObject<TExtra>>): IDataObject;
	},
): PlannedVideo {
	// The source decides which field holds the link, so it is checked first.
	const { source } = validateParameters.call(
		this,
		sourceSchema.pick({ source: true }),
		{ source: this.getNodeParameter('source', itemIndex) },
		properties,
		itemIndex,
	);
	const schema = sourceSchema
		.merge(videoFieldsSchema)
		.extend(extra.shape)
		.superRefine((input, context) => {
			const check = input.source === 'productUrl' ? productUrlSchema : linkIdSchema;
			const field = input.source === 'productUrl' ? 'productUrl' : 'link';
			const result = check.safeParse(input[field] ?? '');
			if (!result.success) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: [field],
					message: result.error.issues[0].message,
				});
			}
		});
	const raw: IDataObject = {
		source,
		...(source === 'productUrl'
			? { productUrl: this.getNodeParameter('productUrl', itemIndex, '') }
			: { link: this.getNodeParameter('link', itemIndex, '', { extractValue: true }) }),
		...readVideoFields.call(this, itemIndex, { visualStyle: extra.visualStyle ?? true }),
		...extra.read(itemIndex),
	};
	const input = validateParameters.call(this, schema, raw, properties, itemIndex);
	const body = {
		...extra.body(input as z.infer<z.ZodObject<TExtra>>),
		...videoRequestFields(input),
	};
	return input.source === 'productUrl'
		? { productUrl: productUrlSchema.parse(input.productUrl), body }
		: { linkId: String(input.link).trim(), body };
}

export interface LinkedCreateOptions {
	/** The paid endpoint, e.g. "/link_to_videos/". */
	endpoint: string;
	plan(itemIndex: number): PlannedVideo;
	/** The estimated cost of one planned request, for Check Credits First. */
	estimate(body: IDataObject): ChargeEstimate;
	waitDefaults: WaitDefaults;
	state?: (video: CreatifyVideo) => JobState;
	/** One output item per preview of each job (Create Previews). */
	previews?: boolean;
	/** Download finished videos when asked. */
	download: boolean;
}

/** Steps 1–3 above for every input item; output in input order. */
export async function createFromLinks(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	options: LinkedCreateOptions,
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(this, items, (itemIndex) => options.plan(itemIndex));
	// Node-level, and checked before the links are made.
	const wait = readWaitSettings.call(this, options.waitDefaults);
	const reuse = readReuseSettings.call(this);
	await checkCreditsFirst.call(
		this,
		planned.map(({ request }) => options.estimate(request.body)),
	);

	const urls = planned.flatMap(({ request }) => (request.productUrl ? [request.productUrl] : []));
	const links = urls.length ? await createLinksForUrls(this, urls) : new Map();
	const requests: Array<JobRequest<IDataObject>> = [];
	const productUrls = new Map<number, string>();
	for (const { itemIndex, request } of planned) {
		let linkId = request.linkId;
		if (request.productUrl !== undefined) {
			productUrls.set(itemIndex, request.productUrl);
			const link = links.get(request.productUrl);
			if (!link || 'error' in link) {
				const error = errorForItem(this.getNode(), itemIndex, link?.error ?? 'no link was made', {
					description: `Creatify could not make a link from ${request.productUrl}, so no video was started for this item and nothing was charged for it.`,
				});
				output.fail(itemIndex, error, { product_url: request.productUrl, credits_used: 0 });
				continue;
			}
			linkId = link.linkId;
		}
		requests.push({
			itemIndex,
			request: { link: linkId, ...request.body },
			// A product URL gets a new link each run: the same video in a later run is the same URL and settings.
			...(request.productUrl !== undefined
				? { identity: { productUrl: request.productUrl, ...request.body } }
				: {}),
		});
	}

	const adapter = videoJobAdapter<IDataObject>(this, {
		submit: async (body) => await creatifyApiRequest.call(this, 'POST', options.endpoint, { body }),
		state: options.state,
		previews: options.previews,
	});
	await runVideoJobs.call(this, items, output, {
		adapter,
		requests,
		wait,
		reuse,
		extra: (itemIndex) =>
			productUrls.has(itemIndex) ? { product_url: productUrls.get(itemIndex) } : {},
		download: options.download,
		previews: options.previews,
	});
	const result = output.inInputOrder();
	return options.previews ? expandPreviews(result) : result;
}

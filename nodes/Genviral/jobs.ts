import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachConcurrently } from '../shared/concurrency';
import type { WaitDefaults } from '../shared/descriptions';
import { readReuseSettings, readWaitSettings } from '../shared/descriptions';
import { downloadToBinary } from '../shared/download';
import { failureKind, isNotFound } from '../shared/errors';
import type { ItemOutput, PlannedItem } from '../shared/items';
import { failedItem, withItemIndex } from '../shared/items';
import type { JobAdapter, JobRequest, JobResult, TrackedJob } from '../shared/jobEngine';
import { runJobs } from '../shared/jobEngine';
import { idList, joinSentences } from '../shared/jobEngine/messages';
import { jobResultsToItems, reusedFields } from '../shared/jobOutput';
import type { StatusTable } from '../shared/jobStates';
import { jobStateOf } from '../shared/jobStates';
import { credentialTimeoutMs } from '../shared/request';
import { switchValue } from '../shared/validation';
import {
	asRefusal,
	genviralFreeCall,
	GENVIRAL_ERROR_HINTS,
	GENVIRAL_MAX_CONCURRENT_REQUESTS,
	genviralApiRequest,
	genviralRead,
	isGenviralRefusal,
	nodeError,
} from './transport';

/**
 * Genviral slideshow: `draft` (created, e.g. by a TikTok copy, or edited since its last render) and `rendered`, the
 * two values of the Partner API's slideshow `status` (docs.genviral.io/api-reference/list-slideshows; PATCH accepts
 * `draft` or `rendered`). A failed render is an error answer of the render call, not a status.
 */
export const GENVIRAL_SLIDESHOW_STATUSES: StatusTable = {
	pending: ['draft'],
	succeeded: ['rendered'],
	failed: [],
};

/** A slideshow as GET /slideshows/{id} returns it (summary fields in lists; settings and slides in a Get). */
export interface Slideshow extends IDataObject {
	id: string;
	title?: string;
	status?: string;
	preview_image_url?: string | null;
	last_rendered_at?: string | null;
	slides?: IDataObject[];
}

/**
 * Rendering answers within the call (about 2–5 seconds per slide, so under a minute for the 8 slides of a copy,
 * Partner API docs "Render Slideshow"); the wait only confirms the status and picks up the rendered slideshow.
 */
export const RENDER_WAIT_DEFAULTS: WaitDefaults = { pollIntervalSeconds: 2, timeoutSeconds: 300 };

const RESUME_HINT =
	'Run "Slideshow → Get" with Wait for Completion on these slideshow IDs, or "Slideshow → Render" again';

/** Genviral answers an unknown slideshow or pack with 404 or its `not_found` code. */
export function isGenviralNotFound(error: unknown): boolean {
	return isNotFound(error, 'not_found');
}

async function readSlideshow(
	context: IExecuteFunctions,
	slideshowId: string,
): Promise<Slideshow[]> {
	try {
		return [
			(await genviralApiRequest.call(
				context,
				'GET',
				`/slideshows/${encodeURIComponent(slideshowId)}`,
			)) as Slideshow,
		];
	} catch (error) {
		// An unknown id is an answer, not a failure: the engine reports it with `notFound`.
		if (isGenviralNotFound(error)) return [];
		throw nodeError(context, error);
	}
}

/**
 * The job engine's view of a slideshow render. The "job" is the slideshow itself: submitting renders it
 * (POST /slideshows/{id}/render, no body), and its status is read with GET /slideshows/{id} until it is `rendered`.
 * Genviral answers the render call when it is done, so the first status read normally finds it rendered; when that
 * answer is lost (a dropped connection, a gateway timeout) Genviral may still be rendering, so the engine reads the
 * status instead of failing (Genviral documents no credit cost for rendering, only for imports). `renders`
 * collects each render answer by slideshow id.
 */
export function slideshowAdapter(
	context: IExecuteFunctions,
	renders: Map<string, IDataObject> = new Map(),
): JobAdapter<string, Slideshow> {
	return {
		jobLabel: 'Genviral slideshow',
		submitBatchSize: 1,
		async submit([slideshowId]) {
			try {
				const answer = (await genviralApiRequest.call(
					context,
					'POST',
					`/slideshows/${encodeURIComponent(slideshowId)}/render`,
				)) as IDataObject;
				renders.set(slideshowId, answer);
				return [{ jobIds: [slideshowId] }];
			} catch (error) {
				const kind = failureKind(error);
				// The answer was lost: the render may be under way, so its status tells.
				const lost =
					(kind === 'connectionLost' || kind === 'transient') && !isGenviralRefusal(error);
				if (lost) return [{ jobIds: [slideshowId] }];
				// Refused for rate, the engine sends it again once Genviral's hold is over; any other answer
				// (not_found, no_slides, render_failed) fails the item, with nothing to wait for.
				throw nodeError(context, asRefusal(error));
			}
		},
		statusBatchSize: 1,
		fetchStatuses: async ([slideshowId]) => await readSlideshow(context, slideshowId),
		jobId: (slideshow) => String(slideshow.id),
		state: (slideshow) => jobStateOf(GENVIRAL_SLIDESHOW_STATUSES, slideshow.status),
		status: (slideshow) => (typeof slideshow.status === 'string' ? slideshow.status : undefined),
		// Genviral has no failed status: a failed render is the render call's `render_failed` answer.
		failureReason: () => undefined,
		resumeHint: RESUME_HINT,
		notFound: (slideshowId) => ({
			message: `Genviral has no slideshow with ID ${slideshowId}`,
			description:
				'Check Slideshow IDs: each is the slideshow_id output by "Copy from TikTok" (or an ID from "Slideshow → Get Many"). An API key only sees the slideshows of its own workspace (or, for a personal key, your own).',
		}),
		listHint: '"Slideshow → Get Many" (Status: Rendered)',
	};
}

/**
 * The rendered images of each slide, when Genviral returns them. The Partner API docs document only the render
 * answer's `preview_image_url`; per-slide URLs (`slides[].rendered_image_url`) are read when present.
 */
export function renderedImageUrls(slideshow: IDataObject | undefined): string[] {
	const slides = Array.isArray(slideshow?.slides) ? (slideshow.slides as IDataObject[]) : [];
	return slides
		.map((slide) => slide.rendered_image_url)
		.filter((url): url is string => typeof url === 'string' && url !== '');
}

/** Output of one render: the render answer's fields, updated from the slideshow's last read. */
export function renderJson(
	job: TrackedJob<Slideshow>,
	answer: IDataObject | undefined,
): IDataObject {
	const slideshow = job.job;
	const pick = (field: string) => slideshow?.[field] ?? answer?.[field] ?? null;
	const slides = Array.isArray(slideshow?.slides) ? slideshow.slides : undefined;
	return {
		id: job.id,
		title: pick('title'),
		status: pick('status') ?? 'draft',
		preview_image_url: pick('preview_image_url'),
		last_rendered_at: pick('last_rendered_at'),
		slide_count: answer?.slide_count ?? slides?.length ?? null,
		rendered_image_urls: renderedImageUrls(slideshow ?? answer),
	};
}

/**
 * Downloads the images of every rendered item (streamed into n8n binary data). A failed download fails only its
 * item, which keeps the slideshow's id and URLs: the render itself succeeded.
 */
export async function downloadRenderedImages(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	byItem: Map<number, INodeExecutionData[]>,
	binaryPropertyName: string,
): Promise<void> {
	const timeoutMs = await credentialTimeoutMs(this, 'genviralApi');
	for (const [itemIndex, outputs] of byItem) {
		for (let index = 0; index < outputs.length; index++) {
			const { json } = outputs[index];
			if (json.error !== undefined) continue;
			const files: Array<[string, string, string]> = [];
			if (typeof json.preview_image_url === 'string' && json.preview_image_url !== '') {
				files.push([binaryPropertyName, json.preview_image_url, `slideshow-${json.id}-preview`]);
			}
			(json.rendered_image_urls as string[]).forEach((url, slide) =>
				files.push([
					`${binaryPropertyName}_${slide + 1}`,
					url,
					`slideshow-${json.id}-slide-${slide + 1}`,
				]),
			);
			try {
				const binary: NonNullable<INodeExecutionData['binary']> = {};
				for (const [field, url, fileName] of files) {
					binary[field] = await downloadToBinary.call(this, url, {
						fileName,
						what: 'image',
						hint: 'The image link may have expired. Run "Slideshow → Render" again for fresh links, or turn off Download Images to keep the URLs only.',
						transferHint:
							'The slideshow is rendered; only the download of its images failed. Run "Slideshow → Render" again with Download Images on, or turn it off to keep the URLs only.',
						timeoutMs,
					});
				}
				if (files.length > 0) outputs[index] = { ...outputs[index], binary };
			} catch (error) {
				if (!this.continueOnFail()) throw withItemIndex.call(this, error, itemIndex);
				outputs[index] = failedItem(items[itemIndex], itemIndex, error, json);
			}
		}
	}
}

export const PREVIEW_ENDPOINT = '/slideshows/copy-tiktok/preview';
export const IMPORT_ENDPOINT = '/slideshows/copy-tiktok/import';

/** Where a copy's backgrounds come from: exactly one of the two (Partner API docs, "Import TikTok Slideshow"). */
export type Backgrounds = { pack_id: string } | { pack_images: string[] };

/** What one input item asks for, validated. */
export interface CopyPlan {
	url: string;
	backgrounds: Backgrounds;
	title?: string;
	productId?: string;
	/** A preview_id the user already has (from "Preview Copy"): no new preview is made. */
	previewId?: string;
	previewFirst: boolean;
}

/** The body of POST /slideshows/copy-tiktok/import (Partner API docs, "Import TikTok Slideshow"), with only the fields that
 * are set. */
export interface ImportBody extends IDataObject {
	url: string;
	preview_id?: string;
	pack_id?: string;
	pack_images?: string[];
	title?: string;
	product_id?: string;
}

export function importBody(plan: CopyPlan, previewId?: string): ImportBody {
	return {
		url: plan.url,
		...(previewId ? { preview_id: previewId } : {}),
		...plan.backgrounds,
		...(plan.title ? { title: plan.title } : {}),
		...(plan.productId ? { product_id: plan.productId } : {}),
	};
}

/** POST /slideshows/copy-tiktok/preview: free, cached by Genviral for 10 minutes, so it may be sent again. */
export async function previewCopy(context: IExecuteFunctions, url: string): Promise<IDataObject> {
	return await genviralFreeCall(context, 'POST', PREVIEW_ENDPOINT, { body: { url } });
}

export interface PreviewOutcome {
	preview?: IDataObject;
	error?: unknown;
}

/**
 * Previews each post, a few at a time (the transport keeps at most 3 requests in flight per credential). Without
 * Continue On Fail, no new preview starts after one failed, since the run stops there anyway; items never
 * previewed have no outcome.
 */
export async function previewEach(
	context: IExecuteFunctions,
	targets: Array<{ itemIndex: number; url: string }>,
): Promise<Map<number, PreviewOutcome>> {
	const keepGoing = context.continueOnFail();
	const outcomes = new Map<number, PreviewOutcome>();
	let stopped = false;
	await forEachConcurrently(
		targets,
		GENVIRAL_MAX_CONCURRENT_REQUESTS,
		async ({ itemIndex, url }) => {
			if (stopped) return;
			try {
				outcomes.set(itemIndex, { preview: await previewCopy(context, url) });
			} catch (error) {
				outcomes.set(itemIndex, { error });
				if (!keepGoing) stopped = true;
			}
		},
	);
	return outcomes;
}

/** What the free checks found for one item: the preview to import with, or why it must not be imported. */
export interface CheckedCopy extends PlannedItem<CopyPlan> {
	previewId?: string;
	error?: unknown;
}

/**
 * A pack that does not exist or has no images would fail every import that uses it; reading it is free, so it is
 * read once before the first import. Only a clear answer fails the items (missing, empty, refused); if the read
 * itself fails, the import is left to decide.
 */
async function packProblem(context: IExecuteFunctions, packId: string): Promise<unknown> {
	try {
		const pack = await genviralRead(context, `/packs/${encodeURIComponent(packId)}`);
		const imageCount =
			typeof pack.image_count === 'number'
				? pack.image_count
				: Array.isArray(pack.images)
					? pack.images.length
					: undefined;
		if (imageCount !== 0) return undefined;
		const name = typeof pack.name === 'string' ? ` "${pack.name}"` : '';
		return new NodeOperationError(context.getNode(), `The image pack${name} has no images`, {
			description: GENVIRAL_ERROR_HINTS.pack_empty,
		});
	} catch (error) {
		if (isGenviralNotFound(error)) {
			return new NodeOperationError(
				context.getNode(),
				`Genviral has no image pack with ID ${packId}`,
				{ description: GENVIRAL_ERROR_HINTS.pack_not_found },
			);
		}
		return failureKind(error) === 'permanent' ? error : undefined;
	}
}

/**
 * Everything free that can stop an item before it costs credits, for every item before the first import: each
 * distinct image pack is read once, and each item with Preview First gets its preview (which fails for a post that
 * is not a photo slideshow, and whose preview_id lets the import reuse what the preview fetched). Without Continue
 * On Fail the checks stop at the first problem, since the run will stop there anyway.
 */
export async function checkBeforeImport(
	context: IExecuteFunctions,
	planned: Array<PlannedItem<CopyPlan>>,
): Promise<CheckedCopy[]> {
	const keepGoing = context.continueOnFail();
	const checked: CheckedCopy[] = planned.map((item) => ({
		...item,
		previewId: item.request.previewId,
	}));

	const packIds = [
		...new Set(
			planned.flatMap(({ request }) =>
				'pack_id' in request.backgrounds ? [request.backgrounds.pack_id] : [],
			),
		),
	];
	const packProblems = new Map<string, unknown>();
	await forEachConcurrently(packIds, GENVIRAL_MAX_CONCURRENT_REQUESTS, async (packId) => {
		const problem = await packProblem(context, packId);
		if (problem) packProblems.set(packId, problem);
	});
	for (const item of checked) {
		const { backgrounds } = item.request;
		if ('pack_id' in backgrounds) item.error = packProblems.get(backgrounds.pack_id);
	}

	if (!keepGoing && checked.some((item) => item.error !== undefined)) return checked;
	const toPreview = checked.filter(
		(item) => item.error === undefined && item.request.previewFirst && !item.request.previewId,
	);
	const previews = await previewEach(
		context,
		toPreview.map((item) => ({ itemIndex: item.itemIndex, url: item.request.url })),
	);
	for (const item of toPreview) {
		const outcome = previews.get(item.itemIndex);
		if (outcome?.error !== undefined) item.error = outcome.error;
		const previewId = outcome?.preview?.preview_id;
		if (typeof previewId === 'string' && previewId !== '') item.previewId = previewId;
	}
	return checked;
}

/** The import answer's slideshow id (`data.slideshow.id` in the Partner API docs). */
function slideshowIdOf(answer: IDataObject): string | undefined {
	const slideshow = answer.slideshow as IDataObject | undefined;
	const id = slideshow?.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * The job engine's view of an import. The import is synchronous: its answer is the new draft, so the engine is used
 * for what it guarantees about paid creates, not for waiting — a create refused for rate is sent again once
 * Genviral's hold is over, and nothing else is ever re-sent: a dropped connection or a timeout after sending fails
 * the item with "may have been created, check …" instead of paying twice. An error answer from Genviral means the
 * import did not happen (the import docs: it "auto-refunds on failure"), so it fails the item plainly. `imported` collects
 * each answer by slideshow id.
 */
export function importAdapter(
	context: IExecuteFunctions,
	imported: Map<string, IDataObject>,
): JobAdapter<ImportBody, Slideshow> {
	return {
		...slideshowAdapter(context),
		jobLabel: 'Genviral draft',
		async submit([body]) {
			let answer: IDataObject;
			try {
				answer = (await genviralApiRequest.call(context, 'POST', IMPORT_ENDPOINT, {
					body,
				})) as IDataObject;
			} catch (error) {
				throw asRefusal(error);
			}
			const slideshowId = slideshowIdOf(answer);
			if (slideshowId) imported.set(slideshowId, answer);
			// An answer without an id is left to the engine: the draft may exist anyway.
			return [{ jobIds: slideshowId ? [slideshowId] : [] }];
		},
		resumeHint: 'Open these drafts in Genviral, or read them with "Slideshow → Get"',
		listHint: 'your drafts in Genviral or "Slideshow → Get Many" (newest first)',
	};
}

/** Output of one copied slideshow: the import answer as Genviral gives it, its id first, and the preview used. */
export function copyJson(
	answer: IDataObject,
	slideshowId: string,
	previewId?: string,
): IDataObject {
	return { slideshow_id: slideshowId, ...answer, preview_id: previewId ?? null };
}

/**
 * Without Continue On Fail: throws the first failed import (in input order), naming the drafts this run did create,
 * which are paid for and must not be lost behind the error.
 */
function throwFirstImportFailure(results: Array<JobResult<Slideshow>>): void {
	const failures = results.filter((result) => result.error);
	const first = failures.find((result) => result.outcome !== 'stopped') ?? failures[0];
	if (!first?.error) return;
	const created = results.filter((result) => !result.error && result.jobs.length > 0);
	if (created.length > 0) {
		first.error.description = joinSentences(
			first.error.description ?? undefined,
			`Drafts this run already created (and paid for): ${created
				.map((result) => `item ${result.itemIndex}: ${idList(result.jobs.map((job) => job.id))}`)
				.join(
					'; ',
				)}. They are in Genviral and in "Slideshow → Get Many"; remove those items before running again.`,
		);
	}
	throw first.error;
}

/**
 * Copies every checked item: free checks first (`checkBeforeImport`), then one import per item that passed them,
 * a few at a time (Genviral publishes no limit; the transport keeps at most 3 requests in flight per credential
 * and backs off on 429). Each item's output or failure is recorded in `output`.
 */
export async function runCopies(
	context: IExecuteFunctions,
	planned: Array<PlannedItem<CopyPlan>>,
	output: ItemOutput,
): Promise<void> {
	// Read before anything is sent.
	const reuse = readReuseSettings.call(context);
	const checked = await checkBeforeImport(context, planned);
	const previewIds = new Map(checked.map((item) => [item.itemIndex, item.previewId]));
	const requests: Array<JobRequest<ImportBody>> = [];
	for (const item of checked) {
		if (item.error !== undefined) {
			output.fail(item.itemIndex, item.error, { preview_id: item.previewId ?? null });
		} else {
			requests.push({
				itemIndex: item.itemIndex,
				request: importBody(item.request, item.previewId),
				// The same copy in a later run, whichever preview this run made of the URL.
				identity: item.request,
			});
		}
	}

	const imported = new Map<string, IDataObject>();
	const results = await (runJobs<ImportBody, Slideshow>).call(
		context,
		importAdapter(context, imported),
		requests,
		{
			waitForCompletion: false,
			// Unused without waiting; the engine requires them.
			pollIntervalMs: 1_000,
			timeoutMs: 60_000,
			stopOnFirstError: !context.continueOnFail(),
			submitConcurrency: GENVIRAL_MAX_CONCURRENT_REQUESTS,
			reuse,
		},
	);
	if (!context.continueOnFail()) throwFirstImportFailure(results);

	for (const result of results) {
		const previewId = previewIds.get(result.itemIndex);
		const slideshowId = result.jobs[0]?.id;
		const answer = slideshowId ? imported.get(slideshowId) : undefined;
		if (result.reused && slideshowId && !result.error) {
			// Copied by an earlier run of this node: the draft as Genviral has it now.
			output.set(result.itemIndex, {
				slideshow_id: slideshowId,
				...(result.jobs[0].job as IDataObject | undefined),
				preview_id: previewId ?? null,
				...reusedFields(result),
			});
		} else if (result.error || !slideshowId || !answer) {
			output.fail(result.itemIndex, result.error ?? new Error('Genviral returned no draft'), {
				preview_id: previewId ?? null,
				...(slideshowId ? { slideshow_id: slideshowId } : {}),
			});
		} else {
			output.set(result.itemIndex, copyJson(answer, slideshowId, previewId));
		}
	}
}

/**
 * The render flow of Slideshow → Render, after every slideshow ID was checked: renders a few at a time; with Wait
 * for Completion (on by default) reads each slideshow until it is `rendered`; with Download Images, downloads them.
 */
export async function renderSlideshows(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	planned: Array<PlannedItem<string>>,
): Promise<Map<number, INodeExecutionData[]>> {
	const renders = new Map<string, IDataObject>();
	const adapter = slideshowAdapter(this, renders);
	const results = await (runJobs<string, Slideshow>).call(this, adapter, planned, {
		...readWaitSettings.call(this, RENDER_WAIT_DEFAULTS),
		stopOnFirstError: !this.continueOnFail(),
		submitConcurrency: GENVIRAL_MAX_CONCURRENT_REQUESTS,
	});
	const rendered = await (jobResultsToItems<Slideshow>).call(this, items, results, adapter, {
		jobIdsField: 'slideshow_ids',
		toJson: (job: TrackedJob<Slideshow>) => renderJson(job, renders.get(job.id)),
	});
	if (switchValue(this.getNodeParameter('downloadImages', 0, false), false)) {
		const field = this.getNodeParameter('binaryPropertyName', 0, 'data') as string;
		await downloadRenderedImages.call(this, items, rendered, field);
	}
	return rendered;
}

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { WaitDefaults } from '../shared/descriptions';
import { downloadToBinary } from '../shared/download';
import { failureKind } from '../shared/errors';
import { failedItem, withItemIndex } from '../shared/items';
import type { JobAdapter, TrackedJob } from '../shared/jobEngine';
import { GENVIRAL_SLIDESHOW_STATUSES, jobStateOf } from '../shared/jobStates';
import { credentialTimeoutMs } from '../shared/request';
import { nodeError } from './reads';
import { asRefusal, genviralApiRequest, isGenviralRefusal } from './transport';

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

export function isNotFound(error: unknown): boolean {
	const { httpCode, context } = (error ?? {}) as {
		httpCode?: unknown;
		context?: { providerCode?: unknown };
	};
	return String(httpCode) === '404' || context?.providerCode === 'not_found';
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
		if (isNotFound(error)) return [];
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

/** "Download Images" of Render: the preview image and, when Genviral returns them, every rendered slide. */
export function downloadImagesProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Download Images',
			name: 'downloadImages',
			type: 'boolean',
			default: false,
			description:
				'Whether to download the rendered images into binary data: the preview image, and each rendered slide when Genviral returns them',
		},
		{
			displayName: 'Put Output Files in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			displayOptions: { show: { downloadImages: [true] } },
			hint: 'The preview image goes in this field; rendered slides, when Genviral returns them, in <field>_1, <field>_2, …',
		},
	];
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

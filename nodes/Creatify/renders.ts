import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chunk } from '../shared/concurrency';
import { readReuseSettings, readWaitSettings } from '../shared/descriptions';
import { planItems } from '../shared/items';
import { API_DEFAULTS } from './creatify.enums';
import { checkCreditsFirst, readCheckCreditsFirst, renderEstimate } from './credits';
import type { CreatifyVideo } from './videoJobs';
import {
	runVideoJobs,
	VIDEO_IDS_PER_READ,
	VIDEO_WAIT_DEFAULTS,
	VideoReader,
	videoJobAdapter,
} from './videoJobs';

/** What one render item names: the preview job, and for Render Single Preview the preview chosen. */
export interface RenderRequest {
	videoId: string;
	mediaJob?: string;
}

/**
 * Render and Render Single Preview: the paid render of a preview job, one per input item, waited for together.
 * With Check Credits First the preview jobs are read first (free, 100 per call) for the model and length each render
 * will be charged for.
 */
export async function runRenders(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	options: {
		plan(itemIndex: number): RenderRequest;
		submit(request: RenderRequest): Promise<unknown>;
	},
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(this, items, (itemIndex) => options.plan(itemIndex));
	const wait = readWaitSettings.call(this, VIDEO_WAIT_DEFAULTS);
	const reuse = readReuseSettings.call(this);

	if (readCheckCreditsFirst.call(this)) {
		const reader = new VideoReader(this);
		const ids = [...new Set(planned.map(({ request }) => request.videoId))];
		const videos = new Map<string, CreatifyVideo>();
		for (const batch of chunk(ids, VIDEO_IDS_PER_READ))
			for (const video of await reader.read(batch)) videos.set(String(video.id), video);
		await checkCreditsFirst.call(
			this,
			planned.map(({ request }) => {
				const video = videos.get(request.videoId);
				const model =
					typeof video?.model_version === 'string'
						? video.model_version
						: API_DEFAULTS.model_version;
				const length = Number(video?.video_length ?? API_DEFAULTS.video_length);
				return renderEstimate(model, Number.isFinite(length) ? length : API_DEFAULTS.video_length);
			}),
		);
	}

	// The video exists before its render: a render whose answer was lost shows on the video itself.
	const adapter = videoJobAdapter<RenderRequest>(this, {
		submit: options.submit,
		jobLabel: 'Creatify render',
		listHint:
			'"Video → Get" on the video ID of this item (a render that started shows in_queue, running or done)',
	});
	await runVideoJobs.call(this, items, output, {
		adapter,
		requests: planned,
		wait,
		reuse,
		download: true,
	});
	return output.inInputOrder();
}

import { previewCredits } from '../../enums';
import { chargedSettings } from '../../fields';
import { linkedCreateOperation, PREVIEW_WAIT_DEFAULTS, previewState } from '../../jobs';

export const option = {
	name: 'Create Preview',
	value: 'createPreview',
	action: 'Create a video preview',
	description:
		'Make one preview of a video (1 credit per 30 s) to check before paying for the render. Outputs ID, status, preview (an embeddable page URL) and credits_used; render it with "Render".',
} as const;

/**
 * POST /api/link_to_videos/preview/ — one preview per input item. Creatify's answer carries the preview page URL
 * (`preview`); Wait for Completion waits until it is there, for an answer that does not carry it yet.
 */
export const { properties, execute } = linkedCreateOperation({
	endpoint: '/link_to_videos/preview/',
	wait: { defaults: PREVIEW_WAIT_DEFAULTS, what: 'the preview page', waitByDefault: false },
	reuse: 'preview',
	download: false,
	estimate: (body) => {
		const { videoLength } = chargedSettings(body);
		return { what: `preview (${videoLength} s)`, credits: previewCredits(videoLength) };
	},
	state: previewState,
});

import { renderEstimate } from '../../credits';
import { chargedSettings } from '../../fields';
import { linkedCreateOperation, VIDEO_WAIT_DEFAULTS } from '../../jobs';

export const option = {
	name: 'Create',
	value: 'create',
	action: 'Create a video from a product',
	description:
		'Make a video ad from a product URL or link, one per input item. Outputs ID, status, video_output, video_thumbnail, editor_url (valid 24 hours) and credits_used.',
} as const;

/**
 * POST /api/link_to_videos/ — one video per input item, from its product URL (the link is made in the same step)
 * or its link ID; waited for together and optionally downloaded.
 */
export const { properties, execute } = linkedCreateOperation({
	endpoint: '/link_to_videos/',
	wait: { defaults: VIDEO_WAIT_DEFAULTS, what: 'every video' },
	reuse: 'video',
	download: true,
	estimate: (body) => {
		const { model, videoLength } = chargedSettings(body);
		return renderEstimate(model, videoLength);
	},
});

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { waitProperties } from '../../../shared/descriptions';
import { getJobs } from '../../../shared/getJobs';
import { readSlideshowIds, slideshowIdsProperty } from '../../fields';
import type { Slideshow } from '../../jobs';
import { RENDER_WAIT_DEFAULTS, slideshowAdapter } from '../../jobs';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get slideshows',
	description:
		'Get slideshows by ID, optionally waiting until they are rendered. Outputs each slideshow with its status, settings, slides and their text elements.',
} as const;

export const properties: INodeProperties[] = [
	slideshowIdsProperty,
	...waitProperties(RENDER_WAIT_DEFAULTS, 'every slideshow render', { waitByDefault: false }),
];

/**
 * GET /slideshows/{id} for the slideshow IDs of every item (one request per ID; IDs named by several items are read
 * once). With Wait for Completion the reads repeat until every slideshow is `rendered`, e.g. to pick up a render
 * whose answer was lost. One output item per slideshow, paired with the item that named it.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await getJobs(this, items, {
		adapter: slideshowAdapter(this),
		readIds: (itemIndex) => readSlideshowIds(this, itemIndex, properties),
		waitDefaults: RENDER_WAIT_DEFAULTS,
		output: {
			jobIdsField: 'slideshow_ids',
			toJson: (job) => (job.job as Slideshow | undefined) ?? { id: job.id },
		},
	});
}

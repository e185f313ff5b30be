import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { downloadProperties, waitProperties } from '../../../shared/descriptions';
import { getJobs } from '../../../shared/getJobs';
import { readVideoIds, videoIdsProperty } from '../../fields';
import {
	DRAFT_CHECKS,
	trackedVideoJson,
	VIDEO_WAIT_DEFAULTS,
	videoAdapter,
	videoDownload,
} from '../../jobs';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get videos',
	description:
		"Get videos by ID, optionally waiting until they are published. Outputs each video's ID, status, URL, thumbnail, duration, customer data, AI messaging and analytics.",
} as const;

const waitFields = waitProperties(VIDEO_WAIT_DEFAULTS, 'every video', {
	waitByDefault: false,
}).map((property) =>
	property.name === 'waitForCompletion'
		? {
				...property,
				description: `${property.description} Use it to pick up videos after a Create that timed out. A video still in draft (not submitted for processing) after ${DRAFT_CHECKS} checks fails with its ID instead of being waited for.`,
			}
		: property,
);

export const properties: INodeProperties[] = [
	videoIdsProperty,
	...waitFields,
	...downloadProperties(),
];

/**
 * GET /videos/{video_id} for every ID of every item (one request per video: SixtySeconds has no batch read); with
 * Wait for Completion the reads repeat until every video is published or failed. One output item per video,
 * paired with the item that named it.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await getJobs(this, items, {
		adapter: videoAdapter(this),
		readIds: (itemIndex) => readVideoIds(this, itemIndex, properties),
		waitDefaults: VIDEO_WAIT_DEFAULTS,
		output: {
			jobIdsField: 'video_ids',
			toJson: trackedVideoJson,
			download: videoDownload(this),
		},
	});
}

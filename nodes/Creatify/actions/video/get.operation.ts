import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { downloadProperties, waitProperties } from '../../../shared/descriptions';
import { getJobs } from '../../../shared/getJobs';
import { enumSchema, isUuid, parseIdList, validateParameters } from '../../../shared/validation';
import { readSimplify, simplifyProperty, videoIdsProperty } from '../../fields';
import {
	expandPreviews,
	previewsState,
	trackedVideo,
	VIDEO_WAIT_DEFAULTS,
	videoDownload,
	videoJobAdapter,
	videoJson,
} from '../../jobs';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get videos',
	description:
		'Get videos by ID, optionally waiting until they finish (or until their previews are ready). Outputs ID, status, failed_reason, video_output, video_thumbnail, editor_url (valid 24 hours) and credits_used per video.',
} as const;

const videosOnly = { output: ['video'] };

export const properties: INodeProperties[] = [
	videoIdsProperty(
		'One or more video IDs (the id from Create, a preview operation or Get Many), separated by commas. The IDs of all input items are read together, up to 100 per request.',
	),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Video', value: 'video', description: 'One item per video' },
			{
				name: 'Previews',
				value: 'previews',
				description:
					'One item per preview of a "Create Previews" job (waiting means: until the previews are ready)',
			},
		],
		default: 'video',
	},
	...waitProperties(VIDEO_WAIT_DEFAULTS, 'every video', { waitByDefault: false }),
	...downloadProperties().map((property) => ({
		...property,
		displayOptions: {
			show: { ...property.displayOptions?.show, ...videosOnly },
		},
	})),
	{ ...simplifyProperty, displayOptions: { show: videosOnly } },
];

const schema = z.object({
	videoIds: z
		.array(z.string())
		.min(1, 'needs at least one video ID (the id from Video → Create or Get Many)')
		.superRefine((ids, context) => {
			const wrong = ids.find((id) => !isUuid(id));
			if (wrong !== undefined) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `must hold Creatify video IDs, UUIDs such as 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f; "${wrong.slice(0, 60)}" is not one`,
				});
			}
		}),
});

const outputSchema = z.object({
	output: enumSchema(['video', 'previews'], 'must be "video" or "previews"'),
});

/**
 * GET /api/link_to_videos/?ids= for the video IDs of every item, up to 100 per request (and GET /{id}/ for any id the
 * answer lacks); with Wait for Completion, until every video is done or failed — or, with Output "Previews", until
 * the previews are there. One output item per video (or per preview), paired with the item that named it.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { output } = validateParameters.call(
		this,
		outputSchema,
		{ output: this.getNodeParameter('output', 0, 'video') },
		properties,
		0,
	);
	const previews = output === 'previews';
	const simplify = !previews && readSimplify.call(this, 0);
	const adapter = videoJobAdapter(this, previews ? { state: previewsState, previews: true } : {});
	const result = await getJobs(this, items, {
		adapter,
		readIds: (itemIndex) =>
			validateParameters.call(
				this,
				schema,
				{ videoIds: parseIdList(this.getNodeParameter('videoIds', itemIndex)) },
				properties,
				itemIndex,
			).videoIds,
		waitDefaults: VIDEO_WAIT_DEFAULTS,
		output: {
			jobIdsField: 'video_ids',
			toJson: (job) => videoJson(trackedVideo(job), simplify),
			download: previews ? undefined : videoDownload(this),
		},
	});
	return previews ? expandPreviews(result) : result;
}

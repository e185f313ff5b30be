import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { idLocator } from '../shared/descriptions';

import {
	BROKEN_CHARACTER_MESSAGE,
	isWellFormedText,
	parseIdList,
	validateParameters,
} from '../shared/validation';

/** The template picker: from the account's templates (searchable by name) or by ID. */
export function templateLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return idLocator(
		{
			displayName: 'Template',
			name: 'template',
			searchListMethod: 'searchTemplates',
			placeholder: 'e.g. tmpl_welcome_message',
			description: 'The SixtySeconds template the video is made from',
		},
		overrides,
	);
}

/** A template ID as typed or mapped: required, and not a video or project ID by mistake. */
export const templateIdSchema = z
	.string({ invalid_type_error: 'must be a template ID such as tmpl_welcome_message' })
	.trim()
	.min(1, 'is required: choose a template from the list or enter its ID')
	.refine(isWellFormedText, BROKEN_CHARACTER_MESSAGE)
	.refine((id) => !/^(vid|proj)_/i.test(id), {
		message:
			'must be a template ID (tmpl_…); IDs starting with vid_ or proj_ are videos or projects',
	});

const CREATED_BY = 'Video → Create';

/** The "Video IDs" field of Video → Get. */
export const videoIdsProperty: INodeProperties = {
	displayName: 'Video IDs',
	name: 'videoIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. vid_12345abcde, vid_67890fghij',
	description: `One or more video IDs (returned by ${CREATED_BY}), separated by commas, or a list mapped with an expression (e.g. the video_ids of an item that timed out). SixtySeconds reads one video per request.`,
};

const videoIdsSchema = z.object({
	videoIds: z
		.array(z.string())
		.min(1, `needs at least one video ID (the id from ${CREATED_BY})`)
		.refine((ids) => ids.every(isWellFormedText), BROKEN_CHARACTER_MESSAGE)
		.superRefine((ids, context) => {
			const wrong = ids.find((id) => /^(tmpl|proj)_/i.test(id));
			if (wrong !== undefined) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `must hold video IDs such as vid_12345abcde; "${wrong.slice(0, 60)}" is a ${
						/^tmpl_/i.test(wrong) ? 'template' : 'project'
					} ID`,
				});
			}
		}),
});

/** The video IDs one item names, validated before anything is read. */
export function readVideoIds(
	context: IExecuteFunctions,
	itemIndex: number,
	properties: INodeProperties[],
): string[] {
	const value = { videoIds: parseIdList(context.getNodeParameter('videoIds', itemIndex)) };
	return validateParameters.call(context, videoIdsSchema, value, properties, itemIndex).videoIds;
}

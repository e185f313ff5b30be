import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { executePerItem } from '../../../shared/items';
import { isUuid, validateParameters } from '../../../shared/validation';
import { locatorValue, packLocator } from '../../fields';
import { GENVIRAL_ERROR_HINTS, genviralRead, nodeError } from '../../transport';
import { isGenviralNotFound } from '../../jobs';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get an image pack',
	description:
		"Get an image pack with its images. Outputs the pack's ID, name, image_count and is_public, and its images, each with its ID, URL and metadata.",
} as const;

export const properties: INodeProperties[] = [
	packLocator({ required: true, description: 'The image pack to read' }),
];

const schema = z.object({
	imagePack: z
		.string()
		.trim()
		.min(1, 'is required: choose an image pack from the list or enter its ID')
		.refine(
			isUuid,
			'must be an image pack ID, a UUID such as 11111111-1111-1111-1111-111111111111',
		),
});

/** GET /packs/{id} — one pack per input item, with its ordered images. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem(
		this,
		items,
		(itemIndex) =>
			validateParameters.call(
				this,
				schema,
				{ imagePack: locatorValue(this, 'imagePack', itemIndex) },
				properties,
				itemIndex,
			).imagePack,
		async (packId) => {
			try {
				return await genviralRead(this, `/packs/${encodeURIComponent(packId)}`);
			} catch (error) {
				throw isGenviralNotFound(error)
					? new NodeOperationError(this.getNode(), `Genviral has no image pack with ID ${packId}`, {
							description: GENVIRAL_ERROR_HINTS.pack_not_found,
						})
					: nodeError(this, error);
			}
		},
	);
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as avatar from './avatar/Avatar.resource';
import * as avatarVideo from './avatarVideo/AvatarVideo.resource';

type Operation = {
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
};

const operations: Record<string, Record<string, Operation>> = {
	avatar: { getMany: avatar.getMany },
	avatarVideo: {
		create: avatarVideo.create,
		getMany: avatarVideo.getMany,
		getTaskStatus: avatarVideo.getTaskStatus,
		rename: avatarVideo.rename,
	},
};

/** Sends the run to the chosen operation; each operation handles all input items (creates are batched). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await handler.execute.call(this, items)];
}

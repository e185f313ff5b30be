import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as refreshedVideo from './refreshedVideo/RefreshedVideo.resource';
import * as refreshTask from './refreshTask/RefreshTask.resource';
import * as video from './video/Video.resource';

type Operation = {
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
};

const operations: Record<string, Record<string, Operation>> = {
	video: { uploadByUrl: video.uploadByUrl },
	refreshTask: { create: refreshTask.create, get: refreshTask.get },
	refreshedVideo: { getMany: refreshedVideo.getMany },
};

/** Sends the run to the chosen operation; each operation handles all input items (creates wait together). */
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

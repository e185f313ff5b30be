import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationsByResource } from '../../shared/router';
import { routeToOperation } from '../../shared/router';
import * as refreshedVideo from './refreshedVideo/RefreshedVideo.resource';
import * as refreshTask from './refreshTask/RefreshTask.resource';
import * as video from './video/Video.resource';

const operations: OperationsByResource = {
	video: { uploadByUrl: video.uploadByUrl },
	refreshTask: { create: refreshTask.create, get: refreshTask.get },
	refreshedVideo: { getMany: refreshedVideo.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation.call(this, operations);
}

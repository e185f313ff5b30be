import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationsByResource } from '../../shared/router';
import { routeToOperation } from '../../shared/router';
import * as avatar from './avatar/Avatar.resource';
import * as avatarVideo from './avatarVideo/AvatarVideo.resource';

const operations: OperationsByResource = {
	avatar: { getMany: avatar.getMany },
	avatarVideo: {
		create: avatarVideo.create,
		getMany: avatarVideo.getMany,
		getTaskStatus: avatarVideo.getTaskStatus,
		rename: avatarVideo.rename,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation.call(this, operations);
}

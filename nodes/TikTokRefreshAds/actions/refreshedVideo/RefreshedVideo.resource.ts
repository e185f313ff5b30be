import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refreshedVideo'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the refreshed videos of your TikTok For Business account, newest first',
				action: 'Get many refreshed videos',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];

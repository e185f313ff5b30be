import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';

export { create, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refreshTask'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Refresh a video with a new AI hook and/or new music, from a video URL or video ID, optionally waiting for the refreshed videos',
				action: 'Create a refresh task',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get the status and result of refresh tasks by task ID, optionally waiting until they finish',
				action: 'Get refresh tasks',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
];

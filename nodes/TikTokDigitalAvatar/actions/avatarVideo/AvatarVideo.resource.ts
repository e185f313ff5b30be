import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getMany from './getMany.operation';
import * as getTaskStatus from './getTaskStatus.operation';
import * as rename from './rename.operation';

export { create, getMany, getTaskStatus, rename };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['avatarVideo'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Make an avatar video from a script: one video per input item, sent 5 per request, optionally waiting for all of them',
				action: 'Create an avatar video',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the avatar videos of your account, filtered by avatar and date',
				action: 'Get many avatar videos',
			},
			{
				name: 'Get Task Status',
				value: 'getTaskStatus',
				description:
					'Get the status and result of avatar video tasks by task ID, optionally waiting until they finish',
				action: 'Get avatar video task status',
			},
			{
				name: 'Rename',
				value: 'rename',
				description: 'Change the name of an avatar video',
				action: 'Rename an avatar video',
			},
		],
		default: 'create',
	},
	...create.description,
	...getTaskStatus.description,
	...getMany.description,
	...rename.description,
];

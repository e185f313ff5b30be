import type { INodeProperties } from 'n8n-workflow';

import * as uploadByUrl from './uploadByUrl.operation';

export { uploadByUrl };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{
				name: 'Upload by URL',
				value: 'uploadByUrl',
				description:
					'Upload a video from a public URL to the TikTok stock library and get its video_id for refresh tasks',
				action: 'Upload a video by URL',
			},
		],
		default: 'uploadByUrl',
	},
	...uploadByUrl.description,
];

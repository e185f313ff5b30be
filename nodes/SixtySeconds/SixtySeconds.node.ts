import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle, resourceProperties, routeToOperation } from '../shared/router';
import { template } from './actions/template/Template.resource';
import { video } from './actions/video/Video.resource';
import { searchTemplates } from './lists';
import { sixtySecondsApiTest } from './transport';

const resources = [template, video] as const;

/**
 * SixtySeconds (Videos API): personalised videos from a template and each item's customer data. Programmatic rather
 * than declarative because a create is a chain — check the templates, create every item's video, wait for all of
 * them together (each first read at its estimated completion), then optionally download each video.
 */
export class SixtySeconds implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SixtySeconds',
		name: 'sixtySeconds',
		icon: {
			light: 'file:../../icons/sixtyseconds.svg',
			dark: 'file:../../icons/sixtyseconds.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(resources),
		description: 'Create personalised videos from a template and customer data',
		defaults: { name: 'SixtySeconds' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sixtySecondsApi', required: true, testedBy: 'sixtySecondsApiTest' }],
		properties: resourceProperties(resources, 'video'),
	};

	methods = { listSearch: { searchTemplates }, credentialTest: { sixtySecondsApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeToOperation.call(this, resources);
	}
}

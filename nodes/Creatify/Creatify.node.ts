import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle, resourceProperties, routeToOperation } from '../shared/router';
import { account } from './actions/account/Account.resource';
import { link } from './actions/link/Link.resource';
import { video } from './actions/video/Video.resource';
import { searchAvatars, searchLinks, searchVisualStyles, searchVoices } from './lists';
import { creatifyApiTest } from './transport';

const resources = [video, link, account] as const;

/**
 * Creatify Link to Video: video ads from a product page. Programmatic rather than declarative because a create is a
 * chain — make every item's link, start every item's paid video, wait for all of them together, then optionally
 * download each video.
 */
export class Creatify implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Creatify',
		name: 'creatify',
		icon: { light: 'file:../../icons/creatify.svg', dark: 'file:../../icons/creatify.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(resources),
		description: 'Turn product links into video ads with Creatify',
		defaults: { name: 'Creatify' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'creatifyApi', required: true, testedBy: 'creatifyApiTest' }],
		properties: resourceProperties(resources, 'video'),
	};

	methods = {
		listSearch: { searchAvatars, searchLinks, searchVisualStyles, searchVoices },
		credentialTest: { creatifyApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeToOperation.call(this, resources);
	}
}

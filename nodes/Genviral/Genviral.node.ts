import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle, resourceProperties, routeToOperation } from '../shared/router';
import { account } from './actions/account/Account.resource';
import { imagePack } from './actions/imagePack/ImagePack.resource';
import { slideshow } from './actions/slideshow/Slideshow.resource';
import { searchPacks, searchSlideshows } from './lists';
import { genviralApiTest } from './transport';

const resources = [slideshow, imagePack, account] as const;

/**
 * Genviral (Partner API): TikTok photo slideshows copied into editable drafts with your own images, then rendered.
 * Programmatic rather than declarative because a copy is a chain — check every item for free (packs, previews),
 * then import, paced and never sent twice — and a render waits through the job engine.
 */
export class Genviral implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genviral',
		name: 'genviral',
		icon: { light: 'file:../../icons/genviral.svg', dark: 'file:../../icons/genviral.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(resources),
		description: 'Copy TikTok slideshows into editable Genviral drafts',
		defaults: { name: 'Genviral' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genviralApi', required: true, testedBy: 'genviralApiTest' }],
		properties: resourceProperties(resources, 'slideshow'),
	};

	methods = {
		listSearch: { searchPacks, searchSlideshows },
		credentialTest: { genviralApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeToOperation.call(this, resources);
	}
}

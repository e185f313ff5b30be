import { defineResource } from '../../../shared/router';
import * as getMany from './getMany.operation';

export const refreshedVideo = defineResource(
	{ name: 'Refreshed Video', value: 'refreshedVideo', defaultOperation: 'getMany' },
	[getMany],
);

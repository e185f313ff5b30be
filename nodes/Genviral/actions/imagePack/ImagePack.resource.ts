import { defineResource } from '../../../shared/router';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const imagePack = defineResource(
	{ name: 'Image Pack', value: 'imagePack', defaultOperation: 'getMany' },
	[get, getMany],
);

import { defineResource } from '../../../shared/router';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const template = defineResource(
	{ name: 'Template', value: 'template', defaultOperation: 'getMany' },
	[get, getMany],
);

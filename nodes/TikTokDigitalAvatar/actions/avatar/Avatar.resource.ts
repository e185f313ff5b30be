import { defineResource } from '../../../shared/router';
import * as getMany from './getMany.operation';

export const avatar = defineResource(
	{ name: 'Avatar', value: 'avatar', defaultOperation: 'getMany' },
	[getMany],
);

import { defineResource } from '../../../shared/router';
import * as create from './create.operation';
import * as get from './get.operation';

export const refreshTask = defineResource(
	{ name: 'Refresh Task', value: 'refreshTask', defaultOperation: 'create' },
	[create, get],
);

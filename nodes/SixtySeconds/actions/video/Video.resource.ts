import { defineResource } from '../../../shared/router';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const video = defineResource({ name: 'Video', value: 'video', defaultOperation: 'create' }, [
	create,
	get,
	getMany,
]);

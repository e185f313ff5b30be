import { defineResource } from '../../../shared/router';
import * as createFromUrl from './createFromUrl.operation';
import * as createWithParams from './createWithParams.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const link = defineResource(
	{ name: 'Link', value: 'link', defaultOperation: 'createFromUrl' },
	[createFromUrl, createWithParams, get, getMany, update],
);

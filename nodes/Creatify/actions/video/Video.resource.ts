import { defineResource } from '../../../shared/router';
import * as create from './create.operation';
import * as createPreview from './createPreview.operation';
import * as createPreviews from './createPreviews.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as render from './render.operation';
import * as renderSinglePreview from './renderSinglePreview.operation';

export const video = defineResource({ name: 'Video', value: 'video', defaultOperation: 'create' }, [
	create,
	createPreview,
	createPreviews,
	render,
	renderSinglePreview,
	get,
	getMany,
]);

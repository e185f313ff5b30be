import { defineResource } from '../../../shared/router';
import * as uploadByUrl from './uploadByUrl.operation';

export const video = defineResource(
	{ name: 'Video', value: 'video', defaultOperation: 'uploadByUrl' },
	[uploadByUrl],
);

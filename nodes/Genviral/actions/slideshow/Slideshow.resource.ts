import { defineResource } from '../../../shared/router';
import * as copyFromTiktok from './copyFromTiktok.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as previewCopy from './previewCopy.operation';
import * as render from './render.operation';

export const slideshow = defineResource(
	{ name: 'Slideshow', value: 'slideshow', defaultOperation: 'copyFromTiktok' },
	[copyFromTiktok, previewCopy, get, getMany, render],
);

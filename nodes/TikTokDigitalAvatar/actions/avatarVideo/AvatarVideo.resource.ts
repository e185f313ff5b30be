import { defineResource } from '../../../shared/router';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as rename from './rename.operation';

export const avatarVideo = defineResource(
	{ name: 'Avatar Video', value: 'avatarVideo', defaultOperation: 'create' },
	[create, get, getMany, rename],
);

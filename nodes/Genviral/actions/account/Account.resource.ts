import { defineResource } from '../../../shared/router';
import * as getSubscription from './getSubscription.operation';

export const account = defineResource(
	{ name: 'Account', value: 'account', defaultOperation: 'getSubscription' },
	[getSubscription],
);

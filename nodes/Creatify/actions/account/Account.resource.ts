import { defineResource } from '../../../shared/router';
import * as getRemainingCredits from './getRemainingCredits.operation';

export const account = defineResource(
	{ name: 'Account', value: 'account', defaultOperation: 'getRemainingCredits' },
	[getRemainingCredits],
);

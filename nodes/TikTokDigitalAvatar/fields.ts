import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { idLocator } from '../shared/descriptions';

/** The avatar picker: from the account's list (searchable) or by ID. */
export function avatarLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return idLocator(
		{
			displayName: 'Avatar',
			name: 'avatar',
			searchListMethod: 'searchAvatars',
			placeholder: 'e.g. 7301881390801371138',
			description: 'The digital avatar that speaks the script',
			pattern: {
				regex: '^\\d+$',
				errorMessage: 'An avatar ID is a number, e.g. 7301881390801371138',
			},
		},
		overrides,
	);
}

/** An avatar ID as picked or typed: TikTok's avatar IDs are numbers (as text). */
export const avatarIdSchema = z
	.string({ invalid_type_error: 'must be an avatar ID, a number such as 7301881390801371138' })
	.trim()
	.min(1, 'is required: choose an avatar from the list or enter its ID')
	.regex(/^\d+$/, 'must be an avatar ID, a number such as 7301881390801371138');

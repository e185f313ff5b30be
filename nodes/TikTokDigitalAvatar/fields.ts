import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

/** The avatar picker: from the account's list (searchable) or by ID. */
export function avatarLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Avatar',
		name: 'avatar',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The digital avatar that speaks the script',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchAvatars', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 7301881390801371138',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\d+$',
							errorMessage: 'An avatar ID is a number, e.g. 7301881390801371138',
						},
					},
				],
			},
		],
		...overrides,
	};
}

/** An avatar ID as picked or typed: TikTok's avatar IDs are numbers (as text). */
export const avatarIdSchema = z
	.string({ invalid_type_error: 'must be an avatar ID, a number such as 7301881390801371138' })
	.trim()
	.min(1, 'is required: choose an avatar from the list or enter its ID')
	.regex(/^\d+$/, 'must be an avatar ID, a number such as 7301881390801371138');

import { TIKTOK_DOWNLOAD_NOTICE, TIKTOK_UPLOAD_NOTICE } from '../../../nodes/TikTok/fields';
import { nodeType } from './setup';

describe('the node description', () => {
	const properties = nodeType.description.properties;
	const noticesWith = (text: string) =>
		properties.filter((property) => property.type === 'notice' && property.displayName === text);
	const operationsOf = (list: typeof properties) =>
		list.flatMap((property) => (property.displayOptions?.show?.operation ?? []) as string[]).sort();

	it("shows TikTok's upload notice on every operation that uploads", () => {
		expect(operationsOf(noticesWith(TIKTOK_UPLOAD_NOTICE))).toEqual(['create', 'uploadByUrl']);
	});

	it("shows TikTok's download notice wherever a video can be downloaded", () => {
		const downloads = properties.filter((property) => property.name === 'downloadVideo');
		expect(operationsOf(noticesWith(TIKTOK_DOWNLOAD_NOTICE))).toEqual(operationsOf(downloads));
		expect(operationsOf(downloads)).toEqual(['create', 'get']);
	});

	it('says that preview URLs expire after six hours where they are returned', () => {
		const notices = properties.filter(
			(property) => property.type === 'notice' && /six hours/.test(property.displayName),
		);
		expect(operationsOf(notices)).toEqual(['create', 'get', 'getMany']);
	});

	it('can be used as a tool by an AI agent', () => {
		expect(nodeType.description.usableAsTool).toBe(true);
	});
});

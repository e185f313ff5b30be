import type { INodeProperties } from 'n8n-workflow';

/**
 * Notices TikTok's Creative GenAI API terms require before an end user uploads assets for AI generation and before
 * they download AI-generated assets (the Refresh Ads and Digital Avatar documentation, "Legal requirements for developers"). Not showing them
 * violates TikTok's Developer Terms, so every operation that uploads or offers a download shows them.
 */
export const TIKTOK_UPLOAD_NOTICE =
	"By uploading assets, you confirm that you have the necessary legal rights to these assets, the assets do not include any user generated content, and you are authorized to grant TikTok permission to scan and modify the assets. You may not upload any assets that would violate TikTok's Ad Policies or Community Guidelines.";

export const TIKTOK_DOWNLOAD_NOTICE =
	'If you choose to download and edit any output, you agree that such output can only be shared or published on TikTok-branded platforms, and that you will not intentionally remove or modify any watermarks contained therein.';

/** TikTok preview URLs last six hours; every field or output that carries one says so. */
export const PREVIEW_URL_VALIDITY =
	'Preview URLs expire six hours after they are issued; download or store the video before then (after that a new task is needed).';

/** The six-hour expiry, shown where an operation returns a preview URL. */
export const previewUrlNotice: INodeProperties = {
	displayName: PREVIEW_URL_VALIDITY,
	name: 'previewUrlNotice',
	type: 'notice',
	default: '',
};

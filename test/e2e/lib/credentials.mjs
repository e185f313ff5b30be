// The sandbox credentials every example workflow uses. Example authors reference them by these ids
// and names (see examples/README.md); the end-to-end tests and `npm start` import them with data
// pointing at the local sandbox.

export const SANDBOX_CREDENTIALS = {
	creatifyApi: { id: 'sandbox-creatify', name: 'Creatify (sandbox)' },
	sixtySecondsApi: { id: 'sandbox-sixtyseconds', name: 'SixtySeconds (sandbox)' },
	tiktokBusinessApi: { id: 'sandbox-tiktok', name: 'TikTok Business (sandbox)' },
	genviralApi: { id: 'sandbox-genviral', name: 'Genviral (sandbox)' },
};

/**
 * The file `n8n import:credentials` reads: plaintext data, which n8n encrypts on import.
 * `sandboxCredentials` is the sandbox's `credentials` object ({ creatifyApi: {...}, ... }).
 */
export function credentialsForImport(sandboxCredentials) {
	return Object.entries(SANDBOX_CREDENTIALS).map(([type, { id, name }]) => {
		const data = sandboxCredentials[type];
		if (!data) throw new Error(`the sandbox offers no credentials for ${type}`);
		return { id, name, type, data };
	});
}

/** Fields that hold secrets, per credential type: the ones the "bad key" checks replace. */
export const SECRET_FIELDS = {
	creatifyApi: ['apiKey'],
	sixtySecondsApi: ['apiKey'],
	tiktokBusinessApi: ['accessToken'],
	genviralApi: ['apiKey'],
};

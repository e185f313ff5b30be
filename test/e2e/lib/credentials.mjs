// The sandbox credentials every example workflow uses: id `sandbox-<provider>`, name
// `<credential display name> (sandbox)`. Example authors reference them exactly so (see
// examples/README.md); the end-to-end tests and `npm start` import them with data pointing at the
// local sandbox.

export const SANDBOX_CREDENTIALS = {
	creatifyApi: { id: 'sandbox-creatify', name: 'Creatify API (sandbox)' },
	sixtySecondsApi: { id: 'sandbox-sixtyseconds', name: 'SixtySeconds API (sandbox)' },
	tiktokBusinessApi: { id: 'sandbox-tiktok', name: 'TikTok Business API (sandbox)' },
	genviralApi: { id: 'sandbox-genviral', name: 'Genviral API (sandbox)' },
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

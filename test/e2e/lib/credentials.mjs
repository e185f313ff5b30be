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
 * The id and name of a sandbox credential. `lane` > 0 gives another set (`sandbox-tiktok-2`,
 * "TikTok Business API (sandbox 2)") for a second sandbox, so that runs going on at the same time
 * each have a sandbox of their own.
 */
export function sandboxCredentialRef(type, lane = 0) {
	const { id, name } = SANDBOX_CREDENTIALS[type];
	return lane
		? { id: `${id}-${lane}`, name: name.replace('(sandbox)', `(sandbox ${lane})`) }
		: { id, name };
}

/**
 * The file `n8n import:credentials` reads: plaintext data, which n8n encrypts on import.
 * `sandboxCredentials` is the sandbox's `credentials` object ({ creatifyApi: {...}, ... }).
 */
export function credentialsForImport(sandboxCredentials, lane = 0) {
	return Object.keys(SANDBOX_CREDENTIALS).map((type) => {
		const data = sandboxCredentials[type];
		if (!data) throw new Error(`the sandbox offers no credentials for ${type}`);
		return { ...sandboxCredentialRef(type, lane), type, data };
	});
}

/** A copy of `workflow` whose sandbox credential references point at lane `lane`. */
export function withCredentialLane(workflow, lane) {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (!node.credentials) return node;
			const credentials = Object.fromEntries(
				Object.entries(node.credentials).map(([type, reference]) => [
					type,
					SANDBOX_CREDENTIALS[type] ? sandboxCredentialRef(type, lane) : reference,
				]),
			);
			return { ...node, credentials };
		}),
	};
}

/** Fields that hold secrets, per credential type: the ones the "bad key" checks replace. */
export const SECRET_FIELDS = {
	creatifyApi: ['apiKey'],
	sixtySecondsApi: ['apiKey'],
	tiktokBusinessApi: ['accessToken'],
	genviralApi: ['apiKey'],
};

/** Values that must never show up in n8n's output: the API keys and tokens of these credentials. */
export function secretsOf(credentials) {
	return Object.entries(SECRET_FIELDS).flatMap(([type, fields]) =>
		fields.map((field) => credentials[type]?.[field]),
	);
}

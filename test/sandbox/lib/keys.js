'use strict';

/**
 * The only credentials the sandbox accepts. They are test values, not secrets; anything else is rejected the way
 * the real provider rejects it. The extra TikTok tokens and Genviral keys reproduce account problems on purpose.
 */
const SANDBOX_KEYS = Object.freeze({
	creatify: Object.freeze({ apiId: 'sandbox-api-id', apiKey: 'sandbox-api-key' }),
	sixtyseconds: Object.freeze({ apiKey: 'ss_sandbox_key' }),
	tiktok: Object.freeze({
		accessToken: 'sandbox-access-token',
		/** Every endpoint answers 40102 (token expired). */
		expiredToken: 'sandbox-expired-token',
		/** user/info works; every other endpoint answers 40001 (no "Generative AI Tool > Video Generation"). */
		noPermissionToken: 'sandbox-no-permission-token',
		/** user/info and file/* work; creative/* (AIGC, digital avatar) endpoints answer 40118 (not allowlisted). */
		notAllowlistedToken: 'sandbox-not-allowlisted-token',
	}),
	genviral: Object.freeze({
		apiKey: 'sandboxpub.sandboxsecret',
		/** 402 subscription_required on everything but GET /subscription. */
		noPlanKey: 'sandboxpub.noplan',
		/** Scheduler tier: 403 tier_not_allowed on slideshows/* and packs/*. */
		schedulerKey: 'sandboxpub.scheduler',
	}),
});

module.exports = { SANDBOX_KEYS };

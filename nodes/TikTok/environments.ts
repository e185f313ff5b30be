/** TikTok API for Business hosts, chosen by the credential's Environment field (read by the credential and the transport). */
export const TIKTOK_PRODUCTION_URL = 'https://business-api.tiktok.com';
export const TIKTOK_SANDBOX_URL = 'https://sandbox-ads.tiktok.com';

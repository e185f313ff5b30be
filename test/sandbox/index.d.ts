/** Types of the provider sandbox (test/sandbox/index.js) for TypeScript tests. */

export type SandboxProvider = 'creatify' | 'sixtyseconds' | 'tiktok' | 'genviral' | 'files';

export type JobKind = 'creatify' | 'sixtyseconds' | 'tiktokAvatar' | 'tiktokRefresh';

export interface DurationRange {
	minMs: number;
	maxMs: number;
}

export interface RateLimitRule {
	/** Requests allowed within the sliding window. */
	limit: number;
	windowMs: number;
}

export interface RateLimitOptions {
	/** Default: 10 per 1000 ms and 600 per 60000 ms per access token (TikTok Basic tier). */
	tiktok?: RateLimitRule[] | null;
	/** Default: 1 per 1000 ms and 5 per 60000 ms (Refresh Ads task create). */
	tiktokRefreshCreate?: RateLimitRule[] | null;
	/** Off (null) by default: these providers publish no numbers. */
	creatify?: RateLimitRule[] | null;
	sixtyseconds?: RateLimitRule[] | null;
	genviral?: RateLimitRule[] | null;
}

export interface SandboxOptions {
	/** 0 = any free port (default). */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Origin written into result URLs; default the listening address. */
	publicUrl?: string | null;
	/** One range for every job kind, or per kind. Default 200–600 ms. */
	durations?: Partial<DurationRange> | Partial<Record<JobKind, Partial<DurationRange>>>;
	/** PRNG seed (durations, ids, random failures). Default 1. */
	seed?: number;
	/** Share of jobs that fail at random, 0..1. Default 0. */
	failureRate?: number;
	/** Size of generated result videos in bytes. Default 262144. */
	videoBytes?: number;
	/** Answer over-limit requests the provider's way (true, default) or only record them. */
	enforceRateLimits?: boolean;
	rateLimits?: RateLimitOptions;
	/** Creatify balance at start/reset; configure() sets the balance immediately. Default 1000. */
	creatifyCredits?: number;
	/** Genviral credits per period; configure() also resets the used credits. Default 100. */
	genviralCredits?: number;
	/** Time stands still except through advanceTime(). Default false. */
	manualClock?: boolean;
	/** Start (and reset) with sample records: three Creatify links. Default false. */
	sampleData?: boolean;
	/** Request-log size cap (stats keep counting). Default 50000. */
	maxLogEntries?: number;
	/** Timeout of a Creatify webhook POST. Default 2000. */
	webhookTimeoutMs?: number;
	/** Precision of SixtySeconds' timestamps: 1000 (whole seconds, default), 100, 10 or 1. */
	timestampPrecisionMs?: number;
}

export type FaultType =
	| 'http'
	| 'tiktokCode'
	| 'rateLimit'
	| 'slow'
	| 'drop'
	| 'dropAfterProcessing'
	| 'stall'
	| 'missing'
	| 'malformed'
	| 'redirect';

export interface FaultRule {
	provider?: SandboxProvider;
	method?: string;
	/** Substring of the provider-relative path, e.g. "/task/create/". */
	path?: string;
	type: FaultType;
	/** Retry-After of a "rateLimit" answer, in seconds (default 1; TikTok sends none). */
	retryAfterSec?: number;
	/** Where a "redirect" (files only) points. */
	location?: string;
	/** HTTP status for type "http" (default 500) or "redirect" (default 302). */
	status?: number;
	/** TikTok code for "tiktokCode" (default 50000), or an error code string for "http". */
	code?: number | string;
	message?: string;
	/** Delay before answering (default 1000 for "slow"; any type may be delayed). */
	delayMs?: number;
	/** How many matching requests the rule affects (default 1). */
	times?: number;
}

export interface RequestLogEntry {
	seq: number;
	time: string;
	provider: SandboxProvider | null;
	method: string;
	/** Provider-relative path without the query. */
	path: string;
	/** Method + templated path, e.g. "GET /videos/{id}". */
	endpoint: string;
	query: Record<string, string | string[]>;
	body: unknown;
	status: number | null;
	/** TikTok code, Genviral error_code, SixtySeconds error.code; null otherwise. */
	code: number | string | null;
	fault: FaultType | null;
	auth: 'valid' | 'invalid' | 'missing';
	rateLimited: boolean;
}

export interface RateViolation {
	seq: number;
	time: string;
	provider: SandboxProvider;
	endpoint: string;
	rule: string;
	limit: number;
	windowMs: number;
	enforced: boolean;
}

export interface SandboxStats {
	total: number;
	byEndpoint: Record<string, number>;
	byProvider: Record<string, number>;
	rateViolations: number;
	violations: RateViolation[];
}

export interface SandboxCredentials {
	creatifyApi: { apiId: string; apiKey: string; baseUrl: string };
	sixtySecondsApi: { apiKey: string; baseUrl: string };
	tiktokBusinessApi: { accessToken: string; environment: 'custom'; baseUrl: string };
	genviralApi: { apiKey: string; baseUrl: string };
}

/** Snapshot of the in-memory state; records carry the provider's own fields plus a few sandbox facts. */
export interface SandboxState {
	now: string;
	handlerErrors: Array<{ seq: number | null; endpoint: string | null; message: string }>;
	creatify: {
		remainingCredits: number;
		links: Array<Record<string, unknown> & { id: string }>;
		videos: Array<
			Record<string, unknown> & { id: string; status: string; kind: string; willFail: boolean }
		>;
		webhooks: Array<{
			videoId: string;
			url: string;
			payload: Record<string, unknown>;
			time: string;
			status: number | null;
			error: string | null;
		}>;
	};
	sixtyseconds: {
		videos: Array<
			Record<string, unknown> & {
				id: string;
				status: string;
				willFail: boolean;
				durationMs: number;
			}
		>;
		templates: string[];
	};
	tiktok: {
		uploads: Array<{ video_id: string; video_url: string; file_name: string; createdAt: number }>;
		refreshTasks: Array<{
			task_id: string;
			status: string;
			video_name: string;
			video_id: string;
			preview_url: string;
			hook_type: string | null;
			strategies: string[];
			source_video_id: string;
			willFail: boolean;
			/** Sandbox clock (ms) when the task was created; it is done at createdAt + durationMs. */
			createdAt: number;
			durationMs: number;
		}>;
		avatarTasks: Array<{
			task_id: string;
			status: string;
			video_name: string;
			avatar_video_id: string;
			preview_url: string;
			avatar_id: string;
			package_id: string | null;
			willFail: boolean;
			/** Sandbox clock (ms) when the task was created; it is done at createdAt + durationMs. */
			createdAt: number;
			durationMs: number;
		}>;
	};
	genviral: {
		slideshows: Array<Record<string, unknown> & { id: string; title: string; status: string }>;
		packs: Array<Record<string, unknown> & { id: string }>;
		previews: number;
		credits: { limit: number; used_this_period: number; remaining: number; reset_at: string };
		ids: GenviralIds;
	};
}

export interface GenviralIds {
	/** The pack of seed 004's example request; has images. */
	packWithImages: string;
	packEmpty: string;
	packPublic: string;
	productOwn: string;
	/** A product of another workspace (403 forbidden_product_access). */
	productOtherWorkspace: string;
	/** A draft with no slides (render → 422 no_slides). */
	slideshowWithoutSlides: string;
}

export interface Sandbox {
	/** e.g. "http://127.0.0.1:40123" */
	readonly url: string;
	readonly credentials: SandboxCredentials;
	readonly options: Required<SandboxOptions>;
	readonly state: SandboxState;
	injectFault(rule: FaultRule): FaultRule & { used: number };
	clearFaults(): void;
	requests(filter?: {
		provider?: SandboxProvider;
		endpoint?: string;
		method?: string;
	}): RequestLogEntry[];
	stats(): SandboxStats;
	/** Clears state, log, stats, faults and rate windows; keeps the current options. */
	reset(): void;
	configure(partial: SandboxOptions): Required<SandboxOptions>;
	/** Moves the sandbox clock forward (jobs progress, rate windows slide); returns the new clock time in ms. */
	advanceTime(ms: number): number;
	/** Current sandbox clock time in ms. */
	now(): number;
	/** Absolute URL of a generated MP4 of that many bytes (default videoBytes). */
	videoUrl(bytes?: number, name?: string): string;
	/** Resolves once no provider or /files request is being handled (e.g. a slow fault's late answer is done). */
	whenIdle(): Promise<void>;
	close(): Promise<void>;
}

export declare const SANDBOX_KEYS: {
	readonly creatify: { readonly apiId: string; readonly apiKey: string };
	readonly sixtyseconds: { readonly apiKey: string };
	readonly tiktok: {
		readonly accessToken: string;
		readonly expiredToken: string;
		readonly noPermissionToken: string;
		readonly notAllowlistedToken: string;
	};
	readonly genviral: {
		readonly apiKey: string;
		readonly noPlanKey: string;
		readonly schedulerKey: string;
	};
};

export declare const GENVIRAL_IDS: GenviralIds;

export declare const FAULT_TYPES: readonly FaultType[];

export declare const DEFAULT_OPTIONS: Required<SandboxOptions>;

export declare function startSandbox(options?: SandboxOptions): Promise<Sandbox>;

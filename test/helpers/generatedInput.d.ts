import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import type { RequestLogEntry, SandboxCredentials, SandboxOptions, SandboxState } from '../sandbox';

export interface PackageNode {
	/** The node's entry in package.json `n8n.nodes`. */
	file: string;
	nodeType: INodeType;
}

export function packageNodes(): PackageNode[];
export function packageCredentialTypes(): ICredentialType[];

export interface AnsweredRequest extends RequestLogEntry {
	/** What the sandbox answered: the JSON body, or the text of a non-JSON answer. */
	answer?: unknown;
}

export interface AnsweringSandbox {
	readonly url: string;
	readonly credentials: SandboxCredentials;
	readonly state: SandboxState;
	/** Every endpoint the sandbox serves, as "METHOD /templated/path" (the log's `endpoint` of a known route). */
	endpoints: Set<string>;
	requests(filter?: { provider?: string; endpoint?: string; method?: string }): AnsweredRequest[];
	reset(): void;
	configure(partial: SandboxOptions): SandboxOptions;
	advanceTime(ms: number): number;
	videoUrl(bytes?: number, name?: string): string;
	/** Requests the sandbox itself failed to handle (a crash of a provider handler). */
	handlerErrors(): IDataObject[];
	close(): Promise<void>;
}

export function startAnsweringSandbox(options?: SandboxOptions): Promise<AnsweringSandbox>;

export function generatedInputSettings(defaults: { seed: number; cases: number }): {
	seed: number;
	cases: number;
};

export function silenceErrorReporter(): void;

export function withDeadline<T, U>(
	work: Promise<T>,
	ms: number,
	onTimeout: () => U,
): Promise<T | U>;

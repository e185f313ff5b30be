import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	IRun,
} from 'n8n-workflow';

export interface RunOptions {
	nodeType: INodeType;
	credentialTypes?: ICredentialType[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	parameters: IDataObject;
	items?: Array<IDataObject | INodeExecutionData>;
	continueOnFail?: boolean;
	abortSignal?: AbortSignal;
	/**
	 * Id of the node's credential (default `test-<type>`). Rate limits are kept per credential id, so runs with
	 * different ids do not pace each other.
	 */
	credentialId?: string;
}

export interface RunResult {
	items: INodeExecutionData[];
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
	run: IRun;
	/** Execution hints the node added, shown on it after the run. */
	hints: string[];
	/** Messages the node sent to the editor (a manual run's browser console). */
	uiMessages: string[];
}

export function runNode(options: RunOptions): Promise<RunResult>;
export function listSearch(
	options: Omit<RunOptions, 'items'>,
	methodName: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult>;
export function loadOptions(
	options: Omit<RunOptions, 'items'>,
	methodName: string,
): Promise<INodePropertyOptions[]>;
export function testCredential(options: {
	credentialType: ICredentialType;
	data: ICredentialDataDecryptedObject;
	nodeType: INodeType;
}): Promise<{ status: 'OK' | 'Error'; message: string }>;
export function binarySize(binaryData: IBinaryData): Promise<number>;
export function binaryBuffer(binaryData: IBinaryData): Promise<Buffer>;

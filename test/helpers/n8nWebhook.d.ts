import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

export interface ServedWebhook {
	/** Where to POST callbacks. */
	url: string;
	/** The workflowData of every callback that started the workflow. */
	started: INodeExecutionData[][][];
	/** Every answer sent. */
	answers: Array<{ status: number; body: IDataObject | undefined }>;
	close(): Promise<void>;
}

export function serveWebhook(options: {
	nodeType: INodeType;
	credentialTypes?: ICredentialType[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	parameters?: IDataObject;
}): Promise<ServedWebhook>;

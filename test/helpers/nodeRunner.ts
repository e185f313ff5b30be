import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { runNode } from './n8nContext';
import type { RunOptions, RunResult } from './n8nContext';
import { sandboxCredentials } from './sandboxSuite';
import type { Sandbox, SandboxCredentials } from '../sandbox';

export interface NodeRunner {
	/** Runs the node once in n8n-core's engine with these parameters, the sandbox credential and `options`. */
	run(parameters: IDataObject, options?: Partial<RunOptions>): Promise<RunResult>;
	/** The node's sandbox credential, with fields or the key changed (see sandboxCredentials). */
	credentials: (change?: string | IDataObject) => ReturnType<typeof sandboxCredentials>;
	nodeType: INodeType;
	credentialType: ICredentialType;
}

/** `run()` for one node against the sandbox, with the node's credential pointing at it. */
export function nodeRunner(
	sandbox: Sandbox,
	nodeType: INodeType,
	credentialType: ICredentialType,
): NodeRunner {
	const credentials = (change: string | IDataObject = {}) =>
		sandboxCredentials(sandbox, credentialType.name as keyof SandboxCredentials, change);
	return {
		run: async (parameters, options = {}) =>
			await runNode({
				nodeType,
				credentialTypes: [credentialType],
				credentials: credentials(),
				parameters,
				...options,
			}),
		credentials,
		nodeType,
		credentialType,
	};
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** An operation module: it handles all input items at once (creates are batched and waited for together). */
export interface Operation {
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type OperationsByResource = Record<string, Record<string, Operation>>;

/** Sends the run to the operation chosen in the node's Resource and Operation fields. */
export async function routeToOperation(
	this: IExecuteFunctions,
	operations: OperationsByResource,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await handler.execute.call(this, items)];
}

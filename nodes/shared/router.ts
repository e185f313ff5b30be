import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { addProgressHints } from './progress';

/**
 * Resources and operations, declared once. Each `*.operation.ts` exports its dropdown entry (`option`), its fields
 * (`properties`) and `execute`; `defineResource` builds the Operation dropdown, shows each operation's fields only
 * for that operation, and the dispatch map — all from the same objects, so a dropdown value and the code it runs
 * cannot drift apart, and adding an operation means adding it to one list.
 */

/** An entry of the Operation dropdown, as n8n's UX guidelines want it (name, value, action, description). */
export interface OperationOption<TValue extends string = string> {
	name: string;
	value: TValue;
	/** Shown in the node panel's action list, e.g. "Create an avatar video". */
	action: string;
	description: string;
}

/** What an `*.operation.ts` module exports. */
export interface OperationModule<TValue extends string = string> {
	option: OperationOption<TValue>;
	/** The operation's fields; `defineResource` shows them only for this resource and operation. */
	properties: INodeProperties[];
	/** Handles all input items at once (creates are batched and waited for together). */
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export interface Resource<TValue extends string = string> {
	name: string;
	value: TValue;
	operations: readonly OperationModule[];
	/** The Operation dropdown and every operation's fields. */
	properties: INodeProperties[];
}

/** The Operation dropdown; its options, default and visibility are the resource's. */
const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [],
	default: '',
};

type OperationValue<TOperations extends readonly OperationModule[]> =
	TOperations[number]['option']['value'];

/** A resource and its operations. The default operation must be one of them (checked by the compiler). */
export function defineResource<
	TValue extends string,
	const TOperations extends readonly OperationModule[],
>(
	resource: { name: string; value: TValue; defaultOperation: OperationValue<TOperations> },
	operations: TOperations,
): Resource<TValue> {
	const values = operations.map((operation) => operation.option.value);
	const duplicate = values.find((value, index) => values.indexOf(value) !== index);
	if (duplicate)
		throw new Error(`Operation "${duplicate}" of "${resource.value}" is declared twice`);

	const options = [...operations]
		.map((operation): INodePropertyOptions => ({ ...operation.option }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return {
		name: resource.name,
		value: resource.value,
		operations,
		properties: [
			{
				...operationProperty,
				displayOptions: { show: { resource: [resource.value] } },
				options,
				default: resource.defaultOperation,
			},
			...operations.flatMap((operation) =>
				updateDisplayOptions(
					{ show: { resource: [resource.value], operation: [operation.option.value] } },
					operation.properties,
				),
			),
		],
	};
}

type ResourceValue<TResources extends readonly Resource[]> = TResources[number]['value'];

/** The Resource dropdown followed by every resource's operations and fields: a node's `properties`. */
export function resourceProperties<const TResources extends readonly Resource[]>(
	resources: TResources,
	defaultResource: ResourceValue<TResources>,
): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [...resources]
				.map(({ name, value }) => ({ name, value }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultResource,
		},
		...resources.flatMap((resource) => resource.properties),
	];
}

/** The canvas subtitle in words, e.g. "Create: Avatar Video", for every resource and operation. */
export function operationSubtitle(resources: readonly Resource[]): string {
	const labels: Record<string, string> = {};
	for (const resource of resources) {
		for (const { option } of resource.operations) {
			labels[`${resource.value}:${option.value}`] = `${option.name}: ${resource.name}`;
		}
	}
	return `={{ (${JSON.stringify(labels)})[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}

/** Sends the run to the operation chosen in the node's Resource and Operation fields. */
export async function routeToOperation(
	this: IExecuteFunctions,
	resources: readonly Resource[],
): Promise<INodeExecutionData[][]> {
	const resourceValue = this.getNodeParameter('resource', 0) as string;
	const operationValue = this.getNodeParameter('operation', 0) as string;
	const operation = resources
		.find((resource) => resource.value === resourceValue)
		?.operations.find((candidate) => candidate.option.value === operationValue);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationValue}" of "${resourceValue}" is not supported`,
		);
	}
	const output = await operation.execute.call(this, this.getInputData());
	addProgressHints(this);
	return [output];
}

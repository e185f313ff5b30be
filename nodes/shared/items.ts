import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The fields a failed item carries with Continue On Fail: the error and what to do about it. */
export function errorFields(error: unknown): IDataObject {
	const { message, description } = error as { message?: string; description?: string };
	return {
		error: message ?? String(error),
		...(description ? { errorDescription: description } : {}),
	};
}

/** Output item for a failed input item: its input, the error, and anything already created (e.g. job ids). */
export function failedItem(
	input: INodeExecutionData,
	itemIndex: number,
	error: unknown,
	extra: IDataObject = {},
): INodeExecutionData {
	return {
		json: { ...input.json, ...extra, ...errorFields(error) },
		pairedItem: { item: itemIndex },
	};
}

/** Adds the item index to an error thrown for one item, so n8n shows "[item N]". */
export function withItemIndex(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError || (error as { context?: IDataObject }).context) {
		const withContext = error as Error & { context: IDataObject };
		withContext.context.itemIndex = itemIndex;
		return withContext;
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/**
 * Runs an operation that handles each input item on its own (reads, lists, renames): output in input order,
 * every item paired with its input, and with Continue On Fail a failed item keeps its input and the error.
 */
export async function mapEachItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handle(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw withItemIndex.call(this, error, itemIndex);
			output.push(failedItem(items[itemIndex], itemIndex, error));
		}
	}
	return output;
}

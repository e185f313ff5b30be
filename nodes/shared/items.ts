import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The one item loop of the package. Every operation follows the same three steps:
 *
 * 1. `planItems` reads and validates every input item before anything is sent, so a bad field in item 7 costs
 *    nothing for items 1–6. Without Continue On Fail the first bad item stops the run; with it, the item becomes
 *    a failed output item (its input and the error) and the others go on.
 * 2. The operation sends what was planned (one request per item, or batched and waited for by the job engine) and
 *    records each item's output, or its failure, in the same `ItemOutput`.
 * 3. `ItemOutput.inInputOrder()` returns the output items in input order, each paired with its input.
 */

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

/** The output of an operation, collected per input item and returned in input order. */
export class ItemOutput {
	private readonly byItem = new Map<number, INodeExecutionData[]>();

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly items: INodeExecutionData[],
	) {}

	/** Output JSON of one input item (one object, or several: e.g. one per video). */
	set(itemIndex: number, json: IDataObject | IDataObject[]): void {
		const list = Array.isArray(json) ? json : [json];
		this.byItem.set(
			itemIndex,
			list.map((entry) => ({ json: entry, pairedItem: { item: itemIndex } })),
		);
	}

	/** Output items already built for input items (e.g. by `jobResultsToItems`, with binaries). */
	add(byItem: Map<number, INodeExecutionData[]>): void {
		for (const [itemIndex, output] of byItem) this.byItem.set(itemIndex, output);
	}

	/**
	 * An item failed: without Continue On Fail the error is thrown (with "[item N]"); with it, the item's output is
	 * its input, the error and `extra` (anything already created for it, so that nothing paid for is lost).
	 */
	fail(itemIndex: number, error: unknown, extra: IDataObject = {}): void {
		if (!this.context.continueOnFail()) throw withItemIndex.call(this.context, error, itemIndex);
		this.byItem.set(itemIndex, [failedItem(this.items[itemIndex], itemIndex, error, extra)]);
	}

	inInputOrder(): INodeExecutionData[] {
		return this.items.flatMap((_, itemIndex) => this.byItem.get(itemIndex) ?? []);
	}
}

/** One input item's plan: what to send for it. The same shape as the job engine's `JobRequest`. */
export interface PlannedItem<T> {
	itemIndex: number;
	request: T;
}

/**
 * Step 1 of every operation: reads and validates every input item before anything is sent. Returns the plans of
 * the valid items and the output collector, which already holds the failed ones (with Continue On Fail).
 */
export function planItems<T>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: (itemIndex: number) => T,
): { planned: Array<PlannedItem<T>>; output: ItemOutput } {
	const output = new ItemOutput(context, items);
	const planned: Array<PlannedItem<T>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			planned.push({ itemIndex, request: plan(itemIndex) });
		} catch (error) {
			output.fail(itemIndex, error);
		}
	}
	return { planned, output };
}

/**
 * An operation that sends one request per item (reads, lists, renames, imports): every item is planned (validated)
 * first, then each planned item is sent in turn; output in input order.
 */
export async function executePerItem<T>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: (itemIndex: number) => T,
	send: (request: T, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(context, items, plan);
	for (const { itemIndex, request } of planned) {
		try {
			output.set(itemIndex, await send(request, itemIndex));
		} catch (error) {
			output.fail(itemIndex, error);
		}
	}
	return output.inInputOrder();
}

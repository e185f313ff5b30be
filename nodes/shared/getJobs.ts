import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { WaitDefaults } from './descriptions';
import { readWaitSettings } from './descriptions';
import { planItems } from './items';
import type { JobAdapter } from './jobEngine';
import { readJobsOnce, waitForJobs } from './jobEngine';
import type { JobOutputOptions } from './jobOutput';
import { jobResultsToItems } from './jobOutput';

export interface GetJobsOptions<TJob> {
	adapter: JobAdapter<unknown, TJob>;
	/** The job ids one input item names, validated (throws a NodeOperationError naming the field). */
	readIds(itemIndex: number): string[];
	waitDefaults: WaitDefaults;
	output: JobOutputOptions<TJob>;
}

/**
 * Every "Get" of a job (Avatar Video → Get, Refresh Task → Get, …): the ids of every item are validated first, then
 * read together in the provider's batches — once (`readJobsOnce`), or with Wait for Completion until every job has
 * finished (`waitForJobs`, to resume after a timeout). One output item per job, paired with the item that named it.
 */
export async function getJobs<TJob>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	options: GetJobsOptions<TJob>,
): Promise<INodeExecutionData[]> {
	const { planned, output } = planItems(context, items, options.readIds);
	const targets = planned.map(({ itemIndex, request }) => ({ itemIndex, jobIds: request }));
	const wait = readWaitSettings.call(context, options.waitDefaults);
	const results = wait.waitForCompletion
		? await (waitForJobs<TJob>).call(context, options.adapter, targets, {
				...wait,
				stopOnFirstError: !context.continueOnFail(),
			})
		: await (readJobsOnce<TJob>).call(context, options.adapter, targets);
	output.add(
		await (jobResultsToItems<TJob>).call(context, items, results, options.adapter, options.output),
	);
	return output.inInputOrder();
}

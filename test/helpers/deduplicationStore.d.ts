import type { IExecuteFunctions } from 'n8n-workflow';

export class MemoryDeduplicator {
	constructor(options?: { n8nRemoval?: boolean });
	calls: number;
	/** The most values one call passed. */
	largestCall: number;
	/** Entries n8n's removal would scan (its cost: values × list length). */
	removalScan: number;
	lists: Map<string, string[]>;
	readonly size: number;
}

export function deduplicationHelpers(
	deduplicator: MemoryDeduplicator,
	ids?: { workflowId?: string; nodeId?: string },
): Pick<IExecuteFunctions['helpers'], 'checkProcessedAndRecord' | 'removeProcessed'>;

export function installDeduplicator(): MemoryDeduplicator;

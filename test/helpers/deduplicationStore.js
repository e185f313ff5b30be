'use strict';
/**
 * An in-memory stand-in for n8n's deduplication store (the `processed_data` table behind
 * `this.helpers.checkProcessedAndRecord`), with the behaviour the ledger of paid jobs relies on, as n8n 2.x
 * implements it in "entries" mode: one list per workflow and context (`n:<node id>` for scope "node"), values kept
 * as hashes in insertion order, the oldest dropped beyond `maxEntries`, and every check recording what it asked.
 *
 * Like n8n's, each call reads the list, changes its copy and writes it back after a database round trip, so two calls
 * at once lose one call's entries.
 *
 * It plugs into n8n-core's real `DataDeduplicationService` (integration tests), or directly into a context's helpers
 * (unit tests). It counts calls and entries so that tests can show what the ledger costs.
 */
const { createHash } = require('node:crypto');

const hash = (value) => createHash('md5').update(String(value)).digest('base64');

class MemoryDeduplicator {
	/**
	 * @param {{ n8nRemoval?: boolean }} [options] n8nRemoval: remove values the way n8n does (one `findIndex` and
	 *   `splice` per value), so that a benchmark's time includes what a removal costs n8n; tests use a faster removal
	 *   with the same result.
	 */
	constructor({ n8nRemoval = false } = {}) {
		this.n8nRemoval = n8nRemoval;
		/** context key → array of hashes, oldest first */
		this.lists = new Map();
		this.calls = 0;
		/** The most values one call passed. */
		this.largestCall = 0;
		/**
		 * Entries n8n's removal would scan: it looks each value up with `findIndex` from the start of the list, so a
		 * removal costs about (values × list length), the cost that holds n8n's main thread.
		 */
		this.removalScan = 0;
	}

	key(scope, contextData) {
		const context = scope === 'node' ? `n:${contextData.node.id}` : '';
		return `${contextData.workflow.id}|${context}`;
	}

	list(scope, contextData) {
		const key = this.key(scope, contextData);
		if (!this.lists.has(key)) this.lists.set(key, []);
		return this.lists.get(key);
	}

	/** Reads a copy of the list, lets `change` edit it, and writes it back after a round trip. */
	async readChangeWrite(scope, contextData, change) {
		const key = this.key(scope, contextData);
		const list = [...this.list(scope, contextData)];
		const result = change(list);
		await new Promise((resolve) => setImmediate(resolve));
		this.lists.set(key, list);
		return result;
	}

	async checkProcessedAndRecord(items, scope, contextData, options) {
		this.calls++;
		this.largestCall = Math.max(this.largestCall, items.length);
		if (options.mode !== 'entries') throw new Error('only "entries" mode is modelled');
		return await this.readChangeWrite(scope, contextData, (list) =>
			this.record(list, items, options),
		);
	}

	record(list, items, options) {
		const known = new Set(list);
		const result = { new: [], processed: [] };
		for (const item of items) {
			const value = hash(item);
			if (known.has(value)) result.processed.push(item);
			else {
				result.new.push(item);
				known.add(value);
				list.push(value);
			}
		}
		if (options.maxEntries && list.length > options.maxEntries) {
			list.splice(0, list.length - options.maxEntries);
		}
		return result;
	}

	async removeProcessed(items, scope, contextData) {
		this.calls++;
		this.largestCall = Math.max(this.largestCall, items.length);
		const remove = new Set(items.map(hash));
		await this.readChangeWrite(scope, contextData, (list) => {
			const position = new Map(list.map((value, index) => [value, index]));
			for (const value of remove) this.removalScan += position.get(value) ?? list.length;
			if (this.n8nRemoval) {
				for (const value of items.map(hash)) {
					const index = list.findIndex((entry) => entry === value);
					if (index !== -1) list.splice(index, 1);
				}
				return;
			}
			const kept = list.filter((value) => !remove.has(value));
			list.splice(0, list.length, ...kept);
		});
	}

	async clearAllProcessedItems(scope, contextData) {
		this.calls++;
		this.lists.delete(this.key(scope, contextData));
	}

	async getProcessedDataCount(scope, contextData) {
		return this.list(scope, contextData).length;
	}

	/** Entries across every list. */
	get size() {
		let total = 0;
		for (const list of this.lists.values()) total += list.length;
		return total;
	}
}

/** The deduplication helpers of one node's execution context, backed by `deduplicator`. */
function deduplicationHelpers(deduplicator, { workflowId = 'workflow-1', nodeId = 'node-1' } = {}) {
	const contextData = { workflow: { id: workflowId }, node: { id: nodeId } };
	return {
		checkProcessedAndRecord: (items, scope, options) =>
			deduplicator.checkProcessedAndRecord(items, scope, contextData, options),
		removeProcessed: (items, scope, options) =>
			deduplicator.removeProcessed(items, scope, contextData, options),
	};
}

let installed;
/**
 * Makes n8n-core's DataDeduplicationService (what `this.helpers.checkProcessedAndRecord` calls in a node) use one
 * in-memory store for this test file, and returns it. n8n's server does the same with its database at start-up.
 */
function installDeduplicator() {
	if (installed) return installed;
	const { DataDeduplicationService } = require('n8n-core');
	installed = new MemoryDeduplicator();
	DataDeduplicationService.init(installed);
	return installed;
}

module.exports = { MemoryDeduplicator, deduplicationHelpers, installDeduplicator };

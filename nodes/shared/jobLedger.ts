import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The ledger of paid jobs: what each workflow node paid a provider for, written the moment the provider accepts a
 * create, so that n8n's Retry of a failed execution, a re-run or a restart after a crash picks up an item's existing
 * job instead of paying for it again.
 *
 * Where it lives, and why there. A crash loses everything a node holds in memory, and n8n stores a node's output only
 * when the node finishes, so the record has to reach n8n's database during the run. The only store n8n lets a
 * community node write then is the deduplication store behind `this.helpers.checkProcessedAndRecord` (n8n's
 * database, one list per workflow node, the same in regular and queue mode and in manual and production runs).
 * n8n's data tables are reserved to its own Data table nodes, and workflow static data is saved only when a
 * production execution ends (and a Retry with the original workflow reads the copy taken when that execution began).
 *
 * That store keeps hashes and only answers "was this value recorded before?". So a value is written as facts that can
 * be asked back one by one: each half-byte of the value becomes one entry "<slot>|<field>|<position>:<half-byte>", and
 * reading asks the 16 possible half-bytes at each position. The store has no read-only question (asking records), so
 * whatever a lookup added is removed right after it; a length and a checksum make a value that a crash left half
 * written, or mixed with another, read as unreadable rather than as a wrong job.
 *
 * An item's identity is the node (the store is scoped to it), the operation and the exact request it would send.
 * Each time an item is paid for it takes the next slot "<identity>#1", "#2", …; a slot holds:
 * - a marker "<slot>" and the claim time (field "c"), written together just before the create is sent;
 * - the job IDs (field "j"), written as soon as the provider accepts.
 * A slot with a claim and no job IDs is a create whose answer never arrived (a dropped connection, a crash, a Stop):
 * it may have been paid, and the engine does not pay again on its own.
 */

/** What the ledger needs of a store: record values, say which were there before, and remove values. */
export interface LedgerStore {
	/** Records the values and returns those that were recorded before this call. */
	recordAndCheck(values: string[]): Promise<Set<string>>;
	remove(values: string[]): Promise<void>;
}

/**
 * Entries kept per workflow node (n8n drops the oldest beyond this). A TikTok avatar job takes about 75 entries, a
 * Recommended refresh task of four videos about 190, so this keeps several hundred paid items per node.
 */
export const LEDGER_MAX_ENTRIES = 50_000;

type DeduplicationHelpers = Pick<
	IExecuteFunctions['helpers'],
	'checkProcessedAndRecord' | 'removeProcessed'
>;

/** The ledger store in n8n's deduplication store, scoped to this workflow node; undefined where n8n has none. */
export function n8nLedgerStore(helpers: Partial<DeduplicationHelpers>): LedgerStore | undefined {
	const { checkProcessedAndRecord, removeProcessed } = helpers;
	if (typeof checkProcessedAndRecord !== 'function' || typeof removeProcessed !== 'function') {
		return undefined;
	}
	const options = { mode: 'entries' as const, maxEntries: LEDGER_MAX_ENTRIES };
	return {
		async recordAndCheck(values) {
			if (values.length === 0) return new Set();
			const answer = await checkProcessedAndRecord.call(helpers, values, 'node', options);
			return new Set(answer.processed.map(String));
		},
		async remove(values) {
			if (values.length === 0) return;
			await removeProcessed.call(helpers, values, 'node', options);
		},
	};
}

/** The identity of one paid item: operation and exact request, hashed (the store keeps no request content). */
export function ledgerKey(operation: string, request: unknown): string {
	const digest = createHash('sha256')
		.update(`${operation}\n${canonicalJson(request)}`)
		.digest('base64');
	return `job:${digest.slice(0, 22)}`;
}

/** JSON with object keys sorted, so that the same request always gives the same identity. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, field]) => field !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([name, field]) => `${JSON.stringify(name)}:${canonicalJson(field)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** One payment of an item, as recorded. */
export interface LedgerSlot {
	/** 1 for the first payment of this identity, 2 for the next… */
	number: number;
	/** When the create was about to be sent; undefined when the record is damaged. */
	claimedAt?: Date;
	/** The jobs the provider made; undefined when the create's answer was never recorded. */
	jobIds?: string[];
	/** The record is there but cannot be read back (a crash while it was being read or written). */
	unreadable?: boolean;
}

export interface LedgerLookup {
	key: string;
	/** The newest payment of this identity, if any. */
	latest?: LedgerSlot;
	/** The payment before it, if any. */
	previous?: LedgerSlot;
	/** The slot number the next payment takes. */
	nextSlot: number;
}

export interface LedgerClaim {
	key: string;
	slot: number;
	/** Set by `claim`: the claim time written, so that `release` can remove exactly it. */
	claimedAt?: Date;
}

const FIELD_CLAIMED_AT = 'c';
const FIELD_JOB_IDS = 'j';
/** Slot markers asked per round: a new item needs one round; an item paid many times, a few. */
const SLOTS_PER_ROUND = 4;
/** Header of a field: two bytes of length, i.e. four half-bytes. */
const HEADER_NIBBLES = 4;
const NIBBLES = Array.from({ length: 16 }, (_, value) => value.toString(16));

const slotName = (key: string, slot: number) => `${key}#${slot}`;
const fact = (slot: string, field: string, position: number, nibble: string) =>
	`${slot}|${field}|${position}:${nibble}`;

/** 16-bit checksum (FNV-1a folded) of a field's bytes. */
function checksum(bytes: Uint8Array): number {
	let hash = 0x811c9dc5;
	for (const byte of bytes) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return (hash ^ (hash >>> 16)) & 0xffff;
}

/** The facts that record `data` as field `field` of `slot`: length, bytes and checksum, one fact per half-byte. */
function fieldFacts(slot: string, field: string, data: Uint8Array): string[] {
	const sum = checksum(data);
	const bytes = [data.length >> 8, data.length & 0xff, ...data, sum >> 8, sum & 0xff];
	return bytes.flatMap((byte, index) => [
		fact(slot, field, index * 2, (byte >> 4).toString(16)),
		fact(slot, field, index * 2 + 1, (byte & 0xf).toString(16)),
	]);
}

function encodeTime(date: Date): Uint8Array {
	const seconds = Math.floor(date.getTime() / 1000);
	return Uint8Array.from([24, 16, 8, 0].map((shift) => (seconds >>> shift) & 0xff));
}

function decodeTime(bytes: Uint8Array): Date | undefined {
	if (bytes.length !== 4) return undefined;
	const seconds = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
	return new Date(seconds * 1000);
}

const encodeJobIds = (jobIds: string[]) => new TextEncoder().encode(jobIds.join('\n'));
const decodeJobIds = (bytes: Uint8Array) => new TextDecoder().decode(bytes).split('\n');

type FieldRead =
	| { state: 'absent' }
	| { state: 'unreadable' }
	| { state: 'read'; data: Uint8Array };

interface FieldQuestion {
	slot: string;
	field: string;
	/** Half-byte positions to ask about. */
	positions: number[];
}

export class JobLedger {
	/** The store's calls, one after another (see `serially`). */
	private queue: Promise<unknown> = Promise.resolve();
	/** The write queued last, not started yet: later writes join it (see `writeFacts`). */
	private waitingWrite?: { facts: string[]; done?: Promise<void> };

	constructor(
		private readonly store: LedgerStore,
		private readonly now: () => Date = () => new Date(),
	) {}

	/**
	 * n8n's store reads a node's whole list, changes it and writes it back, so two calls at once would lose one
	 * call's entries. Creates run several at a time, so every call of this run waits for the previous one.
	 */
	private async serially<T>(call: () => Promise<T>): Promise<T> {
		// A write queued from now on goes after this call, never ahead of it.
		this.waitingWrite = undefined;
		const result = this.queue.then(call, call);
		this.queue = result.catch(() => undefined);
		return await result;
	}

	/** Asks whether each fact was recorded, leaving the store as it was. */
	private async ask(facts: string[]): Promise<Set<string>> {
		const unique = [...new Set(facts)];
		return await this.serially(async () => {
			const known = await this.store.recordAndCheck(unique);
			await this.store.remove(unique.filter((value) => !known.has(value)));
			return known;
		});
	}

	/** Reads the half-bytes at the asked positions: per question, one value per position (undefined: none; NaN: several). */
	private async readNibbles(questions: FieldQuestion[]): Promise<Array<Array<number | undefined>>> {
		const facts = questions.flatMap(({ slot, field, positions }) =>
			positions.flatMap((position) => NIBBLES.map((nibble) => fact(slot, field, position, nibble))),
		);
		const known = await this.ask(facts);
		return questions.map(({ slot, field, positions }) =>
			positions.map((position) => {
				const found = NIBBLES.filter((nibble) => known.has(fact(slot, field, position, nibble)));
				return found.length === 1 ? parseInt(found[0], 16) : found.length === 0 ? undefined : NaN;
			}),
		);
	}

	/** Reads fields: their lengths first, then their bytes and checksums. */
	private async readFields(fields: Array<{ slot: string; field: string }>): Promise<FieldRead[]> {
		const headerPositions = Array.from({ length: HEADER_NIBBLES }, (_, index) => index);
		const headers = await this.readNibbles(
			fields.map((field) => ({ ...field, positions: headerPositions })),
		);
		const reads: FieldRead[] = [];
		const lengths: number[] = [];
		headers.forEach((nibbles, index) => {
			if (nibbles.every((nibble) => nibble === undefined)) reads[index] = { state: 'absent' };
			else if (nibbles.some((nibble) => nibble === undefined || Number.isNaN(nibble)))
				reads[index] = { state: 'unreadable' };
			else lengths[index] = (nibbles as number[]).reduce((sum, nibble) => sum * 16 + nibble, 0);
		});
		const bodies = fields
			.map((field, index) => ({ ...field, index, length: lengths[index] }))
			.filter(({ index }) => reads[index] === undefined);
		const contents = await this.readNibbles(
			bodies.map(({ slot, field, length }) => ({
				slot,
				field,
				positions: Array.from({ length: (length + 2) * 2 }, (_, offset) => HEADER_NIBBLES + offset),
			})),
		);
		bodies.forEach(({ index, length }, bodyIndex) => {
			const nibbles = contents[bodyIndex];
			if (nibbles.some((nibble) => nibble === undefined || Number.isNaN(nibble))) {
				reads[index] = { state: 'unreadable' };
				return;
			}
			const bytes = Uint8Array.from({ length: length + 2 }, (_, byte) => {
				return (nibbles[byte * 2] as number) * 16 + (nibbles[byte * 2 + 1] as number);
			});
			const data = bytes.slice(0, length);
			const sum = bytes[length] * 256 + bytes[length + 1];
			reads[index] = checksum(data) === sum ? { state: 'read', data } : { state: 'unreadable' };
		});
		return reads;
	}

	/** The slot numbers recorded for each key. */
	private async recordedSlots(keys: string[]): Promise<Map<string, number[]>> {
		const slots = new Map(keys.map((key) => [key, [] as number[]]));
		let open = [...new Set(keys)];
		for (let first = 1; open.length > 0; first += SLOTS_PER_ROUND) {
			const numbers = Array.from({ length: SLOTS_PER_ROUND }, (_, index) => first + index);
			const known = await this.ask(
				open.flatMap((key) => numbers.map((number) => slotName(key, number))),
			);
			open = open.filter((key) => {
				const found = numbers.filter((number) => known.has(slotName(key, number)));
				slots.get(key)?.push(...found);
				return found.length > 0;
			});
		}
		return slots;
	}

	/** What was paid for each key: its two newest payments and the slot number of the next one. */
	async lookup(keys: string[]): Promise<LedgerLookup[]> {
		const slots = await this.recordedSlots(keys);
		const candidates = [...slots].flatMap(([key, numbers]) =>
			numbers.map((number) => ({ key, number, slot: slotName(key, number) })),
		);
		const reads = await this.readFields(
			candidates.flatMap(({ slot }) => [
				{ slot, field: FIELD_CLAIMED_AT },
				{ slot, field: FIELD_JOB_IDS },
			]),
		);
		const found = new Map<string, LedgerSlot[]>();
		candidates.forEach(({ key, number }, index) => {
			const claimed = reads[index * 2];
			const jobs = reads[index * 2 + 1];
			// A marker without a claim time is one a lookup asked about and a crash (or another run's lookup at the same
			// moment) left behind: no payment. A claim time that is there but damaged is a payment all the same.
			if (claimed.state === 'absent') return;
			const claimedAt = claimed.state === 'read' ? decodeTime(claimed.data) : undefined;
			const slot: LedgerSlot = { number, ...(claimedAt ? { claimedAt } : {}) };
			if (jobs.state === 'read' && claimedAt) slot.jobIds = decodeJobIds(jobs.data);
			else if (jobs.state !== 'absent' || !claimedAt) slot.unreadable = true;
			found.set(key, [...(found.get(key) ?? []), slot]);
		});
		return keys.map((key) => {
			const paid = found.get(key) ?? [];
			const latest = paid[paid.length - 1];
			return {
				key,
				...(latest ? { latest } : {}),
				...(paid.length > 1 ? { previous: paid[paid.length - 2] } : {}),
				// Payments take slots 1, 2, 3… without gaps (a refused create gives its slot back), so a lookup that asks
				// slot markers round by round until a round finds none sees every payment.
				nextSlot: (latest?.number ?? 0) + 1,
			};
		});
	}

	/**
	 * Writes that wait for the store together go in one call: creates run several at a time, and each call reads and
	 * writes the node's whole list, so ten claims waiting behind one call cost one more call, not ten.
	 */
	private async writeFacts(facts: string[]): Promise<void> {
		const waiting = this.waitingWrite;
		if (waiting) {
			waiting.facts.push(...facts);
			return await waiting.done;
		}
		const write: { facts: string[]; done?: Promise<void> } = { facts: [...facts] };
		write.done = this.serially(async () => {
			if (this.waitingWrite === write) this.waitingWrite = undefined;
			await this.store.recordAndCheck(write.facts);
		});
		this.waitingWrite = write;
		return await write.done;
	}

	private async removeFacts(facts: string[]): Promise<void> {
		await this.serially(async () => await this.store.remove(facts));
	}

	/** Written just before the creates are sent: from then on a Retry will not pay for these items again. */
	async claim(claims: LedgerClaim[]): Promise<void> {
		const claimedAt = this.now();
		for (const claim of claims) claim.claimedAt = claimedAt;
		await this.writeFacts(
			claims.flatMap(({ key, slot }) => {
				const name = slotName(key, slot);
				return [name, ...fieldFacts(name, FIELD_CLAIMED_AT, encodeTime(claimedAt))];
			}),
		);
	}

	/** Written as soon as the provider accepted: the jobs a Retry picks up. */
	async record(records: Array<LedgerClaim & { jobIds: string[] }>): Promise<void> {
		await this.writeFacts(
			records.flatMap(({ key, slot, jobIds }) =>
				fieldFacts(slotName(key, slot), FIELD_JOB_IDS, encodeJobIds(jobIds)),
			),
		);
	}

	/** For creates the provider refused (nothing paid): the claim is taken back. */
	async release(claims: LedgerClaim[]): Promise<void> {
		await this.removeFacts(
			claims.flatMap(({ key, slot, claimedAt }) => {
				const name = slotName(key, slot);
				return claimedAt
					? [name, ...fieldFacts(name, FIELD_CLAIMED_AT, encodeTime(claimedAt))]
					: [name];
			}),
		);
	}
}

import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { sleep } from './sleep';

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
 * reading asks the possible half-bytes at each position. The store has no read-only question (asking records), so
 * whatever a lookup added is removed right after it, and questions never make n8n drop old entries. A position that
 * holds no half-byte or several, a length and a checksum make a value that a crash left half written, or mixed with
 * another, read as unreadable rather than as a wrong job.
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
	/** Records the values; beyond `LEDGER_MAX_ENTRIES` the store drops its oldest entries. */
	record(values: string[]): Promise<void>;
	/** Records the values, dropping nothing, and returns those that were recorded before this call. */
	recordAndCheck(values: string[]): Promise<Set<string>>;
	remove(values: string[]): Promise<void>;
}

/**
 * Entries kept per workflow node (n8n drops the oldest beyond this). A TikTok avatar job takes 34 entries, a
 * Creatify video 47, a Recommended refresh task of four videos 94, so this keeps over 500 paid items per node.
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
	const kept = { mode: 'entries' as const, maxEntries: LEDGER_MAX_ENTRIES };
	// Questions are recorded too, and removed right after: they must never push the oldest records out.
	const untrimmed = { mode: 'entries' as const };
	return {
		async record(values) {
			if (values.length === 0) return;
			await checkProcessedAndRecord.call(helpers, values, 'node', kept);
		},
		async recordAndCheck(values) {
			if (values.length === 0) return new Set();
			const answer = await checkProcessedAndRecord.call(helpers, values, 'node', untrimmed);
			return new Set(answer.processed.map(String));
		},
		async remove(values) {
			if (values.length === 0) return;
			await removeProcessed.call(helpers, values, 'node', kept);
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
/** Slot markers asked per round: a new item needs one round; an item paid again, two. */
const SLOTS_PER_ROUND = 2;
/**
 * Questions per store call. n8n removes values one by one, each a scan of the node's whole list, so a call's cost
 * grows with the questions times the list: in calls of this size a Retry of hundreds of items never holds n8n's
 * main thread for long at a time.
 */
export const QUESTIONS_PER_CALL = 1_000;

/** The claim time: seconds since 1970, 32 bits, as 8 half-bytes. */
const TIME_NIBBLES = 8;
/** The job IDs' header: one half-byte for the format, three for the body's length in half-bytes. */
const HEADER_NIBBLES = 4;
const MAX_BODY_NIBBLES = 0xfff;
const CHECKSUM_NIBBLES = 2;

/**
 * How job IDs are written. IDs of decimal digits (TikTok's task IDs) take one half-byte per digit and lowercase UUIDs
 * (Creatify, Genviral) 32 half-bytes each, instead of two half-bytes per character as text: fewer entries in n8n's
 * list on every create, and fewer questions to read them back.
 */
const enum JobIdFormat {
	Text = 0,
	Digits = 1,
	Uuids = 2,
}
/** Digits: 0–9 are themselves, this one separates two IDs. */
const DIGITS_SEPARATOR = 0xa;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_GROUPS = [8, 4, 4, 4, 12];

const slotName = (key: string, slot: number) => `${key}#${slot}`;
const fact = (slot: string, field: string, position: number, nibble: number) =>
	`${slot}|${field}|${position}:${nibble.toString(16)}`;
const factsOf = (slot: string, field: string, nibbles: number[]) =>
	nibbles.map((nibble, position) => fact(slot, field, position, nibble));

/** 8-bit checksum (FNV-1a folded) of a field's half-bytes. */
function checksum(nibbles: number[]): number {
	let hash = 0x811c9dc5;
	for (const nibble of nibbles) {
		hash ^= nibble;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return (hash ^ (hash >>> 8) ^ (hash >>> 16) ^ (hash >>> 24)) & 0xff;
}

/** `value` as `count` half-bytes, most significant first. */
const nibblesOf = (value: number, count: number) =>
	Array.from({ length: count }, (_, index) => (value >>> ((count - 1 - index) * 4)) & 0xf);
const valueOf = (nibbles: number[]) => nibbles.reduce((value, nibble) => value * 16 + nibble, 0);

const timeNibbles = (date: Date) => nibblesOf(Math.floor(date.getTime() / 1000), TIME_NIBBLES);

function jobIdBody(jobIds: string[]): { format: JobIdFormat; body: number[] } {
	if (jobIds.length > 0 && jobIds.every((id) => /^[0-9]+$/.test(id))) {
		const text = jobIds.join(' ');
		const body = [...text].map((char) => (char === ' ' ? DIGITS_SEPARATOR : Number(char)));
		return { format: JobIdFormat.Digits, body };
	}
	if (jobIds.length > 0 && jobIds.every((id) => UUID.test(id))) {
		const hex = jobIds.map((id) => id.replace(/-/g, '')).join('');
		return { format: JobIdFormat.Uuids, body: [...hex].map((char) => parseInt(char, 16)) };
	}
	const bytes = new TextEncoder().encode(jobIds.join('\n'));
	return { format: JobIdFormat.Text, body: [...bytes].flatMap((byte) => [byte >> 4, byte & 0xf]) };
}

/** The half-bytes of the job IDs field: format, length, body, checksum. */
function jobIdNibbles(jobIds: string[]): number[] {
	const { format, body } = jobIdBody(jobIds);
	if (body.length > MAX_BODY_NIBBLES) {
		throw new Error(`the job IDs are too long to record (${jobIds.length} IDs)`);
	}
	const field = [format, ...nibblesOf(body.length, HEADER_NIBBLES - 1), ...body];
	return [...field, ...nibblesOf(checksum(field), CHECKSUM_NIBBLES)];
}

/** Which half-bytes can stand at a body position of a format (fewer questions for digits). */
const bodyAlphabet = (format: JobIdFormat) => (format === JobIdFormat.Digits ? 11 : 16);

function decodeJobIds(format: JobIdFormat, body: number[]): string[] | undefined {
	if (format === JobIdFormat.Digits) {
		if (body.some((nibble) => nibble > DIGITS_SEPARATOR)) return undefined;
		return body
			.map((nibble) => (nibble === DIGITS_SEPARATOR ? ' ' : String(nibble)))
			.join('')
			.split(' ');
	}
	if (format === JobIdFormat.Uuids) {
		if (body.length === 0 || body.length % 32 !== 0) return undefined;
		const hex = body.map((nibble) => nibble.toString(16)).join('');
		return (hex.match(/.{32}/g) as string[]).map((id) => {
			let at = 0;
			return UUID_GROUPS.map((length) => id.slice(at, (at += length))).join('-');
		});
	}
	if (format !== JobIdFormat.Text || body.length % 2 !== 0) return undefined;
	const bytes = Uint8Array.from(
		{ length: body.length / 2 },
		(_, index) => body[index * 2] * 16 + body[index * 2 + 1],
	);
	return new TextDecoder().decode(bytes).split('\n');
}

/** A question about one field: which positions, and how many half-byte values (0…alphabet−1) each may hold. */
interface FieldQuestion {
	slot: string;
	field: string;
	positions: number[];
	alphabet: number;
}

/** Per position: the half-byte found; undefined when none is recorded, NaN when several are. */
type Nibbles = Array<number | undefined>;

const isSet = (nibbles: Nibbles) =>
	nibbles.every((nibble) => nibble !== undefined && !Number.isNaN(nibble));
const isAbsent = (nibbles: Nibbles) => nibbles.every((nibble) => nibble === undefined);
const range = (from: number, count: number) =>
	Array.from({ length: count }, (_, index) => from + index);

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
		const known = new Set<string>();
		for (let start = 0; start < unique.length; start += QUESTIONS_PER_CALL) {
			const questions = unique.slice(start, start + QUESTIONS_PER_CALL);
			await this.serially(async () => {
				const found = await this.store.recordAndCheck(questions);
				for (const value of found) known.add(value);
				await this.store.remove(questions.filter((value) => !found.has(value)));
			});
		}
		return known;
	}

	/** Reads the half-bytes at the asked positions, one `Nibbles` per question. */
	private async readNibbles(questions: FieldQuestion[]): Promise<Nibbles[]> {
		const facts = questions.flatMap(({ slot, field, positions, alphabet }) =>
			positions.flatMap((position) =>
				range(0, alphabet).map((nibble) => fact(slot, field, position, nibble)),
			),
		);
		const known = await this.ask(facts);
		return questions.map(({ slot, field, positions, alphabet }) =>
			positions.map((position) => {
				const found = range(0, alphabet).filter((nibble) =>
					known.has(fact(slot, field, position, nibble)),
				);
				return found.length === 1 ? found[0] : found.length === 0 ? undefined : NaN;
			}),
		);
	}

	/** The slot numbers recorded for each key. */
	private async recordedSlots(keys: string[]): Promise<Map<string, number[]>> {
		const slots = new Map(keys.map((key) => [key, [] as number[]]));
		let open = [...new Set(keys)];
		for (let first = 1; open.length > 0; first += SLOTS_PER_ROUND) {
			const numbers = range(first, SLOTS_PER_ROUND);
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

	/**
	 * Reads the claim time and job IDs of each slot: the time and the IDs' header first, then the IDs' body and
	 * checksum once the header gave their format and length.
	 */
	private async readSlots(slots: string[]): Promise<Array<Omit<LedgerSlot, 'number'> | undefined>> {
		const heads = await this.readNibbles(
			slots.flatMap((slot) => [
				{ slot, field: FIELD_CLAIMED_AT, positions: range(0, TIME_NIBBLES), alphabet: 16 },
				{ slot, field: FIELD_JOB_IDS, positions: range(0, HEADER_NIBBLES), alphabet: 16 },
			]),
		);
		const withIds = slots.flatMap((slot, index) => {
			const header = heads[index * 2 + 1];
			if (!isSet(header)) return [];
			const length = valueOf(header.slice(1) as number[]);
			return [{ slot, index, header: header as number[], length }];
		});
		const bodies = await this.readNibbles(
			withIds.flatMap(({ slot, header, length }) => [
				{
					slot,
					field: FIELD_JOB_IDS,
					positions: range(HEADER_NIBBLES, length),
					alphabet: bodyAlphabet(header[0]),
				},
				{
					slot,
					field: FIELD_JOB_IDS,
					positions: range(HEADER_NIBBLES + length, CHECKSUM_NIBBLES),
					alphabet: 16,
				},
			]),
		);
		const jobIds = new Map<number, string[] | undefined>();
		withIds.forEach(({ index, header }, bodyIndex) => {
			const [body, sum] = [bodies[bodyIndex * 2], bodies[bodyIndex * 2 + 1]];
			const intact =
				isSet(body) &&
				isSet(sum) &&
				checksum([...header, ...(body as number[])]) === valueOf(sum as number[]);
			jobIds.set(index, intact ? decodeJobIds(header[0], body as number[]) : undefined);
		});

		return slots.map((_, index) => {
			const time = heads[index * 2];
			const header = heads[index * 2 + 1];
			// A marker without a claim time is one a lookup asked about and a crash (or another run's lookup at the same
			// moment) left behind: no payment. A claim time that is there but damaged is a payment all the same.
			if (isAbsent(time)) return undefined;
			const claimedAt = isSet(time) ? new Date(valueOf(time as number[]) * 1000) : undefined;
			const ids = jobIds.get(index);
			if (claimedAt && ids) return { claimedAt, jobIds: ids };
			if (claimedAt && isAbsent(header)) return { claimedAt };
			return { ...(claimedAt ? { claimedAt } : {}), unreadable: true };
		});
	}

	/** What was paid for each key: its two newest payments and the slot number of the next one. */
	async lookup(keys: string[]): Promise<LedgerLookup[]> {
		const slots = await this.recordedSlots(keys);
		const candidates = [...slots].flatMap(([key, numbers]) =>
			numbers.map((number) => ({ key, number, slot: slotName(key, number) })),
		);
		const reads = await this.readSlots(candidates.map(({ slot }) => slot));
		const found = new Map<string, LedgerSlot[]>();
		candidates.forEach(({ key, number }, index) => {
			const read = reads[index];
			if (read) found.set(key, [...(found.get(key) ?? []), { number, ...read }]);
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
	 * writes the node's whole list, so ten claims waiting behind one call cost one more call, not ten. A write also
	 * waits one turn of the event loop before it starts, so that a create's record and the next create's claim, which
	 * follow each other within that turn, share a call.
	 */
	private async writeFacts(facts: string[]): Promise<void> {
		const waiting = this.waitingWrite;
		if (waiting) {
			waiting.facts.push(...facts);
			return await waiting.done;
		}
		const write: { facts: string[]; done?: Promise<void> } = { facts: [...facts] };
		write.done = this.serially(async () => {
			await sleep(0);
			if (this.waitingWrite === write) this.waitingWrite = undefined;
			await this.store.record(write.facts);
		});
		this.waitingWrite = write;
		return await write.done;
	}

	private async removeFacts(facts: string[]): Promise<void> {
		await this.serially(async () => await this.store.remove(facts));
	}

	/** The marker and the claim time of a slot. */
	private claimFacts({ key, slot, claimedAt }: LedgerClaim): string[] {
		const name = slotName(key, slot);
		return claimedAt ? [name, ...factsOf(name, FIELD_CLAIMED_AT, timeNibbles(claimedAt))] : [name];
	}

	/** Written just before the creates are sent: from then on a Retry will not pay for these items again. */
	async claim(claims: LedgerClaim[]): Promise<void> {
		const claimedAt = this.now();
		for (const claim of claims) claim.claimedAt = claimedAt;
		await this.writeFacts(claims.flatMap((claim) => this.claimFacts(claim)));
	}

	/** Written as soon as the provider accepted: the jobs a Retry picks up. */
	async record(records: Array<LedgerClaim & { jobIds: string[] }>): Promise<void> {
		await this.writeFacts(
			records.flatMap(({ key, slot, jobIds }) =>
				factsOf(slotName(key, slot), FIELD_JOB_IDS, jobIdNibbles(jobIds)),
			),
		);
	}

	/** For creates the provider refused (nothing paid): the claim is taken back. */
	async release(claims: LedgerClaim[]): Promise<void> {
		await this.removeFacts(claims.flatMap((claim) => this.claimFacts(claim)));
	}
}

/**
A state for a snapshot with its number columns as binary blocks beside the JSON (codec 5): a
100k-decision snapshot was 18 MB of JSON, whose text decoding and parse were ~150 ms of every
resume before the first image, and whose 1.5 million parsed numbers were garbage once packed. A
column of nothing but numbers is written as a typed array's bytes, referenced from the JSON as
`{"$block": n}`; a column of nothing but null as `{"$nulls": length}`; any other stays JSON.
*/

import {decisionColumnsEach} from './decision-encode.js';
import {arrayJsonRuns, piecewiseJson} from './json-runs.js';
import {compactNumbers, floatNumbers, isPacked, type PackedColumn} from './packed-columns.js';
import type {SessionState} from './session-state.js';
import {encodeWith, type StateForm} from './state-codec.js';
import {undoColumnsEach} from './undo-columns.js';

/** Where a block's bytes are, after the JSON line. */
export type BlockEntry = {
	readonly type: 'u8' | 'i32' | 'f64';
	/** Values, not bytes. */
	readonly length: number;
	/** Bytes from the start of the blocks. */
	readonly offset: number;
};

/** The blocks' layout, kept in the snapshot's JSON. */
export type BlockTable = {
	readonly littleEndian: boolean;
	readonly entries: readonly BlockEntry[];
};

/** A long list's JSON in runs while written (see shared/json-parts), never held as an array. */
const listInRuns: StateForm['list'] = (values) =>
	piecewiseJson(
		() => arrayJsonRuns(values()),
		() => [...values()],
	);

const typeOf = (block: PackedColumn): BlockEntry['type'] =>
	block instanceof Uint8Array ? 'u8' : block instanceof Int32Array ? 'i32' : 'f64';

const bytesPer = {u8: 1, i32: 4, f64: 8} as const;

/** True on the machines Node runs on; a snapshot from another byte order is not read. */
export const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
`encodeState(state)` with its decision and undo columns as blocks where they can be: the JSON part
to write through `jsonParts`, then a newline, then `blocks` in order (see the block table).
*/
export function encodeStateWithBlocks(state: SessionState) {
	const blocks: PackedColumn[] = [];
	const entries: BlockEntry[] = [];
	let offset = 0;
	const columnOf = (values: unknown[]): unknown => {
		// An empty list stays JSON: lists of pairs or names (previousDecisions) are empty often.
		const packed = values.length === 0 ? values : floatNumbers(compactNumbers(values));
		if (isPacked(packed)) {
			const type = typeOf(packed);
			entries.push({type, length: packed.length, offset});
			// Each block starts on an 8-byte boundary (codec 5's layout), where a reader may view it.
			offset += Math.ceil(packed.byteLength / 8) * 8;
			return {$block: blocks.push(packed) - 1};
		}

		return values.length > 0 && values.every((value) => value === null)
			? {$nulls: values.length}
			: values;
	};

	const columnsOf = (columns: Iterable<readonly [string, unknown[]]>) => {
		const encoded: Record<string, unknown> = {};
		for (const [name, values] of columns) encoded[name] = columnOf(values);
		return encoded;
	};

	const form: StateForm = {
		list: listInRuns,
		decisions: (map, codes) => columnsOf(decisionColumnsEach(map, codes)),
		history: (history, pathCode) => columnsOf(undoColumnsEach(history, pathCode)),
	};
	const encoded = encodeWith(state, form);
	const table: BlockTable = {littleEndian, entries};
	return {state: encoded, table, blocks};
}

/** The blocks' bytes as the table places them: each at its offset, zeros between. */
export function* blockBytes(
	table: BlockTable,
	blocks: readonly PackedColumn[],
): Generator<Uint8Array> {
	let at = 0;
	for (const [index, block] of blocks.entries()) {
		const offset = table.entries[index]?.offset ?? at;
		if (offset > at) yield new Uint8Array(offset - at);
		yield new Uint8Array(block.buffer, block.byteOffset, block.byteLength);
		at = offset + block.byteLength;
	}
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function blockAt(table: BlockTable, bytes: Uint8Array, index: unknown): PackedColumn {
	const entry = typeof index === 'number' ? table.entries[index] : undefined;
	const size = entry ? bytesPer[entry.type] : undefined;
	if (
		entry === undefined ||
		size === undefined ||
		!Number.isSafeInteger(entry.length) ||
		!Number.isSafeInteger(entry.offset) ||
		entry.length < 0 ||
		entry.offset < 0 ||
		entry.offset + entry.length * size > bytes.length
	) {
		throw new TypeError(`the snapshot's column block ${JSON.stringify(index)} is not in the file`);
	}

	const Column =
		entry.type === 'u8' ? Uint8Array : entry.type === 'i32' ? Int32Array : Float64Array;
	// A copy, not a view of the file's bytes: a view kept all of them, the JSON part and the
	// columns no one keeps too, for the whole session (7.5 MB on the 100k set, 2.5 MB of it
	// needed; README, start-up, eighth pass).
	const column = new Column(entry.length);
	new Uint8Array(column.buffer).set(bytes.subarray(entry.offset, entry.offset + column.byteLength));
	return column;
}

function resolveColumns(columns: unknown, table: BlockTable, bytes: Uint8Array): void {
	if (!isRecord(columns)) return;
	for (const [name, value] of Object.entries(columns)) {
		if (!isRecord(value)) continue;
		if ('$block' in value) columns[name] = blockAt(table, bytes, value['$block']);
		else if ('$nulls' in value) {
			const length = value['$nulls'];
			if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
				throw new TypeError(`the snapshot's column ${name} of nulls has no length`);
			}

			columns[name] = new Array<null>(length).fill(null);
		}
	}
}

/**
Puts the blocks back into a parsed state, in place: each `{"$block": n}` becomes its typed array,
each `{"$nulls": n}` its nulls. Throws a TypeError when a block is not within `bytes` or the file
has the other byte order. decodeState then checks the columns as it checks JSON ones.
*/
export function resolveBlocks(state: unknown, table: unknown, bytes: Uint8Array): void {
	if (!isRecord(table) || !Array.isArray(table['entries'])) {
		throw new TypeError("the snapshot's block table is malformed");
	}

	if (table['littleEndian'] !== littleEndian) {
		throw new TypeError('the snapshot was written on a machine of the other byte order');
	}

	if (!isRecord(state)) return;
	resolveColumns(state['decisions'], table as BlockTable, bytes);
	resolveColumns(state['history'], table as BlockTable, bytes);
}

/**
A state's undo history in a snapshot (see state-codec). Codec 4 writes it as columns with paths as
catalog indexes: codec 3's list of four-item lists cost 100k arrays and 100k path copies to parse
on every resume of a 100k-record journal. Both are read.
*/
import {decodeDecision, type EncodedDecision} from './decision-columns.js';
import {isColumn} from './packed-columns.js';
import type {Decision, SessionState, UndoEntry} from './session-state.js';

/** Codec 3: one list per entry, top of the stack first. */
export type UndoList = ReadonlyArray<
	readonly [
		seq: number,
		path: string,
		previousDecision: EncodedDecision | null,
		previousSkip: number | null,
	]
>;

/** Codec 4: one column per field, top of the stack first. */
export type UndoColumns = {
	readonly seq: readonly number[];
	/** The catalog index, or the path when it is not in the catalog. */
	readonly path: ReadonlyArray<number | string>;
	/** Only the entries that replaced a decision: [row, decision]. */
	readonly previousDecisions: ReadonlyArray<readonly [number, EncodedDecision]>;
	/** null where the entry replaced no skip. */
	readonly previousSkip: ReadonlyArray<number | null>;
};

/** The columns as read: seq, path and previousSkip may be typed arrays (the snapshot's blocks). */
export type ReadUndoColumns = {
	readonly seq: ArrayLike<number>;
	readonly path: ArrayLike<number | string>;
	readonly previousDecisions: UndoColumns['previousDecisions'];
	readonly previousSkip: ArrayLike<number | null>;
};

type History = SessionState['history'];

/** The stack once, top first, as a list: each column is then a loop over it. */
function undoList(history: History): UndoEntry[] {
	const list: UndoEntry[] = [];
	for (let node = history; node; node = node.rest) {
		list.push(node.top);
	}

	return list;
}

function* previousDecisionsOf(
	entries: readonly UndoEntry[],
): Generator<readonly [number, EncodedDecision]> {
	for (const [row, {previousDecision}] of entries.entries()) {
		if (previousDecision !== undefined) {
			yield [row, previousDecision];
		}
	}
}

type Column =
	| {readonly row: (entry: UndoEntry) => unknown; readonly list?: undefined}
	| {readonly list: () => Iterable<unknown>; readonly row?: undefined};

/** The columns in the order they are written. */
function undoColumnParts(
	entries: readonly UndoEntry[],
	pathCode: (path: string) => number | string,
): ReadonlyArray<readonly [string, Column]> {
	return [
		['seq', {row: (entry) => entry.seq}],
		['path', {row: (entry) => pathCode(entry.path)}],
		['previousDecisions', {list: () => previousDecisionsOf(entries)}],
		['previousSkip', {row: (entry) => entry.previousSkip ?? null}],
	];
}

/** The columns one at a time, in order, each whole: a writer may pack each before the next. */
export function* undoColumnsEach(
	history: History,
	pathCode: (path: string) => number | string,
): Generator<readonly [string, unknown[]]> {
	const entries = undoList(history);
	for (const [name, {row, list}] of undoColumnParts(entries, pathCode)) {
		yield [name, row ? entries.map((entry) => row(entry)) : [...list()]];
	}
}

export function encodeUndo(
	history: History,
	pathCode: (path: string) => number | string,
): UndoColumns {
	return Object.fromEntries(undoColumnsEach(history, pathCode)) as unknown as UndoColumns;
}

const malformed = () => new TypeError('an undo entry in the snapshot is malformed');

function entryOf(
	seq: unknown,
	path: string,
	previousDecision: EncodedDecision | null | undefined,
	previousSkip: unknown,
): UndoEntry {
	if (typeof seq !== 'number') {
		throw malformed();
	}

	return {
		seq,
		path,
		previousDecision:
			previousDecision === null || previousDecision === undefined
				? undefined
				: decodeDecision(previousDecision),
		previousSkip: typeof previousSkip === 'number' ? previousSkip : undefined,
	};
}

/** The history from either form; `pathOf` turns a code (or a codec-3 path) into the catalog's path. */
export function decodeUndo(
	value: UndoList | ReadUndoColumns,
	pathOf: (code: unknown) => string,
): SessionState['history'] {
	let history: SessionState['history'];
	if (Array.isArray(value)) {
		const list = value as UndoList;
		for (let index = list.length - 1; index >= 0; index--) {
			const [seq, path, previousDecision, previousSkip] = list[index] ?? [];
			if (typeof path !== 'string') {
				throw malformed();
			}

			history = {top: entryOf(seq, pathOf(path), previousDecision, previousSkip), rest: history};
		}

		return history;
	}

	const columns = value as ReadUndoColumns;
	if (
		typeof columns !== 'object' ||
		columns === null ||
		!isColumn(columns.seq) ||
		!isColumn(columns.path) ||
		!Array.isArray(columns.previousDecisions) ||
		!isColumn(columns.previousSkip)
	) {
		throw new TypeError("the snapshot's undo history is not a list");
	}

	const previous = new Map<number, Decision>();
	for (const pair of columns.previousDecisions) {
		if (!Array.isArray(pair) || typeof pair[0] !== 'number') {
			throw malformed();
		}

		previous.set(pair[0], decodeDecision(pair[1]));
	}

	const {length} = columns.seq;
	if (columns.path.length !== length || columns.previousSkip.length !== length) {
		throw malformed();
	}

	for (let row = 0; row < length; row++) {
		const skip = columns.previousSkip[row];
		if (typeof columns.seq[row] !== 'number' || (skip !== null && typeof skip !== 'number')) {
			throw malformed();
		}

		pathOf(columns.path[row]);
	}

	return length === 0 ? undefined : new StoredUndo({columns, previous, pathOf}, 0);
}

type UndoTable = {
	readonly columns: ReadUndoColumns;
	readonly previous: ReadonlyMap<number, Decision>;
	readonly pathOf: (code: unknown) => string;
};

/**
A resumed snapshot's undo stack kept as its columns (checked when read): a node and its entry are
made when an undo or a walk reaches them, not 100k of each at every resume (8.6 MiB and ~40 ms).
*/
class StoredUndo {
	readonly #table: UndoTable;
	readonly #row: number;

	constructor(table: UndoTable, row: number) {
		this.#table = table;
		this.#row = row;
	}

	get top(): UndoEntry {
		const {columns, previous, pathOf} = this.#table;
		const row = this.#row;
		return {
			seq: columns.seq[row] as number,
			path: pathOf(columns.path[row]),
			previousDecision: previous.get(row),
			previousSkip: columns.previousSkip[row] ?? undefined,
		};
	}

	get rest(): History {
		const next = this.#row + 1;
		return next < this.#table.columns.seq.length ? new StoredUndo(this.#table, next) : undefined;
	}
}

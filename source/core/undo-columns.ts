/**
A state's undo history in a snapshot (see state-codec). Codec 4 writes it as columns with paths as
catalog indexes: codec 3's list of four-item lists cost 100k arrays and 100k path copies to parse
on every resume of a 100k-record journal. Both are read.
*/
import {decodeDecision, type EncodedDecision} from './decision-columns.js';
import {arrayJsonRuns} from './json-runs.js';
import type {SessionState, UndoEntry} from './session-state.js';

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

type History = SessionState['history'];

function* undoEntries(history: History): Generator<UndoEntry> {
	for (let node = history; node; node = node.rest) {
		yield node.top;
	}
}

function* undoFields<T>(history: History, field: (entry: UndoEntry) => T): Generator<T> {
	for (const entry of undoEntries(history)) {
		yield field(entry);
	}
}

function* previousDecisionsOf(history: History): Generator<readonly [number, EncodedDecision]> {
	let row = 0;
	for (const {previousDecision} of undoEntries(history)) {
		if (previousDecision !== undefined) {
			yield [row, previousDecision];
		}

		row++;
	}
}

/** The columns in the order they are written, each made by one pass over the stack. */
function undoColumnParts(history: History, pathCode: (path: string) => number | string) {
	return [
		['seq', () => undoFields(history, (entry) => entry.seq)],
		['path', () => undoFields(history, (entry) => pathCode(entry.path))],
		['previousDecisions', () => previousDecisionsOf(history)],
		['previousSkip', () => undoFields(history, (entry) => entry.previousSkip ?? null)],
	] as const;
}

export function encodeUndo(
	history: History,
	pathCode: (path: string) => number | string,
): UndoColumns {
	const columns: Record<string, unknown[]> = {};
	for (const [name, values] of undoColumnParts(history, pathCode)) {
		columns[name] = [...values()];
	}

	return columns as unknown as UndoColumns;
}

/**
Exactly `JSON.stringify(encodeUndo(history, pathCode))` for the same codes, a column at a time and
each a run of values at a time: a 100k-entry history is never held as columns beside the stack.
*/
export function* undoColumnsJson(
	history: History,
	pathCode: (path: string) => number | string,
): Generator<string> {
	yield '{';
	for (const [index, [name, values]] of undoColumnParts(history, pathCode).entries()) {
		yield `${index === 0 ? '' : ','}${JSON.stringify(name)}:`;
		yield* arrayJsonRuns(values());
	}

	yield '}';
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
	value: UndoList | UndoColumns,
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

	const columns = value as UndoColumns;
	if (
		typeof columns !== 'object' ||
		columns === null ||
		!Array.isArray(columns.seq) ||
		!Array.isArray(columns.path) ||
		!Array.isArray(columns.previousDecisions) ||
		!Array.isArray(columns.previousSkip)
	) {
		throw new TypeError("the snapshot's undo history is not a list");
	}

	const previous = new Map<number, EncodedDecision>();
	for (const pair of columns.previousDecisions) {
		if (!Array.isArray(pair) || typeof pair[0] !== 'number') {
			throw malformed();
		}

		previous.set(pair[0], pair[1]);
	}

	for (let index = columns.seq.length - 1; index >= 0; index--) {
		const top = entryOf(
			columns.seq[index],
			pathOf(columns.path[index]),
			previous.get(index),
			columns.previousSkip[index],
		);
		history = {top, rest: history};
	}

	return history;
}

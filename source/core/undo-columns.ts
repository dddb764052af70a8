/**
A state's undo history in a snapshot (see state-codec). Codec 4 writes it as columns with paths as
catalog indexes: codec 3's list of four-item lists cost 100k arrays and 100k path copies to parse
on every resume of a 100k-record journal. Both are read.
*/
import {decodeDecision, type EncodedDecision} from './decision-columns.js';
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

export function encodeUndo(
	history: SessionState['history'],
	pathCode: (path: string) => number | string,
): UndoColumns {
	const columns = {
		seq: [] as number[],
		path: [] as Array<number | string>,
		previousDecisions: [] as Array<readonly [number, EncodedDecision]>,
		previousSkip: [] as Array<number | null>,
	};
	for (let node = history; node; node = node.rest) {
		const {seq, path, previousDecision, previousSkip} = node.top;
		if (previousDecision !== undefined) {
			columns.previousDecisions.push([columns.seq.length, previousDecision]);
		}

		columns.seq.push(seq);
		columns.path.push(pathCode(path));
		columns.previousSkip.push(previousSkip ?? null);
	}

	return columns;
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

/**
A session state as plain JSON and back, exactly: `decodeState(encodeState(s))` deep-equals `s`.
Maps keep their entries' order (bucket by bucket, insertion order within one), so iteration over
a restored state visits items in the same order as over the folded one.
*/
import type {DecisionColumns, ReadColumns} from './decision-columns.js';
import {type Codes, encodeDecisions} from './decision-encode.js';
import {decisionTable} from './decision-table.js';
import {
	beginEdit,
	emptyMap,
	entries,
	mapOnBase,
	type PersistentMap,
	sealMap,
	setEntry,
} from './persistent-map.js';
import {
	type BrokenNote,
	catalogPosition,
	type Decision,
	initialState,
	type SessionState,
	type WorkSession,
	withItems,
} from './session-state.js';
import {
	decodeUndo,
	encodeUndo,
	type ReadUndoColumns,
	type UndoColumns,
	type UndoList,
} from './undo-columns.js';

// 3: decisions keep their origin (grid, auto, adjudicated), ctime and inode.
// 4: paths as catalog indexes, labels as class indexes, the undo history as columns.
// 5: a snapshot's number columns as binary blocks after its JSON line (state-blocks).
export const stateCodecVersion = 5;
/** The codecs decodeState reads. */
export const readableCodecVersions: readonly number[] = [3, 4, 5];

export type EncodedState = {
	readonly classes: readonly string[];
	readonly catalog: readonly string[];
	/**
	Codec 4: the paths outside the catalog, each once. A path code `n` is the catalog's `n`th item,
	or `paths[n - catalog.length]` (a snapshot's fold has an empty catalog: the scan fills it).
	*/
	readonly paths?: readonly string[];
	readonly decisions: DecisionColumns;
	/** Keyed by path code (codec 3: by path). */
	readonly skipped: ReadonlyArray<readonly [number | string, number]>;
	readonly broken: ReadonlyArray<readonly [number | string, BrokenNote]>;
	readonly copyLinks: ReadonlyArray<readonly [number | string, ReadonlyArray<number | string>]>;
	readonly copiesDecided: number;
	readonly moved: ReadonlyArray<readonly [string, string]>;
	readonly counts: Readonly<Record<string, number>>;
	readonly skippedOpen: number;
	readonly movedOutside: number;
	/** Top of the undo stack first (codec 3: a list of entries). */
	readonly history: UndoColumns | UndoList;
	readonly lowWater: number;
	readonly cursor: string | null;
	readonly scanDone: boolean;
	readonly lastSeq: number;
	readonly sessions: readonly WorkSession[];
};

/** An encoded state as read: its number columns may be typed arrays (see state-blocks). */
export type ReadState = Omit<EncodedState, 'decisions' | 'history'> & {
	readonly decisions: ReadColumns;
	readonly history: ReadUndoColumns | UndoList;
};

/** A map's entries as [key, value] pairs, in its order; each key coded before its value. */
function* mapPairs<V, E, K = string>(
	map: PersistentMap<V>,
	encode: (value: V) => E,
	key: (path: string) => K = (path) => path as K,
): Generator<readonly [K, E]> {
	for (const [path, value] of entries(map)) {
		yield [key(path), encode(value)];
	}
}

function* catalogPaths(catalog: SessionState['catalog']): Generator<string> {
	for (let at = 0; at < catalog.length; at++) {
		yield catalog.paths[at] as string;
	}
}

/** A path as the catalog holds it, so one string serves every map (JSON gives each its own). */
type Intern = (path: string) => string;

function decodeMap<E, V>(
	pairs: ReadonlyArray<readonly [number | string, E]>,
	decode: (value: E) => V,
	pathOf: (code: unknown) => string,
): PersistentMap<V> {
	if (!Array.isArray(pairs)) {
		throw new TypeError('a map in the snapshot is not a list of entries');
	}

	const edit = beginEdit();
	let map = emptyMap<V>();
	for (const pair of pairs) {
		const [key, value] = pair;
		map = setEntry(map, pathOf(key), decode(value), edit);
	}

	return sealMap(map);
}

/**
How the long parts of an encoded state are made: as arrays (`encodeState`), or for a snapshot file
as lists that make their JSON in runs while written and columns packed into blocks (state-blocks).
The same codes either way.
*/
export type StateForm = {
	list(values: () => Iterable<unknown>): unknown;
	decisions(map: PersistentMap<Decision>, codes: Codes): unknown;
	history(history: SessionState['history'], pathCode: Codes['pathCode']): unknown;
};

/**
The encoded state with its long parts made by `form`. Paths get codes in the order the fields are
written (decisions, skipped, broken, copyLinks, history), so `paths` comes last: by then it is full.
*/
export function encodeWith(state: SessionState, form: StateForm) {
	const {length} = state.catalog;
	const paths: string[] = [];
	const others = new Map<string, number>();
	const pathCode = (path: string): number => {
		const at = catalogPosition(state.catalog, path) ?? others.get(path);
		if (at !== undefined) return at;
		others.set(path, length + paths.length);
		return length + paths.push(path) - 1;
	};
	const classIndex = new Map(state.classes.map((name, index) => [name, index]));
	const labelCode = (label: string) => classIndex.get(label) ?? label;
	return {
		classes: state.classes,
		catalog: form.list(() => catalogPaths(state.catalog)),
		decisions: form.decisions(state.decisions, {pathCode, labelCode}),
		skipped: form.list(() => mapPairs(state.skipped, (seq) => seq, pathCode)),
		broken: form.list(() => mapPairs(state.broken, (note) => note, pathCode)),
		copyLinks: form.list(() => mapPairs(state.copyLinks, (links) => links.map(pathCode), pathCode)),
		copiesDecided: state.copiesDecided,
		moved: form.list(() => mapPairs(state.moved, (to) => to)),
		counts: state.counts,
		skippedOpen: state.skippedOpen,
		movedOutside: state.movedOutside,
		history: form.history(state.history, pathCode),
		lowWater: state.lowWater,
		cursor: state.cursor ?? null,
		scanDone: state.scanDone,
		lastSeq: state.lastSeq,
		sessions: state.sessions,
		// Last: filled while the fields above were coded.
		paths: form.list(() => paths),
	};
}

const arrays: StateForm = {
	list: (values) => [...values()],
	decisions: encodeDecisions,
	history: encodeUndo,
};

export function encodeState(state: SessionState): EncodedState {
	return encodeWith(state, arrays) as EncodedState;
}

function numberOf(value: unknown, name: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new TypeError(`the snapshot's ${name} is not a number`);
	}

	return value;
}

/** Throws a TypeError naming what is wrong when `value` is not an encoded state. */
export function decodeState(value: ReadState): SessionState {
	if (typeof value !== 'object' || value === null || !Array.isArray(value.classes)) {
		throw new TypeError('the snapshot holds no session state');
	}

	const empty = initialState(value.classes);
	if (!Array.isArray(value.catalog) || typeof value.history !== 'object' || !value.history) {
		throw new TypeError("the snapshot's catalog or undo history is not a list");
	}

	const catalog = withItems(empty.catalog, value.catalog);
	const intern: Intern = (path) => {
		const at = catalog.positions.get(path);
		return at === undefined ? path : (catalog.paths[at] ?? path);
	};
	const others = Array.isArray(value.paths) ? value.paths : [];
	const pathOf = (code: unknown): string => {
		if (typeof code === 'string') return intern(code);
		const at = typeof code === 'number' ? code : -1;
		const path = at < catalog.length ? catalog.paths[at] : others[at - catalog.length];
		if (typeof path !== 'string') {
			throw new TypeError(`a path in the snapshot is not a catalog index: ${JSON.stringify(code)}`);
		}

		return path;
	};
	const classes: readonly unknown[] = value.classes;
	const labelOf = (code: unknown): unknown => (typeof code === 'number' ? classes[code] : code);
	return {
		classes: value.classes,
		catalog,
		decisions: mapOnBase(decisionTable(value.decisions, {pathOf, labelOf}, catalog)),
		skipped: decodeMap(value.skipped, (seq) => numberOf(seq, 'skip'), pathOf),
		broken: decodeMap(value.broken, (note) => ({...note}), pathOf),
		copyLinks: decodeMap(value.copyLinks, (links) => links.map(pathOf), pathOf),
		// Who else holds or took an item is the team's live state, never the journal's: not kept.
		elsewhere: empty.elsewhere,
		takenElsewhere: 0,
		copiesDecided: numberOf(value.copiesDecided, 'copiesDecided'),
		moved: decodeMap(value.moved, (to) => String(to), pathOf),
		counts: {...value.counts},
		skippedOpen: numberOf(value.skippedOpen, 'skippedOpen'),
		movedOutside: numberOf(value.movedOutside, 'movedOutside'),
		history: decodeUndo(value.history, pathOf),
		lowWater: numberOf(value.lowWater, 'lowWater'),
		cursor: value.cursor === null || value.cursor === undefined ? undefined : intern(value.cursor),
		scanDone: value.scanDone === true,
		lastSeq: numberOf(value.lastSeq, 'lastSeq'),
		sessions: value.sessions.map((session) => ({...session})),
	};
}

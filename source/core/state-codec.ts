/**
A session state as plain JSON and back, exactly: `decodeState(encodeState(s))` deep-equals `s`.
Maps keep their entries' order (bucket by bucket, insertion order within one), so iteration over
a restored state visits items in the same order as over the folded one.
*/
import {
	type DecisionColumns,
	decisionColumnsJson,
	decodeDecision,
	type EncodedDecision,
	eachDecision,
	encodeDecisions,
} from './decision-columns.js';
import {arrayJsonRuns, piecewiseJson} from './json-runs.js';
import {
	beginEdit,
	emptyMap,
	entries,
	type PersistentMap,
	sealMap,
	setEntry,
} from './persistent-map.js';
import {
	type BrokenNote,
	type Decision,
	initialState,
	type SessionState,
	type UndoEntry,
	type WorkSession,
	withItems,
} from './session-state.js';

// 3: decisions keep their origin (grid, auto, adjudicated), ctime and inode.
export const stateCodecVersion = 3;

type EncodedUndo = readonly [
	seq: number,
	path: string,
	previousDecision: EncodedDecision | null,
	previousSkip: number | null,
];

export type EncodedState = {
	readonly classes: readonly string[];
	readonly catalog: readonly string[];
	readonly decisions: DecisionColumns;
	readonly skipped: ReadonlyArray<readonly [string, number]>;
	readonly broken: ReadonlyArray<readonly [string, BrokenNote]>;
	readonly copyLinks: ReadonlyArray<readonly [string, readonly string[]]>;
	readonly copiesDecided: number;
	readonly moved: ReadonlyArray<readonly [string, string]>;
	readonly counts: Readonly<Record<string, number>>;
	readonly skippedOpen: number;
	readonly movedOutside: number;
	/** Top of the undo stack first. */
	readonly history: readonly EncodedUndo[];
	readonly lowWater: number;
	readonly cursor: string | null;
	readonly scanDone: boolean;
	readonly lastSeq: number;
	readonly sessions: readonly WorkSession[];
};

function encodeMap<V, E>(
	map: PersistentMap<V>,
	encode: (value: V) => E,
): Array<readonly [string, E]> {
	return [...entries(map)].map(([key, value]) => [key, encode(value)] as const);
}

/** A path as the catalog holds it, so one string serves every map (JSON gives each its own). */
type Intern = (path: string) => string;

function decodeMap<E, V>(
	pairs: ReadonlyArray<readonly [string, E]>,
	decode: (value: E) => V,
	intern: Intern,
): PersistentMap<V> {
	if (!Array.isArray(pairs)) {
		throw new TypeError('a map in the snapshot is not a list of entries');
	}

	const edit = beginEdit();
	let map = emptyMap<V>();
	for (const pair of pairs) {
		const [key, value] = pair;
		if (typeof key !== 'string') {
			throw new TypeError(`a key in the snapshot is not a path: ${JSON.stringify(key)}`);
		}

		map = setEntry(map, intern(key), decode(value), edit);
	}

	return sealMap(map);
}

function decodeDecisions(columns: DecisionColumns, intern: Intern): PersistentMap<Decision> {
	const edit = beginEdit();
	let map = emptyMap<Decision>();
	eachDecision(columns, (path, decision) => {
		if (typeof path !== 'string') {
			throw new TypeError(`a key in the snapshot is not a path: ${JSON.stringify(path)}`);
		}

		map = setEntry(map, intern(path), decision, edit);
	});
	return sealMap(map);
}

function undoOf({seq, path, previousDecision, previousSkip}: UndoEntry): EncodedUndo {
	return [
		seq,
		path,
		previousDecision === undefined ? null : previousDecision,
		previousSkip ?? null,
	];
}

function* undoEntries(state: SessionState): Generator<EncodedUndo> {
	for (let node = state.history; node; node = node.rest) {
		yield undoOf(node.top);
	}
}

/** Made at its full length (counted first), not pushed: see encodeDecisions. */
function historyArray(state: SessionState): EncodedUndo[] {
	let length = 0;
	for (let node = state.history; node; node = node.rest) {
		length++;
	}

	const list = new Array<EncodedUndo>(length);
	let at = 0;
	for (const undo of undoEntries(state)) {
		list[at++] = undo;
	}

	return list;
}

function decodeHistory(list: readonly EncodedUndo[], intern: Intern): SessionState['history'] {
	let history: SessionState['history'];
	for (let index = list.length - 1; index >= 0; index--) {
		const [seq, path, previousDecision, previousSkip] = list[index] ?? [];
		if (typeof seq !== 'number' || typeof path !== 'string') {
			throw new TypeError('an undo entry in the snapshot is malformed');
		}

		const top: UndoEntry = {
			seq,
			path: intern(path),
			previousDecision:
				previousDecision === null || previousDecision === undefined
					? undefined
					: decodeDecision(previousDecision),
			previousSkip: typeof previousSkip === 'number' ? previousSkip : undefined,
		};
		history = {top, rest: history};
	}

	return history;
}

function encodeWith<D, H>(state: SessionState, decisions: D, history: H) {
	return {
		classes: state.classes,
		catalog: state.catalog.paths.slice(0, state.catalog.length),
		decisions,
		skipped: encodeMap(state.skipped, (seq) => seq),
		broken: encodeMap(state.broken, (note) => note),
		copyLinks: encodeMap(state.copyLinks, (links) => links),
		copiesDecided: state.copiesDecided,
		moved: encodeMap(state.moved, (to) => to),
		counts: state.counts,
		skippedOpen: state.skippedOpen,
		movedOutside: state.movedOutside,
		history,
		lowWater: state.lowWater,
		cursor: state.cursor ?? null,
		scanDone: state.scanDone,
		lastSeq: state.lastSeq,
		sessions: state.sessions,
	};
}

export function encodeState(state: SessionState): EncodedState {
	return encodeWith(state, encodeDecisions(state.decisions), historyArray(state));
}

/**
`encodeState(state)` for writing: the decision columns and the undo history come as JSON pieces
(see json-runs) made while written, not as arrays held beside the state; its JSON is the same.
*/
export function encodeStateForWriting(state: SessionState) {
	return encodeWith(
		state,
		piecewiseJson(
			() => decisionColumnsJson(state.decisions),
			() => encodeDecisions(state.decisions),
		),
		piecewiseJson(
			() => arrayJsonRuns(undoEntries(state)),
			() => historyArray(state),
		),
	);
}

function numberOf(value: unknown, name: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new TypeError(`the snapshot's ${name} is not a number`);
	}

	return value;
}

/** Throws a TypeError naming what is wrong when `value` is not an encoded state. */
export function decodeState(value: EncodedState): SessionState {
	if (typeof value !== 'object' || value === null || !Array.isArray(value.classes)) {
		throw new TypeError('the snapshot holds no session state');
	}

	const empty = initialState(value.classes);
	if (!Array.isArray(value.catalog) || !Array.isArray(value.history)) {
		throw new TypeError("the snapshot's catalog or undo history is not a list");
	}

	const catalog = withItems(empty.catalog, value.catalog);
	const intern: Intern = (path) => {
		const at = catalog.positions.get(path);
		return at === undefined ? path : (catalog.paths[at] ?? path);
	};
	return {
		classes: value.classes,
		catalog,
		decisions: decodeDecisions(value.decisions, intern),
		skipped: decodeMap(value.skipped, (seq) => numberOf(seq, 'skip'), intern),
		broken: decodeMap(value.broken, (note) => ({...note}), intern),
		copyLinks: decodeMap(value.copyLinks, (links) => links.map(intern), intern),
		// Who else holds or took an item is the team's live state, never the journal's: not kept.
		elsewhere: empty.elsewhere,
		takenElsewhere: 0,
		copiesDecided: numberOf(value.copiesDecided, 'copiesDecided'),
		moved: decodeMap(value.moved, (to) => String(to), intern),
		counts: {...value.counts},
		skippedOpen: numberOf(value.skippedOpen, 'skippedOpen'),
		movedOutside: numberOf(value.movedOutside, 'movedOutside'),
		history: decodeHistory(value.history, intern),
		lowWater: numberOf(value.lowWater, 'lowWater'),
		cursor: value.cursor === null || value.cursor === undefined ? undefined : intern(value.cursor),
		scanDone: value.scanDone === true,
		lastSeq: numberOf(value.lastSeq, 'lastSeq'),
		sessions: value.sessions.map((session) => ({...session})),
	};
}

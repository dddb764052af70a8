import type {DecideRecord, DecisionOrigin, Guess, ImportNote} from './journal-record.js';
import {
	emptyMap,
	entries,
	forEachEntry,
	getEntry,
	hasEntry,
	type PersistentMap,
} from './persistent-map.js';

export type Decision = {
	readonly label: string;
	readonly seq: number;
	readonly time: string;
	readonly size: number;
	readonly mtimeMs: number;
	/** From the decision's journal record when it has them (see ItemStat). */
	readonly ctimeMs?: number;
	readonly ino?: number;
	readonly ms: number;
	readonly via: DecideRecord['via'];
	readonly guess?: Guess;
	/** Set on a decision imported from a file. */
	readonly imported?: ImportNote;
	/** A grid page or the auto-accept policy; absent for the single view. */
	readonly origin?: DecisionOrigin;
	/** Set on an exact copy decided with its group: the path whose decision it follows. */
	readonly copyOf?: string;
};

/** Why an item was set aside as broken, with the file's stat at the time. */
export type Elsewhere = 'unclaimed' | 'taken';

export type BrokenNote = {
	readonly reason: string;
	readonly detail: string;
	readonly size: number;
	readonly mtimeMs: number;
};

/** One entry of the undo stack: what a decide or skip replaced, so undo can put it back. */
export type UndoEntry = {
	readonly seq: number;
	readonly path: string;
	readonly previousDecision: Decision | undefined;
	readonly previousSkip: number | undefined;
};

type Stack<T> = {readonly top: T; readonly rest: Stack<T>} | undefined;

/**
The items in scan order. The arrays are append-only and shared between states: a state sees only
its first `length` entries, so older states never observe later appends (see `withItems`).
*/
export type Catalog = {
	readonly paths: string[];
	readonly positions: Map<string, number>;
	readonly length: number;
};

export type WorkSession = {
	readonly start: string;
	readonly decided: number;
	readonly activeMs: number;
};

export type SessionState = {
	readonly classes: readonly string[];
	readonly catalog: Catalog;
	readonly decisions: PersistentMap<Decision>;
	/** Undecided-or-not, the seq of each item's latest skip: the skip queue's order. */
	readonly skipped: PersistentMap<number>;
	/** Items that are not usable images: never the cursor. */
	readonly broken: PersistentMap<BrokenNote>;
	/**
	Team labeling: items this session may not show, never the cursor while here. `unclaimed`: not
	claimed by this session yet; `taken`: another labeler holds or decided it (out of the total).
	*/
	readonly elsewhere: PersistentMap<Elsewhere>;
	readonly takenElsewhere: number;
	/** Decided path to the exact copies decided with it (undone with it). */
	readonly copyLinks: PersistentMap<readonly string[]>;
	/** Decisions that are exact copies following another: kept apart from a person's decisions. */
	readonly copiesDecided: number;
	/** Where committed files went. */
	readonly moved: PersistentMap<string>;
	readonly counts: Readonly<Record<string, number>>;
	/** Skipped items not decided since: kept as a count so progress is O(1) per frame. */
	readonly skippedOpen: number;
	/** Moved items whose path is not in the catalog (the scan ignores the output folder). */
	readonly movedOutside: number;
	readonly history: Stack<UndoEntry>;
	/** Every catalog index below this is decided or skipped. */
	readonly lowWater: number;
	/** The item on screen, or undefined when nothing is left (or nothing was found yet). */
	readonly cursor: string | undefined;
	readonly scanDone: boolean;
	readonly lastSeq: number;
	readonly sessions: readonly WorkSession[];
};

export function initialState(classes: readonly string[]): SessionState {
	return {
		classes,
		catalog: {paths: [], positions: new Map(), length: 0},
		decisions: emptyMap(),
		skipped: emptyMap(),
		broken: emptyMap(),
		elsewhere: emptyMap(),
		takenElsewhere: 0,
		copyLinks: emptyMap(),
		copiesDecided: 0,
		moved: emptyMap(),
		counts: Object.fromEntries(classes.map((name) => [name, 0])),
		skippedOpen: 0,
		movedOutside: 0,
		history: undefined,
		lowWater: 0,
		cursor: undefined,
		scanDone: false,
		lastSeq: 0,
		sessions: [],
	};
}

export function catalogPosition(catalog: Catalog, path: string): number | undefined {
	const position = catalog.positions.get(path);
	return position !== undefined && position < catalog.length ? position : undefined;
}

export function isInCatalog(catalog: Catalog, path: string): boolean {
	return catalogPosition(catalog, path) !== undefined;
}

/**
Appends new paths, sharing the arrays when this state owns their tail, copying otherwise. `intern`
gives a copy of a path the state holds already (a resumed snapshot's), kept instead of the new one.
*/
export function withItems(
	catalog: Catalog,
	paths: readonly string[],
	intern?: (path: string) => string | undefined,
): Catalog {
	const ownsTail = catalog.paths.length === catalog.length;
	const list = ownsTail ? catalog.paths : catalog.paths.slice(0, catalog.length);
	const positions = ownsTail
		? catalog.positions
		: new Map([...catalog.positions].filter(([, position]) => position < catalog.length));
	for (const path of paths) {
		if (!positions.has(path)) {
			const kept = intern?.(path) ?? path;
			positions.set(kept, list.length);
			list.push(kept);
		}
	}

	return {paths: list, positions, length: list.length};
}

/**
The catalog's own copy of each path (the path itself where it has none): a walk's strings for
paths a resumed snapshot named already are garbage once found, unless kept elsewhere.
*/
export function catalogCopies(catalog: Catalog, paths: readonly string[]): string[] {
	return paths.map((path) => catalog.paths[catalogPosition(catalog, path) ?? -1] ?? path);
}

export function isOpen(state: SessionState, path: string): boolean {
	return (
		!hasEntry(state.decisions, path) &&
		!hasEntry(state.skipped, path) &&
		!hasEntry(state.broken, path) &&
		!hasEntry(state.elsewhere, path)
	);
}

/** Moves the low-water mark past decided and skipped items. */
export function advanceLowWater(state: SessionState): number {
	let position = state.lowWater;
	const {paths, length} = state.catalog;
	while (position < length && !isOpen(state, paths[position] ?? '')) {
		position++;
	}

	return position;
}

/** The first open item in scan order; then skipped items, oldest skip first; else undefined. */
export function nextItem(state: SessionState, lowWater: number): string | undefined {
	const {paths, length} = state.catalog;
	if (lowWater < length) {
		return paths[lowWater];
	}

	let best: string | undefined;
	let bestSeq = Number.POSITIVE_INFINITY;
	forEachEntry(state.skipped, (seq, path) => {
		const gone = hasEntry(state.broken, path) || hasEntry(state.elsewhere, path);
		if (seq < bestSeq && !hasEntry(state.decisions, path) && !gone) {
			best = path;
			bestSeq = seq;
		}
	});

	return best;
}

export type Progress = {
	/** Items a person decided (exact copies decided with them are in `copies`). */
	readonly decided: number;
	readonly total: number;
	readonly skipped: number;
	readonly committed: number;
	/** Items set aside as broken. */
	readonly broken: number;
	/** Exact copies decided with another item. */
	readonly copies: number;
	readonly scanDone: boolean;
};

export function progressOf(state: SessionState): Progress {
	return {
		decided: state.decisions.size - state.copiesDecided,
		total: state.catalog.length + state.movedOutside - state.takenElsewhere,
		skipped: state.skippedOpen,
		committed: state.moved.size,
		broken: state.broken.size,
		copies: state.copiesDecided,
		scanDone: state.scanDone,
	};
}

/**
Decisions per class, exact copies decided with their group left out: these add up to
`progressOf(state).decided` (`state.counts` counts the copies too).
*/
export function decidedPerClass(state: SessionState): Record<string, number> {
	const perClass: Record<string, number> = Object.fromEntries(
		state.classes.map((name) => [name, 0]),
	);
	for (const [, decision] of entries(state.decisions)) {
		if (decision.copyOf === undefined)
			perClass[decision.label] = (perClass[decision.label] ?? 0) + 1;
	}

	return perClass;
}

export function decisionOf(state: SessionState, path: string): Decision | undefined {
	return getEntry(state.decisions, path);
}

/**
The items that will be shown after the cursor, in order, for prefetching. Looks at most
`limit * 4` catalog entries past the low-water mark so it stays cheap on every keypress.
*/
export function upcomingItems(state: SessionState, limit: number): string[] {
	const upcoming: string[] = [];
	const {paths, length} = state.catalog;
	for (
		let position = state.lowWater;
		position < length && upcoming.length < limit && position < state.lowWater + limit * 4;
		position++
	) {
		const path = paths[position];
		if (path !== undefined && path !== state.cursor && isOpen(state, path)) {
			upcoming.push(path);
		}
	}

	return upcoming;
}

/** The seq for an action: the next one live; a replayed record's own, if it moves forward. */
export function nextSeq(state: SessionState, action: {readonly seq?: number}): number | undefined {
	if (action.seq === undefined) {
		return state.lastSeq + 1;
	}

	return action.seq > state.lastSeq ? action.seq : undefined;
}

/** Moves the cursor to the next item to label, after a decide or skip. */
export function advance(state: SessionState): SessionState {
	const lowWater = advanceLowWater(state);
	return {...state, lowWater, cursor: nextItem(state, lowWater)};
}

/** Per-class counts with one label moved by `delta`: a small object, copied per decision. */
export function countDelta(
	counts: Readonly<Record<string, number>>,
	label: string,
	delta: number,
): Readonly<Record<string, number>> {
	return {...counts, [label]: (counts[label] ?? 0) + delta};
}

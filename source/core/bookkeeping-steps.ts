import type {MovedRecord, RestoredRecord, SessionRecord} from './journal-record.js';
import {
	beginEdit,
	deleteEntry,
	type Edit,
	getEntry,
	hasEntry,
	sealMap,
	setEntry,
} from './persistent-map.js';
import type {Sequenced, Transition} from './session-actions.js';
import {
	advance,
	catalogPosition,
	type Elsewhere,
	isInCatalog,
	isOpen,
	nextSeq,
	type SessionState,
	withItems,
} from './session-state.js';

export function moved(
	state: SessionState,
	action: Sequenced & {path: string; to: string; label: string},
	edit: Edit | undefined,
): Transition | undefined {
	const seq = nextSeq(state, action);
	if (seq === undefined) {
		return undefined;
	}

	const {path, to, label} = action;
	const counts = hasEntry(state.moved, path) || isInCatalog(state.catalog, path) ? 0 : 1;
	const record: MovedRecord = {v: 1, seq, time: action.time, op: 'moved', path, to, label};
	return {
		state: {
			...state,
			moved: setEntry(state.moved, path, to, edit),
			movedOutside: state.movedOutside + counts,
			lastSeq: seq,
		},
		record,
	};
}

export function restored(
	state: SessionState,
	action: Sequenced & {path: string; from: string},
	edit: Edit | undefined,
): Transition | undefined {
	const seq = nextSeq(state, action);
	if (seq === undefined || !hasEntry(state.moved, action.path)) {
		return undefined;
	}

	const {path, from} = action;
	const wasOutside = !isInCatalog(state.catalog, path);
	const record: RestoredRecord = {v: 1, seq, time: action.time, op: 'restored', path, from};
	return {
		state: {
			...state,
			moved: deleteEntry(state.moved, path, edit),
			// The file is back at its path, so it is an item again.
			catalog: withItems(state.catalog, [path]),
			movedOutside: state.movedOutside - (wasOutside ? 1 : 0),
			lastSeq: seq,
		},
		record,
	};
}

export function itemsFound(
	state: SessionState,
	paths: readonly string[],
	unclaimed: boolean,
): SessionState {
	const before = state.catalog.length;
	// A resumed snapshot names most paths already: the catalog keeps its strings, not a second copy.
	const catalog = withItems(state.catalog, paths, (path) => state.decisions.base?.keyOf(path));
	let {movedOutside, elsewhere} = state;
	// One batch edit: each bucket is copied once per batch, not once per item. A coalesced walk
	// batch holds thousands of paths; at 100k items a copy per item held the UI thread for
	// hundreds of ms per batch (tests/core/items-found.test.ts has the figures).
	const edit = beginEdit();
	for (let position = before; position < catalog.length; position++) {
		const path = catalog.paths[position] ?? '';
		if (hasEntry(state.moved, path)) {
			movedOutside--;
		}

		// Hidden until claimed; this person's own decisions and skips stay theirs.
		if (unclaimed && isOpen(state, path)) {
			elsewhere = setEntry(elsewhere, path, 'unclaimed', edit);
		}
	}

	const next = {...state, catalog, movedOutside, elsewhere: sealMap(elsewhere)};
	// Keep the image the user is looking at; only fill an empty screen.
	return state.cursor === undefined ? advance(next) : next;
}

/**
Team labeling: where items stand for this session. Hidden ones (`unclaimed`, `taken`) leave the
queue, the cursor moving on if it was on one; claimed ones (`here`) join it in place.
*/
export function markElsewhere(
	state: SessionState,
	paths: readonly string[],
	to: 'here' | Elsewhere,
): SessionState {
	let {elsewhere, lowWater, takenElsewhere} = state;
	const edit = beginEdit();
	for (const path of paths) {
		const before = getEntry(elsewhere, path);
		if (before === to) continue;
		takenElsewhere += (to === 'taken' ? 1 : 0) - (before === 'taken' ? 1 : 0);
		if (to === 'here') {
			elsewhere = deleteEntry(elsewhere, path, edit);
			if (before !== undefined) {
				lowWater = Math.min(lowWater, catalogPosition(state.catalog, path) ?? lowWater);
			}
		} else {
			elsewhere = setEntry(elsewhere, path, to, edit);
		}
	}

	elsewhere = sealMap(elsewhere);
	const next = {...state, elsewhere, lowWater, takenElsewhere};
	const cursorGone = state.cursor !== undefined && hasEntry(elsewhere, state.cursor);
	return state.cursor === undefined || cursorGone ? advance(next) : next;
}

export function sessionStart(
	state: SessionState,
	action: Sequenced & {user: string; host: string; pid: number},
): Transition | undefined {
	const seq = nextSeq(state, action);
	if (seq === undefined) {
		return undefined;
	}

	const {user, host, pid, time} = action;
	const record: SessionRecord = {v: 1, seq, time, op: 'session', user, host, pid};
	return {
		state: {
			...state,
			sessions: [{start: time, decided: 0, activeMs: 0}, ...state.sessions],
			lastSeq: seq,
		},
		record,
	};
}

import type {
	DecideRecord,
	Guess,
	ItemStat,
	JournalRecord,
	MovedRecord,
	RestoredRecord,
	SessionRecord,
	SkipRecord,
	UndoRecord,
} from './journal-record.js';
import {deleteEntry, type Edit, getEntry, hasEntry, setEntry} from './persistent-map.js';
import {
	advanceLowWater,
	catalogPosition,
	type Decision,
	isInCatalog,
	nextItem,
	type SessionState,
	withItems,
} from './session-state.js';

/** Replayed actions carry the seq of their record; live ones get the next seq. */
type Sequenced = {readonly time: string; readonly seq?: number};

export type SessionAction =
	| {readonly type: 'items-found'; readonly paths: readonly string[]}
	| {readonly type: 'scan-finished'}
	| (Sequenced & {
			readonly type: 'decide';
			readonly item: ItemStat;
			readonly label: string;
			readonly ms: number;
			readonly guess?: Guess;
	  })
	| (Sequenced & {
			readonly type: 'accept-guess';
			readonly item: ItemStat;
			readonly guess: Guess | undefined;
			readonly ms: number;
	  })
	| (Sequenced & {readonly type: 'skip'; readonly item: ItemStat; readonly ms: number})
	| (Sequenced & {readonly type: 'undo'; readonly target?: number})
	| (Sequenced & {
			readonly type: 'moved';
			readonly path: string;
			readonly to: string;
			readonly label: string;
	  })
	| (Sequenced & {readonly type: 'restored'; readonly path: string; readonly from: string})
	| (Sequenced & {
			readonly type: 'session-start';
			readonly user: string;
			readonly host: string;
			readonly pid: number;
	  });

export type Transition = {
	readonly state: SessionState;
	/** The journal record that makes this transition durable; none for scan events. */
	readonly record: JournalRecord | undefined;
};

function nextSeq(state: SessionState, action: Sequenced): number | undefined {
	if (action.seq === undefined) {
		return state.lastSeq + 1;
	}

	return action.seq > state.lastSeq ? action.seq : undefined;
}

/** Moves the cursor to the next item to label, after a decide or skip. */
function advance(state: SessionState): SessionState {
	const lowWater = advanceLowWater(state);
	return {...state, lowWater, cursor: nextItem(state, lowWater)};
}

function countDelta(
	counts: Readonly<Record<string, number>>,
	label: string,
	delta: number,
): Readonly<Record<string, number>> {
	return {...counts, [label]: (counts[label] ?? 0) + delta};
}

function decide(
	state: SessionState,
	action: Sequenced & {item: ItemStat; label: string; ms: number; guess?: Guess | undefined},
	via: 'key' | 'guess',
	edit: Edit | undefined,
): Transition | undefined {
	const seq = nextSeq(state, action);
	if (seq === undefined || !state.classes.includes(action.label) || action.item.path === '') {
		return undefined;
	}

	const {path, size, mtimeMs} = action.item;
	const previousDecision = getEntry(state.decisions, path);
	const previousSkip = getEntry(state.skipped, path);
	const record: DecideRecord = {
		v: 1,
		seq,
		time: action.time,
		op: 'decide',
		path,
		size,
		mtimeMs,
		label: action.label,
		ms: action.ms,
		via,
		...(action.guess ? {guess: action.guess} : {}),
	};
	const decision: Decision = {
		label: action.label,
		seq,
		time: action.time,
		size,
		mtimeMs,
		ms: action.ms,
		via,
		...(action.guess ? {guess: action.guess} : {}),
	};
	let counts = countDelta(state.counts, action.label, 1);
	if (previousDecision) {
		counts = countDelta(counts, previousDecision.label, -1);
	}

	const [current, ...past] = state.sessions;
	const sessions = current
		? [{...current, decided: current.decided + 1, activeMs: current.activeMs + action.ms}, ...past]
		: state.sessions;
	const next: SessionState = {
		...state,
		decisions: setEntry(state.decisions, path, decision, edit),
		counts,
		skippedOpen:
			previousSkip !== undefined && !previousDecision ? state.skippedOpen - 1 : state.skippedOpen,
		history: {top: {seq, path, previousDecision, previousSkip}, rest: state.history},
		lastSeq: seq,
		sessions,
	};
	return {state: advance(next), record};
}

function skip(
	state: SessionState,
	action: Sequenced & {item: ItemStat; ms: number},
	edit: Edit | undefined,
): Transition | undefined {
	const seq = nextSeq(state, action);
	const {path, size, mtimeMs} = action.item;
	if (seq === undefined || path === '' || hasEntry(state.decisions, path)) {
		return undefined;
	}

	const previousSkip = getEntry(state.skipped, path);
	const record: SkipRecord = {
		v: 1,
		seq,
		time: action.time,
		op: 'skip',
		path,
		size,
		mtimeMs,
		ms: action.ms,
	};
	const next: SessionState = {
		...state,
		skipped: setEntry(state.skipped, path, seq, edit),
		skippedOpen: previousSkip === undefined ? state.skippedOpen + 1 : state.skippedOpen,
		history: {top: {seq, path, previousDecision: undefined, previousSkip}, rest: state.history},
		lastSeq: seq,
	};
	return {state: advance(next), record};
}

function undo(
	state: SessionState,
	action: Sequenced & {target?: number | undefined},
	edit: Edit | undefined,
): Transition | undefined {
	const seq = nextSeq(state, action);
	const entry = state.history?.top;
	if (seq === undefined || !entry || (action.target !== undefined && action.target !== entry.seq)) {
		return undefined;
	}

	const {path, previousDecision, previousSkip} = entry;
	const undone = getEntry(state.decisions, path);
	const wasSkipped = hasEntry(state.skipped, path);
	let {counts, decisions, skipped, skippedOpen} = state;
	if (undone && undone.seq === entry.seq) {
		counts = countDelta(counts, undone.label, -1);
		if (previousDecision) {
			counts = countDelta(counts, previousDecision.label, 1);
			decisions = setEntry(decisions, path, previousDecision, edit);
		} else {
			decisions = deleteEntry(decisions, path, edit);
			skippedOpen += wasSkipped ? 1 : 0;
		}
	} else {
		// Undoing a skip: put back the skip it replaced, if any.
		skipped =
			previousSkip === undefined
				? deleteEntry(skipped, path, edit)
				: setEntry(skipped, path, previousSkip, edit);
		skippedOpen -= previousSkip === undefined ? 1 : 0;
	}

	const position = catalogPosition(state.catalog, path);
	const record: UndoRecord = {v: 1, seq, time: action.time, op: 'undo', path, target: entry.seq};
	const next: SessionState = {
		...state,
		decisions,
		skipped,
		skippedOpen,
		counts,
		history: state.history?.rest,
		lowWater: position === undefined ? state.lowWater : Math.min(state.lowWater, position),
		cursor: path,
		lastSeq: seq,
	};
	return {state: next, record};
}

function moved(
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

function restored(
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

function itemsFound(state: SessionState, paths: readonly string[]): SessionState {
	const before = state.catalog.length;
	const catalog = withItems(state.catalog, paths);
	let {movedOutside} = state;
	for (let position = before; position < catalog.length; position++) {
		if (hasEntry(state.moved, catalog.paths[position] ?? '')) {
			movedOutside--;
		}
	}

	const next = {...state, catalog, movedOutside};
	// Keep the image the user is looking at; only fill an empty screen.
	return state.cursor === undefined ? advance(next) : next;
}

function sessionStart(
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

/** One step of the session, with the journal record that makes it durable. Undefined: invalid. */
export function transition(
	state: SessionState,
	action: SessionAction,
	edit?: Edit,
): Transition | undefined {
	switch (action.type) {
		case 'items-found': {
			return {state: itemsFound(state, action.paths), record: undefined};
		}

		case 'scan-finished': {
			const next = {...state, scanDone: true};
			return {state: state.cursor === undefined ? advance(next) : next, record: undefined};
		}

		case 'decide': {
			return decide(state, action, 'key', edit);
		}

		case 'accept-guess': {
			return action.guess
				? decide(state, {...action, label: action.guess.label}, 'guess', edit)
				: undefined;
		}

		case 'skip': {
			return skip(state, action, edit);
		}

		case 'undo': {
			return undo(state, action, edit);
		}

		case 'moved': {
			return moved(state, action, edit);
		}

		case 'restored': {
			return restored(state, action, edit);
		}

		case 'session-start': {
			return sessionStart(state, action);
		}
	}
}

/** The session reducer: the same state back when an action does not apply. */
export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
	return transition(state, action)?.state ?? state;
}

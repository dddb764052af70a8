import {undoCopies} from './hygiene-steps.js';
import {
	type DecideRecord,
	type DecisionOrigin,
	fileIdentity,
	type Guess,
	type ImportNote,
	type ItemStat,
	type SkipRecord,
	type UndoRecord,
} from './journal-record.js';
import type {Mutable} from './mutable.js';
import {deleteEntry, type Edit, getEntry, hasEntry, setEntry} from './persistent-map.js';
import {dropSetAside} from './reopen-steps.js';
import type {Sequenced, Transition} from './session-actions.js';
import {
	advance,
	catalogPosition,
	countDelta,
	type Decision,
	nextSeq,
	type SessionState,
} from './session-state.js';
import {copyState} from './state-copy.js';

/**
Live steps move the cursor at once. In a batch (a journal replay) finding the next item can cost
O(skipped) per step, so the cursor is left unset (by the step's own copy of the state, as a second
copy per record costs a replay a tenth of its time) and the fold computes it once at the end.
*/
function advanceUnlessBatch(state: SessionState, edit: Edit | undefined): SessionState {
	return edit ? state : advance(state);
}

function cursorUnlessBatch(state: SessionState, edit: Edit | undefined): string | undefined {
	return edit ? undefined : state.cursor;
}

/** The sessions with the current one (first) credited with a decision. */
function creditCurrentSession(
	sessions: SessionState['sessions'],
	ms: number,
): SessionState['sessions'] {
	const [current] = sessions;
	if (!current) {
		return sessions;
	}

	// slice, not a rest pattern: a replay does this per decision, and rest goes through an iterator.
	const credited = sessions.slice();
	credited[0] = {...current, decided: current.decided + 1, activeMs: current.activeMs + ms};
	return credited;
}

export type DecideAction = Sequenced & {
	item: ItemStat;
	label: string;
	ms: number;
	guess?: Guess | undefined;
	imported?: ImportNote | undefined;
	origin?: DecisionOrigin | undefined;
};

/**
The record a decide writes, given its sequence number. An import builds its records with it
directly: it appends them and exits, so folding each into a state of its own would be wasted.
Built by assignment, keys in the order the journal has always written them: the conditional
spreads made throwaway objects, ~460 bytes of garbage per record against ~150 now.
*/
export function decideRecord(
	seq: number,
	action: DecideAction,
	via: DecideRecord['via'],
): DecideRecord {
	const {item} = action;
	const record: Mutable<DecideRecord> = {
		v: 1,
		seq,
		time: action.time,
		op: 'decide',
		path: item.path,
		size: item.size,
		mtimeMs: item.mtimeMs,
	} as Mutable<DecideRecord>;
	if (item.ctimeMs !== undefined) record.ctimeMs = item.ctimeMs;
	if (item.ino !== undefined) record.ino = item.ino;
	record.label = action.label;
	record.ms = action.ms;
	record.via = via;
	if (action.guess) record.guess = action.guess;
	if (via === 'import' && action.imported) record.imported = action.imported;
	if (action.origin) record.origin = action.origin;
	return record;
}

/** The decision a decide makes: as decideRecord, by assignment, in Decision's key order. */
function decisionOf(seq: number, action: DecideAction, via: DecideRecord['via']): Decision {
	const {item} = action;
	const decision: Mutable<Decision> = {
		label: action.label,
		seq,
		time: action.time,
		size: item.size,
		mtimeMs: item.mtimeMs,
	} as Mutable<Decision>;
	if (item.ctimeMs !== undefined) decision.ctimeMs = item.ctimeMs;
	if (item.ino !== undefined) decision.ino = item.ino;
	decision.ms = action.ms;
	decision.via = via;
	if (action.guess) decision.guess = action.guess;
	if (via === 'import' && action.imported) decision.imported = action.imported;
	if (action.origin) decision.origin = action.origin;
	return decision;
}

export function decide(
	state: SessionState,
	action: DecideAction,
	via: DecideRecord['via'],
	edit: Edit | undefined,
): Transition | undefined {
	const seq = nextSeq(state, action);
	if (seq === undefined || !state.classes.includes(action.label) || action.item.path === '') {
		return undefined;
	}

	const {path} = action.item;
	const previousDecision = getEntry(state.decisions, path);
	const previousSkip = getEntry(state.skipped, path);
	const record = decideRecord(seq, action, via);
	const decision = decisionOf(seq, action, via);
	let counts = countDelta(state.counts, action.label, 1);
	if (previousDecision) {
		counts = countDelta(counts, previousDecision.label, -1);
	}

	const next = copyState(state);
	next.cursor = cursorUnlessBatch(state, edit);
	next.decisions = setEntry(state.decisions, path, decision, edit);
	next.counts = counts;
	if (previousSkip !== undefined && !previousDecision) next.skippedOpen--;
	next.history = {top: {seq, path, previousDecision, previousSkip}, rest: state.history};
	next.lastSeq = seq;
	next.sessions = creditCurrentSession(state.sessions, action.ms);
	return {state: advanceUnlessBatch(next, edit), record};
}

export function skip(
	state: SessionState,
	action: Sequenced & {item: ItemStat; ms: number},
	edit: Edit | undefined,
): Transition | undefined {
	const seq = nextSeq(state, action);
	const {path} = action.item;
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
		...fileIdentity(action.item),
		ms: action.ms,
	};
	const next = copyState(state);
	next.cursor = cursorUnlessBatch(state, edit);
	next.skipped = setEntry(state.skipped, path, seq, edit);
	if (previousSkip === undefined) next.skippedOpen++;
	next.history = {top: {seq, path, previousDecision: undefined, previousSkip}, rest: state.history};
	next.lastSeq = seq;
	return {state: advanceUnlessBatch(next, edit), record};
}

export function undo(
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
	const next = copyState(state);
	next.decisions = decisions;
	next.skipped = skipped;
	next.skippedOpen = skippedOpen;
	next.counts = counts;
	next.history = state.history?.rest;
	if (position !== undefined) next.lowWater = Math.min(state.lowWater, position);
	next.cursor = path;
	next.lastSeq = seq;
	// A group decision is undone whole: its exact copies are open again too.
	const undoneDecision = undone !== undefined && undone.seq === entry.seq;
	const settled = undoneDecision ? undoCopies(next, path, edit) : next;
	// What a reopen set aside under this entry is never undone: the next undo skips it.
	return {state: {...settled, history: dropSetAside(settled)}, record};
}

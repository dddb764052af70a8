import {undoCopies} from './hygiene-steps.js';
import type {ReopenReason, ReopenRecord} from './journal-record.js';
import {deleteEntry, type Edit, getEntry, hasEntry, setEntry} from './persistent-map.js';
import type {Sequenced, Transition} from './session-actions.js';
import {
	advance,
	catalogPosition,
	countDelta,
	nextSeq,
	type SessionState,
	type UndoEntry,
} from './session-state.js';

/** An undo entry still describes the item: its decision or skip is the current one. */
function isLive(state: SessionState, entry: UndoEntry): boolean {
	return (
		getEntry(state.decisions, entry.path)?.seq === entry.seq ||
		getEntry(state.skipped, entry.path) === entry.seq
	);
}

/**
The undo stack without the entries a reopen set aside on its top, so `history.top` is always what
an undo acts on. Those entries were about a file that is no longer there: undo never brings them
back. Each entry is dropped once, so this is O(1) amortized.
*/
export function dropSetAside(state: SessionState): SessionState['history'] {
	let {history} = state;
	while (history && !isLive(state, history.top)) {
		history = history.rest;
	}

	return history;
}

/**
Sets aside the decision of a file that changed or vanished after it was decided (the commit found
it so): the item is undecided and not skipped, so the labeling loop visits it again in scan order.
Exact copies decided with it open again as with undo, but those a commit already moved stay. A
copy that is reopened leaves its group. Invalid (undefined) when the item is not decided or its
file was already moved.
*/
export function reopen(
	state: SessionState,
	action: Sequenced & {
		path: string;
		reason: ReopenReason;
		size?: number | undefined;
		mtimeMs?: number | undefined;
	},
	edit: Edit | undefined,
): Transition | undefined {
	const seq = nextSeq(state, action);
	const {path, reason, size, mtimeMs} = action;
	const decision = getEntry(state.decisions, path);
	if (seq === undefined || decision === undefined || hasEntry(state.moved, path)) {
		return undefined;
	}

	const record: ReopenRecord = {
		v: 1,
		seq,
		time: action.time,
		op: 'reopen',
		path,
		reason,
		...(size === undefined ? {} : {size}),
		...(mtimeMs === undefined ? {} : {mtimeMs}),
	};
	const group = decision.copyOf;
	let {copyLinks} = state;
	if (group !== undefined) {
		const others = (getEntry(copyLinks, group) ?? []).filter((copy) => copy !== path);
		copyLinks =
			others.length > 0
				? setEntry(copyLinks, group, others, edit)
				: deleteEntry(copyLinks, group, edit);
	}

	const position = catalogPosition(state.catalog, path);
	const next: SessionState = {
		...state,
		decisions: deleteEntry(state.decisions, path, edit),
		skipped: deleteEntry(state.skipped, path, edit),
		copyLinks,
		counts: countDelta(state.counts, decision.label, -1),
		copiesDecided: state.copiesDecided - (group === undefined ? 0 : 1),
		lowWater: position === undefined ? state.lowWater : Math.min(state.lowWater, position),
		lastSeq: seq,
	};
	const opened = undoCopies(next, path, edit, (copy) => !hasEntry(state.moved, copy));
	const settled: SessionState = {...opened, history: dropSetAside(opened)};
	// Keep the image on screen; fill an empty one live (a replay settles the cursor at its end).
	return {state: !edit && settled.cursor === undefined ? advance(settled) : settled, record};
}

import {type BrokenRecord, type CopyRecord, fileIdentity, type ItemStat} from './journal-record.js';
import {deleteEntry, type Edit, getEntry, hasEntry, setEntry} from './persistent-map.js';
import type {Sequenced, Transition} from './session-actions.js';
import {
	advance,
	catalogPosition,
	countDelta,
	type Decision,
	nextSeq,
	type SessionState,
} from './session-state.js';

/** Only the item on screen needs a new cursor; a batch (replay) settles the cursor at its end. */
function settleCursor(state: SessionState, path: string, edit: Edit | undefined): SessionState {
	if (edit) {
		return {...state, cursor: undefined};
	}

	return state.cursor === path || state.cursor === undefined ? advance(state) : state;
}

/** Sets an undecided item aside as broken: it never becomes the cursor and counts as broken. */
export function markBroken(
	state: SessionState,
	action: Sequenced & {item: ItemStat; reason: string; detail: string},
	edit: Edit | undefined,
): Transition | undefined {
	const seq = nextSeq(state, action);
	const {path, size, mtimeMs} = action.item;
	if (
		seq === undefined ||
		path === '' ||
		action.reason === '' ||
		hasEntry(state.decisions, path) ||
		hasEntry(state.broken, path)
	) {
		return undefined;
	}

	const {reason, detail} = action;
	const record: BrokenRecord = {
		v: 1,
		seq,
		time: action.time,
		op: 'broken',
		path,
		size,
		mtimeMs,
		reason,
		detail,
	};
	const next: SessionState = {
		...state,
		broken: setEntry(state.broken, path, {reason, detail, size, mtimeMs}, edit),
		// A skipped item that turns out broken will not come back at the end.
		skippedOpen: hasEntry(state.skipped, path) ? state.skippedOpen - 1 : state.skippedOpen,
		lastSeq: seq,
	};
	return {state: settleCursor(next, path, edit), record};
}

/**
Decides an exact copy of a decided item with the same label. Not on the undo stack: undoing the
decision of `of` undoes its copies too (see `undoCopies`).
*/
export function decideCopy(
	state: SessionState,
	action: Sequenced & {item: ItemStat; of: string; label: string},
	edit: Edit | undefined,
): Transition | undefined {
	const seq = nextSeq(state, action);
	const {path} = action.item;
	const identity = fileIdentity(action.item);
	const source = getEntry(state.decisions, action.of);
	if (
		seq === undefined ||
		path === '' ||
		path === action.of ||
		source === undefined ||
		source.copyOf !== undefined ||
		source.label !== action.label ||
		hasEntry(state.decisions, path) ||
		hasEntry(state.broken, path)
	) {
		return undefined;
	}

	const {label, of} = action;
	const record: CopyRecord = {
		v: 1,
		seq,
		time: action.time,
		op: 'copy',
		path,
		...identity,
		of,
		label,
	};
	const decision: Decision = {
		label,
		seq,
		time: action.time,
		...identity,
		ms: 0,
		via: 'key',
		copyOf: of,
	};
	const next: SessionState = {
		...state,
		decisions: setEntry(state.decisions, path, decision, edit),
		copyLinks: setEntry(
			state.copyLinks,
			of,
			[...(getEntry(state.copyLinks, of) ?? []), path],
			edit,
		),
		counts: countDelta(state.counts, label, 1),
		copiesDecided: state.copiesDecided + 1,
		skippedOpen: hasEntry(state.skipped, path) ? state.skippedOpen - 1 : state.skippedOpen,
		lastSeq: seq,
	};
	return {state: settleCursor(next, path, edit), record};
}

/** The exact copies decided with `path`'s decision, in the order they were decided. */
export function copiesOf(state: SessionState, path: string): readonly string[] {
	return (getEntry(state.copyLinks, path) ?? []).filter(
		(copy) => getEntry(state.decisions, copy)?.copyOf === path,
	);
}

/**
Undoes the copies decided with `path` (its decision is being undone or set aside): they are open
again, but those `reopens` turns down keep their decision. The group's links go either way.
*/
export function undoCopies(
	state: SessionState,
	path: string,
	edit: Edit | undefined,
	reopens: (copy: string) => boolean = () => true,
): SessionState {
	const copies = copiesOf(state, path).filter(reopens);
	if (!hasEntry(state.copyLinks, path)) {
		return state;
	}

	let {counts, decisions, skippedOpen, lowWater} = state;
	for (const copy of copies) {
		const decision = getEntry(decisions, copy);
		if (decision) {
			counts = countDelta(counts, decision.label, -1);
		}

		decisions = deleteEntry(decisions, copy, edit);
		skippedOpen += hasEntry(state.skipped, copy) ? 1 : 0;
		const position = catalogPosition(state.catalog, copy);
		lowWater = position === undefined ? lowWater : Math.min(lowWater, position);
	}

	return {
		...state,
		counts,
		decisions,
		skippedOpen,
		lowWater,
		copiesDecided: state.copiesDecided - copies.length,
		copyLinks: deleteEntry(state.copyLinks, path, edit),
	};
}

/** The member of a group whose decision the others follow: decided by a person, not as a copy. */
export function groupSource(state: SessionState, group: readonly string[]): string | undefined {
	for (const member of group) {
		const decision = getEntry(state.decisions, member);
		if (decision !== undefined) {
			return decision.copyOf ?? member;
		}
	}

	return undefined;
}

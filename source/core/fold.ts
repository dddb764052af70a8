import {assertNever} from './assert-never.js';
import type {JournalProblem} from './journal-parse.js';
import {
	type DecideRecord,
	fileIdentity,
	type ItemStat,
	type JournalRecord,
} from './journal-record.js';
import type {Mutable} from './mutable.js';
import {beginEdit, type Edit, sealMap} from './persistent-map.js';
import {type SessionAction, transition} from './session-reducer.js';
import {advance, type SessionState} from './session-state.js';

/** The file identity of a record as an item, built by assignment (a spread per record was garbage). */
function itemOf(record: ItemStat): Mutable<ItemStat> {
	const item: Mutable<ItemStat> = {path: record.path, size: record.size, mtimeMs: record.mtimeMs};
	if (record.ctimeMs !== undefined) item.ctimeMs = record.ctimeMs;
	if (record.ino !== undefined) item.ino = record.ino;
	return item;
}

/** Built by assignment: a replay makes one per record, and each spread was an object of garbage. */
function decideActionOf(record: DecideRecord): SessionAction {
	const {seq, time, label, ms, guess, origin} = record;
	const item = itemOf(record);
	if (record.via === 'guess' && guess) {
		const action: Mutable<Extract<SessionAction, {type: 'accept-guess'}>> = {
			type: 'accept-guess',
			seq,
			time,
			item,
			guess,
			ms,
		};
		// A grid or auto origin is part of the decision; `adjudicated` is read from the records.
		if (typeof origin === 'object') action.origin = origin;
		return action;
	}

	const action: Mutable<Extract<SessionAction, {type: 'decide'}>> = {
		type: 'decide',
		seq,
		time,
		item,
		label,
		ms,
	};
	if (guess) action.guess = guess;
	// An imported record always carries its note (maybe empty): that is what marks it.
	if (record.via === 'import') action.imported = record.imported ?? {};
	if (typeof origin === 'object') action.origin = origin;
	return action;
}

export function actionOfRecord(record: JournalRecord): SessionAction {
	const {seq, time} = record;
	switch (record.op) {
		case 'decide': {
			return decideActionOf(record);
		}

		case 'skip': {
			const {path, ms} = record;
			return {type: 'skip', seq, time, item: {path, ...fileIdentity(record)}, ms};
		}

		case 'undo': {
			return {type: 'undo', seq, time, target: record.target};
		}

		case 'moved': {
			return {type: 'moved', seq, time, path: record.path, to: record.to, label: record.label};
		}

		case 'restored': {
			return {type: 'restored', seq, time, path: record.path, from: record.from};
		}

		case 'broken': {
			const {path, size, mtimeMs, reason, detail} = record;
			return {type: 'broken', seq, time, item: {path, size, mtimeMs}, reason, detail};
		}

		case 'copy': {
			const {path, of, label} = record;
			return {type: 'copy', seq, time, item: {path, ...fileIdentity(record)}, of, label};
		}

		case 'reopen': {
			const {path, reason, size, mtimeMs} = record;
			return {
				type: 'reopen',
				seq,
				time,
				path,
				reason,
				...(size === undefined ? {} : {size}),
				...(mtimeMs === undefined ? {} : {mtimeMs}),
			};
		}

		case 'session': {
			const {user, host, pid} = record;
			return {type: 'session-start', seq, time, user, host, pid};
		}
		default: {
			return assertNever(record);
		}
	}
}

/** What a record is about, for a person: `decide of "a.jpg"`, `session start by "ada"`. */
function subjectOf(record: JournalRecord): string {
	if ('path' in record) return `${record.op} of ${JSON.stringify(record.path)}`;
	return `session start by ${JSON.stringify(record.user)}`;
}

export type FoldResult = {
	readonly state: SessionState;
	/** Records that parsed but do not apply (an undo of an unknown decision, a seq out of order). */
	readonly rejected: readonly JournalProblem[];
};

/**
Replays journal records into a state as a batch leaves it: maps sealed, the cursor not yet settled.
Folding a journal in two parts gives the same state as folding it whole, which is what lets a
snapshot of this state stand for the records it covers (see store/journal-snapshot.ts).
*/
export function foldRecords(
	initial: SessionState,
	records: readonly JournalRecord[],
	lineOf: (index: number) => number = (index) => index + 1,
): FoldResult {
	const edit = beginEdit();
	const rejected: JournalProblem[] = [];
	let state = initial;
	for (const [index, record] of records.entries()) {
		const next = foldStep(state, record, edit);
		if (next) {
			state = next;
		} else {
			rejected.push(rejectedRecord(record, lineOf(index)));
			state = withSeqUsed(state, record.seq);
		}
	}

	return {state: sealState(state), rejected};
}

/**
A rejected record still took its seq in the journal: the next live record must come after it, or
the ledger, which skips seqs it already holds, would drop that record unwritten.
*/
export function withSeqUsed(state: SessionState, seq: number): SessionState {
	return Number.isSafeInteger(seq) && seq > state.lastSeq ? {...state, lastSeq: seq} : state;
}

/** Ends a batch (see foldRecords): no map of the result can be changed in place any more. */
export function sealState(state: SessionState): SessionState {
	return {
		...state,
		decisions: sealMap(state.decisions),
		skipped: sealMap(state.skipped),
		broken: sealMap(state.broken),
		copyLinks: sealMap(state.copyLinks),
		moved: sealMap(state.moved),
	};
}

/**
One record of a batch that `edit` owns: the next state, or undefined when the record does not
apply. Folding records one by one under one edit, then `sealState`, gives foldRecords' state.
*/
export function foldStep(
	state: SessionState,
	record: JournalRecord,
	edit: Edit,
): SessionState | undefined {
	return transition(state, actionOfRecord(record), edit)?.state;
}

/** The problem a record that does not apply leaves, as foldRecords words it. */
export function rejectedRecord(record: JournalRecord, line: number): JournalProblem {
	return {line, reason: `${subjectOf(record)} (seq ${record.seq}) does not apply`};
}

/** Batch steps leave the cursor unset (an undo sets it to the undone item): settles it once. */
export function settleCursor(state: SessionState): SessionState {
	return state.cursor === undefined ? advance(state) : state;
}

/**
Replays journal records into a state. Same code path as live input (`transition`), so a resumed
session is exactly the one that was left. Runs as one batch, so 100k records cost O(n).
*/
export function foldJournal(
	initial: SessionState,
	records: readonly JournalRecord[],
	lineOf: (index: number) => number = (index) => index + 1,
): FoldResult {
	const folded = foldRecords(initial, records, lineOf);
	return {state: settleCursor(folded.state), rejected: folded.rejected};
}

import {assertNever} from './assert-never.js';
import type {JournalProblem, JournalRecord} from './journal-record.js';
import {beginEdit, sealMap} from './persistent-map.js';
import {type SessionAction, transition} from './session-reducer.js';
import {advance, type SessionState} from './session-state.js';

export function actionOfRecord(record: JournalRecord): SessionAction {
	const {seq, time} = record;
	switch (record.op) {
		case 'decide': {
			const {path, size, mtimeMs, label, ms, guess} = record;
			const item = {path, size, mtimeMs};
			// An imported record always carries its note (maybe empty): that is what marks it.
			const imported = record.via === 'import' ? {imported: record.imported ?? {}} : {};
			return record.via === 'guess' && guess
				? {type: 'accept-guess', seq, time, item, guess, ms}
				: {type: 'decide', seq, time, item, label, ms, ...(guess ? {guess} : {}), ...imported};
		}

		case 'skip': {
			const {path, size, mtimeMs, ms} = record;
			return {type: 'skip', seq, time, item: {path, size, mtimeMs}, ms};
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
			const {path, size, mtimeMs, of, label} = record;
			return {type: 'copy', seq, time, item: {path, size, mtimeMs}, of, label};
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

export type FoldResult = {
	readonly state: SessionState;
	/** Records that parsed but do not apply (an undo of an unknown decision, a seq out of order). */
	readonly rejected: readonly JournalProblem[];
};

/**
Replays journal records into a state. Same code path as live input (`transition`), so a resumed
session is exactly the one that was left. Runs as one batch, so 100k records cost O(n).
*/
export function foldJournal(
	initial: SessionState,
	records: readonly JournalRecord[],
	lineOf: (index: number) => number = (index) => index + 1,
): FoldResult {
	const edit = beginEdit();
	const rejected: JournalProblem[] = [];
	let state = initial;
	for (const [index, record] of records.entries()) {
		const next = transition(state, actionOfRecord(record), edit);
		if (next) {
			state = next.state;
		} else {
			rejected.push({
				line: lineOf(index),
				reason: `${record.op} of ${JSON.stringify('path' in record ? record.path : '')} (seq ${record.seq}) does not apply`,
			});
		}
	}

	const sealed = {
		...state,
		decisions: sealMap(state.decisions),
		skipped: sealMap(state.skipped),
		broken: sealMap(state.broken),
		copyLinks: sealMap(state.copyLinks),
		moved: sealMap(state.moved),
	};
	// Batch steps leave the cursor unset (an undo sets it to the undone item): settle it once here.
	return {state: sealed.cursor === undefined ? advance(sealed) : sealed, rejected};
}

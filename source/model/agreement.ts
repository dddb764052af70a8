import type {JournalRecord} from '../core/journal-record.js';
import {entries, type PersistentMap} from '../core/persistent-map.js';
import type {Decision} from '../core/session-state.js';

export type Agreement = {readonly compared: number; readonly agreed: number};

/** Of the current decisions made while a guess was shown, how many took the guessed class. */
export function agreementOf(decisions: PersistentMap<Decision>): Agreement {
	let compared = 0;
	let agreed = 0;
	for (const [, decision] of entries(decisions)) {
		if (decision.guess) {
			compared++;
			agreed += decision.guess.label === decision.label ? 1 : 0;
		}
	}

	return {compared, agreed};
}

/** Keys that acted (decide, accept, skip, undo: one journal record each) per decided image. */
export function keysPerImageOf(
	records: readonly JournalRecord[],
	decided: number,
): number | undefined {
	if (decided === 0) {
		return undefined;
	}

	const keys = records.filter(
		(record) => record.op === 'decide' || record.op === 'skip' || record.op === 'undo',
	).length;
	return keys / decided;
}

import {tableAgreement} from '../core/decision-table.js';
import type {JournalRecord} from '../core/journal-record.js';
import {forEachEntry, mapOnBase, type PersistentMap} from '../core/persistent-map.js';
import type {Decision} from '../core/session-state.js';
import {diffMaps} from './map-diff.js';

export type Agreement = {readonly compared: number; readonly agreed: number};

/** A person's decision with a guess shown: an auto-accept always agrees, so it says nothing. */
function isCompared(decision: Decision | undefined): decision is Decision & {guess: object} {
	return decision?.guess !== undefined && decision.origin?.kind !== 'auto';
}

/** Of the current decisions made while a guess was shown, how many took the guessed class. */
export function agreementOf(decisions: PersistentMap<Decision>): Agreement {
	const {base} = decisions;
	const fromColumns = tableAgreement(base);
	if (base && fromColumns) {
		// The snapshot's columns counted, then what changed since.
		return withChanges(fromColumns, mapOnBase(base), decisions);
	}

	let compared = 0;
	let agreed = 0;
	forEachEntry(decisions, (decision) => {
		if (isCompared(decision)) {
			compared++;
			agreed += decision.guess.label === decision.label ? 1 : 0;
		}
	});
	return {compared, agreed};
}

function agreementDelta(decision: Decision | undefined, sign: number): Agreement {
	return isCompared(decision)
		? {compared: sign, agreed: decision.guess.label === decision.label ? sign : 0}
		: {compared: 0, agreed: 0};
}

/** `value`, the agreement of `before`, brought to `after` by the entries that changed between them. */
function withChanges(
	value: Agreement,
	before: PersistentMap<Decision>,
	after: PersistentMap<Decision>,
): Agreement {
	let {compared, agreed} = value;
	diffMaps(before, after, (_path, old, current) => {
		const gone = agreementDelta(old, -1);
		const come = agreementDelta(current, 1);
		compared += gone.compared + come.compared;
		agreed += gone.agreed + come.agreed;
	});
	return {compared, agreed};
}

/** `agreementOf`, kept up to date from the changed part of the decisions map on each change. */
export class AgreementCounter {
	#decisions: PersistentMap<Decision> | undefined;
	#value: Agreement = {compared: 0, agreed: 0};

	of(decisions: PersistentMap<Decision>): Agreement {
		if (this.#decisions === decisions) {
			return this.#value;
		}

		this.#value =
			this.#decisions === undefined
				? agreementOf(decisions)
				: withChanges(this.#value, this.#decisions, decisions);

		this.#decisions = decisions;
		return this.#value;
	}
}

/** Counts keys record by record, so a journal can be streamed through it (see keysPerImageOf). */
export type KeyTally = {
	add(record: JournalRecord): void;
	/** Keys per decided image, undefined when nothing is decided. */
	perImage(decided: number): number | undefined;
};

export function keyTally(): KeyTally {
	let keys = 0;
	const pages = new Set<number>();
	return {
		add(record) {
			if (record.op === 'skip' || record.op === 'undo') {
				keys++;
			} else if (record.op === 'decide') {
				const origin = typeof record.origin === 'object' ? record.origin : undefined;
				if (origin?.kind === 'grid') {
					pages.add(origin.page);
					keys += origin.outcome === 'corrected' ? 2 : 0;
				} else if (origin?.kind !== 'auto') {
					keys++;
				}
			}
		},
		perImage: (decided) => (decided === 0 ? undefined : (keys + pages.size) / decided),
	};
}

/**
Keys that acted per decided image: one per decide, skip and undo record; a grid page counts its
Enter once and two keys (cell, class) per corrected cell; auto-accepts cost none.
*/
export function keysPerImageOf(
	records: Iterable<JournalRecord>,
	decided: number,
): number | undefined {
	const tally = keyTally();
	for (const record of records) tally.add(record);
	return tally.perImage(decided);
}

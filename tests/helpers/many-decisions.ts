/** States with many decisions of every shape, for the snapshot codec's tests. */
import {foldRecords} from '../../source/core/fold.js';
import type {DecideRecord, JournalRecord} from '../../source/core/journal-record.js';
import {transition} from '../../source/core/session-reducer.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';
import {randomClasses, randomJournal} from './random-journal.js';

const sources = ['builtin', 'learner', 'onnx:tiny'];

/**
`count` decide records on their own paths: a new time every 1,000 (some not in ISO form), every
third imported, every fifth guessed by one of three sources (every 35th a guess with a fourth
field, kept whole), every other with ctime and inode.
*/
export function manyDecisions(count: number, from: number): DecideRecord[] {
	return Array.from({length: count}, (_, index): DecideRecord => {
		const label = randomClasses[index % randomClasses.length] ?? 'photo';
		const second = Math.floor(index / 1000);
		const guess = {label, confidence: (index % 97) / 97, source: sources[index % 3] ?? ''};
		return {
			v: 1,
			seq: from + index,
			time:
				second % 3 === 2
					? `2026-01-01T00:00:${second}+00:00`
					: new Date(Date.UTC(2026, 0, 1) + second * 1000).toISOString(),
			op: 'decide',
			path: `part ${index % 7}/IMG_${index}.jpg`,
			size: index,
			mtimeMs: 1.5e12 + index + 0.25,
			label,
			ms: 400,
			via: index % 3 === 0 ? 'import' : 'key',
			...(index % 3 === 0 ? {imported: {annotator: `a${index % 2}`, confidence: 0.5}} : {}),
			...(index % 5 === 0 ? {guess: index % 35 === 0 ? {...guess, note: 'x'} : guess} : {}),
			...(index % 2 === 0 ? {ctimeMs: 1.6e12, ino: index} : {}),
		} as DecideRecord;
	});
}

/** A random journal, then (when `many`) that many more decisions over paths half in the catalog. */
export function randomState(seed: number, length: number, many: number): SessionState {
	const records: JournalRecord[] = randomJournal(seed, length, 60);
	const extra = manyDecisions(many, records.length + 1);
	// A second pass over the first half relabels them: each undo entry then keeps a decision.
	const again = extra.slice(0, many / 2).map((record, index) => ({
		...record,
		seq: records.length + many + 1 + index,
		label: 'meme',
	}));
	const seen = extra.filter((_, index) => index % 2 === 1).map((record) => record.path);
	const scanned = transition(initialState([...randomClasses]), {type: 'items-found', paths: seen});
	return foldRecords(scanned?.state ?? initialState([...randomClasses]), [
		...records,
		...extra,
		...again,
	]).state;
}

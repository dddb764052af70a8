import assert from 'node:assert/strict';
import test from 'node:test';
import {foldRecords} from '../../source/core/fold.js';
import type {DecideRecord, JournalRecord} from '../../source/core/journal-record.js';
import {jsonRunLength} from '../../source/core/json-runs.js';
import {transition} from '../../source/core/session-reducer.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';
import {encodeState} from '../../source/core/state-codec.js';
import {encodeStateForWriting} from '../../source/core/state-writing.js';
import {jsonParts} from '../../source/shared/json-parts.js';
import {randomClasses, randomJournal} from '../helpers/random-journal.js';

const sources = ['builtin', 'learner', 'onnx:tiny'];

/**
`count` decide records on their own paths: a new time every 1,000 (some not in ISO form), every
third imported, every fifth guessed by one of three sources (every 35th a guess with a fourth
field, kept whole), every other with ctime and inode.
*/
function manyDecisions(count: number, from: number): DecideRecord[] {
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
function randomState(seed: number, length: number, many: number): SessionState {
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

/** Each array of the encoded state longer than a run, as its JSON text. */
function longArrays(value: unknown, found: string[] = []): string[] {
	if (Array.isArray(value) && value.length > jsonRunLength) {
		found.push(JSON.stringify(value));
	} else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		for (const field of Object.values(value)) longArrays(field, found);
	}

	return found;
}

test('a state encoded for writing gives exactly the JSON of encodeState, in bounded pieces', () => {
	for (const [seed, length, many] of [
		[1, 0, 0],
		[2, 160, 0],
		[3, 300, 40],
		[6, 2000, 0],
		[4, 120, 2 * jsonRunLength + 10],
		[5, 400, 3 * jsonRunLength],
	] as const) {
		const state = randomState(seed, length, many);
		const encoded = encodeState(state);
		const whole = JSON.stringify(encoded);
		// Opened one level, as in the snapshot file: its fields are pieces only if they make their own.
		const pieces = [...jsonParts(encodeStateForWriting(state), 1)];
		assert.equal(pieces.join(''), whole, `seed ${seed}`);
		// JSON.stringify of it (no pieces asked for) is the same text too.
		assert.equal(JSON.stringify(encodeStateForWriting(state)), whole, `seed ${seed}`);
		if (many < jsonRunLength) continue;
		assert.ok(state.decisions.size > many && state.catalog.length > 0, `seed ${seed}`);
		// No piece is longer than a run of the longest values, nor holds any long array whole.
		const arrays = longArrays(encoded);
		let longestValue = 0;
		for (const text of arrays) {
			for (const value of JSON.parse(text) as unknown[]) {
				longestValue = Math.max(longestValue, JSON.stringify(value).length);
			}
		}

		for (const piece of pieces) {
			assert.ok(piece.length <= jsonRunLength * (longestValue + 1) + 64, `seed ${seed}`);
		}

		// The decision columns, the undo columns, the catalog and the paths table were long.
		assert.ok(arrays.length >= 17 + 4 + 2, `seed ${seed}: ${arrays.length} long arrays`);
		for (const text of arrays) {
			const inner = text.slice(1, -1);
			assert.ok(!pieces.some((piece) => piece.includes(inner)), `seed ${seed}: a whole array`);
		}
	}
});

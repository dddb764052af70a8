import assert from 'node:assert/strict';
import test from 'node:test';
import {foldRecords} from '../../source/core/fold.js';
import type {DecideRecord} from '../../source/core/journal-record.js';
import {jsonRunLength} from '../../source/core/json-runs.js';
import {initialState} from '../../source/core/session-state.js';
import {encodeState, encodeStateForWriting} from '../../source/core/state-codec.js';
import {jsonParts} from '../../source/shared/json-parts.js';
import {randomClasses, randomJournal} from '../helpers/random-journal.js';

/** Decisions of `count` paths, a new time every 1,000, every third imported, every fifth guessed. */
function manyDecisions(count: number): DecideRecord[] {
	return Array.from({length: count}, (_, index): DecideRecord => {
		const label = randomClasses[index % randomClasses.length] ?? 'a';
		return {
			v: 1,
			seq: index + 1,
			time: new Date(Date.UTC(2026, 0, 1) + Math.floor(index / 1000) * 1000).toISOString(),
			op: 'decide',
			path: `part/IMG_${index}.jpg`,
			size: index,
			mtimeMs: 1.5e12 + index + 0.25,
			label,
			ms: 400,
			via: index % 3 === 0 ? 'import' : 'key',
			...(index % 3 === 0 ? {imported: {annotator: `a${index % 2}`, confidence: 0.5}} : {}),
			...(index % 5 === 0 ? {guess: {label, confidence: 0.9, source: 'builtin'}} : {}),
		};
	});
}

test('a state encoded for writing gives exactly the JSON of encodeState, in pieces', () => {
	for (const [seed, length] of [
		[1, 0],
		[2, 160],
		[3, 300],
		[4, -9000],
	] as const) {
		const records = length < 0 ? manyDecisions(-length) : randomJournal(seed, length);
		const state = foldRecords(initialState(randomClasses), records).state;
		const whole = JSON.stringify(encodeState(state));
		const pieces = [...jsonParts(encodeStateForWriting(state), 3)];
		assert.equal(pieces.join(''), whole, `seed ${seed}`);
		// JSON.stringify of it (no pieces asked) is the same text too.
		assert.equal(JSON.stringify(encodeStateForWriting(state)), whole, `seed ${seed}`);
		if (length < 0) {
			assert.ok(state.decisions.size > jsonRunLength, `${state.decisions.size} decisions`);
			// No piece holds a whole column or the whole history: the longest is a run of values.
			const encoded = encodeState(state);
			const arrays = [...Object.values(encoded.decisions), encoded.history];
			const longest = Math.max(...arrays.map((array) => JSON.stringify(array).length));
			assert.ok(Math.max(...pieces.map((piece) => piece.length)) < longest * 0.6);
		}
	}
});

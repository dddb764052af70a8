import assert from 'node:assert/strict';
import test from 'node:test';
import {jsonRunLength} from '../../source/core/json-runs.js';
import {encodeState} from '../../source/core/state-codec.js';
import {encodeStateForWriting} from '../../source/core/state-writing.js';
import {jsonParts} from '../../source/shared/json-parts.js';
import {randomState} from '../helpers/many-decisions.js';

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

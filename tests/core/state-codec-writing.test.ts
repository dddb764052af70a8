import assert from 'node:assert/strict';
import test from 'node:test';
import {jsonRunLength} from '../../source/core/json-runs.js';
import {encodeStateWithBlocks} from '../../source/core/state-blocks.js';
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

test("a snapshot state's JSON is written in pieces, no long list whole, the same text as whole", () => {
	for (const [seed, length, many] of [
		[1, 0, 0],
		[2, 160, 0],
		[3, 300, 40],
		[4, 120, 2 * jsonRunLength + 10],
		[5, 400, 3 * jsonRunLength],
	] as const) {
		const state = randomState(seed, length, many);
		const {state: encoded} = encodeStateWithBlocks(state);
		// Opened as in the snapshot file, where the state is one level down (depth 4 there).
		const pieces = [...jsonParts(encoded, 3)];
		const whole = JSON.stringify(encoded);
		assert.equal(pieces.join(''), whole, `seed ${seed}`);
		if (many < jsonRunLength) continue;
		assert.ok(state.decisions.size > many && state.catalog.length > 0, `seed ${seed}`);
		// The catalog, the paths table and the decision columns that are not all numbers.
		const arrays = longArrays(JSON.parse(whole));
		assert.ok(arrays.length >= 3, `seed ${seed}: ${arrays.length} long arrays`);
		for (const text of arrays) {
			const inner = text.slice(1, -1);
			assert.ok(!pieces.some((piece) => piece.includes(inner)), `seed ${seed}: a whole array`);
		}
	}
});

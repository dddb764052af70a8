/**
The JSON codec's bytes, pinned: digests of the JSON it wrote at cf83a41 for states with every kind
of decision and more decisions than a run. Snapshots from codec 4 are still read; the codec that
reads them must keep writing (and so reading) the same JSON.
*/
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import test from 'node:test';
import {jsonRunLength} from '../../source/core/json-runs.js';
import {encodeState} from '../../source/core/state-codec.js';
import {randomState} from '../helpers/many-decisions.js';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const pinned: ReadonlyArray<readonly [number, number, number, string]> = [
	[11, 300, 40, 'd19e2d50a2880478'],
	[12, 2000, 0, '71d4330627ad7837'],
	[13, 400, 3 * jsonRunLength + 7, '7e8f47fbd641c518'],
];

test('the JSON of a state is the bytes the codec wrote before', () => {
	for (const [seed, length, many, expected] of pinned) {
		const state = randomState(seed, length, many);
		assert.equal(digest(JSON.stringify(encodeState(state))), expected, `seed ${seed}: whole`);
	}
});

/**
The snapshot's bytes, pinned: digests of the JSON the codec wrote at cf83a41 for states with every
kind of decision and more decisions than a run. A faster encoder must write the same bytes, or old
and new snapshots would differ for the same journal.
*/
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import test from 'node:test';
import {jsonRunLength} from '../../source/core/json-runs.js';
import {encodeState} from '../../source/core/state-codec.js';
import {encodeStateForWriting} from '../../source/core/state-writing.js';
import {jsonParts} from '../../source/shared/json-parts.js';
import {randomState} from '../helpers/many-decisions.js';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const pinned: ReadonlyArray<readonly [number, number, number, string]> = [
	[11, 300, 40, 'd19e2d50a2880478'],
	[12, 2000, 0, '71d4330627ad7837'],
	[13, 400, 3 * jsonRunLength + 7, '7e8f47fbd641c518'],
];

test('the snapshot text of a state is the bytes the codec wrote before', () => {
	for (const [seed, length, many, expected] of pinned) {
		const state = randomState(seed, length, many);
		const pieces = [...jsonParts(encodeStateForWriting(state), 1)].join('');
		assert.equal(digest(pieces), expected, `seed ${seed}: written in pieces`);
		assert.equal(digest(JSON.stringify(encodeState(state))), expected, `seed ${seed}: whole`);
	}
});

import assert from 'node:assert/strict';
import test from 'node:test';
import {foldRecords} from '../../source/core/fold.js';
import {initialState} from '../../source/core/session-state.js';
import {decodeState, encodeState} from '../../source/core/state-codec.js';
import type {UndoColumns} from '../../source/core/undo-columns.js';
import {asCodec3} from '../helpers/codec3.js';
import {plainState} from '../helpers/plain-state.js';
import {randomClasses, randomJournal} from '../helpers/random-journal.js';

const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

test('a codec-3 snapshot state still decodes to the same state as codec 4', () => {
	for (let seed = 1; seed <= 20; seed++) {
		const state = foldRecords(initialState(randomClasses), randomJournal(seed, 200)).state;
		const encoded = throughJson(encodeState(state));
		const old = throughJson(asCodec3(encoded));
		assert.ok(Array.isArray(old.history) && typeof old.decisions.paths[0] !== 'number');
		assert.deepStrictEqual(
			plainState(decodeState(old)),
			plainState(decodeState(encoded)),
			`seed ${seed}`,
		);
		assert.deepStrictEqual(plainState(decodeState(old)), plainState(state), `seed ${seed}`);
	}
});

test('codec 4 writes each path once: decisions and undo entries refer to it by number', () => {
	const state = foldRecords(initialState(randomClasses), randomJournal(5, 300)).state;
	const encoded = encodeState(state);
	assert.ok(encoded.decisions.paths.length > 0);
	assert.ok(encoded.decisions.paths.every((code) => typeof code === 'number'));
	assert.ok((encoded.history as UndoColumns).path.every((code) => typeof code === 'number'));
	assert.equal(new Set(encoded.paths).size, encoded.paths?.length);
	assert.ok(encoded.decisions.labels.every((code) => typeof code === 'number'));
});

test("a path code outside the snapshot's tables is refused", () => {
	const encoded = throughJson(
		encodeState(foldRecords(initialState(randomClasses), randomJournal(3, 80)).state),
	);
	const paths = [...encoded.decisions.paths];
	paths[0] = 1e9;
	assert.throws(
		() => decodeState({...encoded, decisions: {...encoded.decisions, paths}}),
		/not a catalog index/,
	);
});

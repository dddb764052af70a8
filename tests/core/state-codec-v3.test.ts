import assert from 'node:assert/strict';
import test from 'node:test';
import type {EncodedDecision} from '../../source/core/decision-columns.js';
import {foldRecords} from '../../source/core/fold.js';
import {initialState} from '../../source/core/session-state.js';
import {decodeState, type EncodedState, encodeState} from '../../source/core/state-codec.js';
import type {UndoColumns} from '../../source/core/undo-columns.js';
import {randomClasses, randomJournal} from '../helpers/random-journal.js';

const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A codec-4 encoding written back in codec 3's shape: paths and labels as text, undo as a list. */
function asCodec3(state: EncodedState): EncodedState {
	const table = [...state.catalog, ...(state.paths ?? [])];
	const path = (code: number | string) => (typeof code === 'number' ? table[code] : code);
	const label = (code: number | string) => (typeof code === 'number' ? state.classes[code] : code);
	const columns = state.decisions;
	const history = state.history as UndoColumns;
	const previous = new Map(history.previousDecisions);
	const pairs = <V>(list: ReadonlyArray<readonly [number | string, V]>) =>
		list.map(([key, value]) => [path(key), value] as const);
	return {
		...state,
		paths: undefined,
		decisions: {
			...columns,
			paths: columns.paths.map(path),
			labels: columns.labels.map(label),
			guess: columns.guess.map((guess, index) =>
				guess === 1
					? {
							label: label(columns.guessLabel?.[index] ?? -1),
							confidence: columns.guessConfidence?.[index],
							source: columns.guessSources?.[columns.guessSource?.[index] ?? -1],
						}
					: guess,
			),
		} as EncodedState['decisions'],
		skipped: pairs(state.skipped),
		broken: pairs(state.broken),
		copyLinks: pairs(state.copyLinks).map(([key, links]) => [key, links.map(path)] as const),
		history: history.seq.map(
			(seq, index) =>
				[
					seq,
					path(history.path[index] ?? -1) as string,
					(previous.get(index) ?? null) as EncodedDecision | null,
					history.previousSkip[index] ?? null,
				] as const,
		),
	} as unknown as EncodedState;
}

test('a codec-3 snapshot state still decodes to the same state as codec 4', () => {
	for (let seed = 1; seed <= 20; seed++) {
		const state = foldRecords(initialState(randomClasses), randomJournal(seed, 200)).state;
		const encoded = throughJson(encodeState(state));
		const old = throughJson(asCodec3(encoded));
		assert.ok(Array.isArray(old.history) && typeof old.decisions.paths[0] !== 'number');
		assert.deepStrictEqual(decodeState(old), decodeState(encoded), `seed ${seed}`);
		assert.deepStrictEqual(decodeState(old), state, `seed ${seed}`);
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

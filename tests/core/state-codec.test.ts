import assert from 'node:assert/strict';
import test from 'node:test';
import {foldJournal, foldRecords, settleCursor} from '../../source/core/fold.js';
import {initialState} from '../../source/core/session-state.js';
import {decodeState, encodeState} from '../../source/core/state-codec.js';
import type {UndoColumns} from '../../source/core/undo-columns.js';
import {plainState} from '../helpers/plain-state.js';
import {randomClasses, randomJournal} from '../helpers/random-journal.js';

const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

test('fold(all) deep-equals restore(snapshot of a prefix) + fold(tail), on random journals', () => {
	const seen = new Set<string>();
	let importedSeen = false;
	let originSeen = false;
	let identitySeen = false;
	for (let seed = 1; seed <= 40; seed++) {
		const records = randomJournal(seed, 160);
		for (const record of records) {
			seen.add(record.op);
			if (record.op === 'decide' && record.via === 'import') importedSeen = true;
			if (record.op === 'decide' && record.origin !== undefined) originSeen = true;
			if (record.op === 'decide' && record.ino !== undefined) identitySeen = true;
		}

		const whole = foldJournal(initialState(randomClasses), records);
		for (const cut of [0, 1, Math.floor(records.length / 3), records.length - 1, records.length]) {
			const prefix = foldRecords(initialState(randomClasses), records.slice(0, cut));
			const restored = decodeState(throughJson(encodeState(prefix.state)));
			const resumed = foldRecords(restored, records.slice(cut));
			assert.deepStrictEqual(
				plainState(settleCursor(resumed.state)),
				plainState(whole.state),
				`seed ${seed}, cut ${cut}`,
			);
			assert.equal(prefix.rejected.length + resumed.rejected.length, whole.rejected.length);
		}
	}

	// The journals exercised every kind of record the state folds.
	const kinds = [
		'decide',
		'skip',
		'undo',
		'moved',
		'restored',
		'reopen',
		'broken',
		'copy',
		'session',
	];
	assert.deepStrictEqual([...seen].sort(), [...kinds].sort());
	assert.ok(importedSeen, 'imported decisions were in the journals');
	assert.ok(originSeen, 'grid and auto decisions were in the journals');
	assert.ok(identitySeen, 'decisions with ctime and inode were in the journals');
});

test('a restored state iterates its maps in the same order as the folded one', () => {
	const state = foldRecords(initialState(randomClasses), randomJournal(7, 300)).state;
	const restored = decodeState(throughJson(encodeState(state)));
	assert.deepStrictEqual(encodeState(restored), encodeState(state));
	assert.ok(state.decisions.size > 0 && state.history !== undefined);
});

test('a malformed snapshot state is refused with a reason, not half-restored', () => {
	const good = encodeState(foldRecords(initialState(randomClasses), randomJournal(3, 50)).state);
	const seq = good.decisions.seq.map((value, row) => (row === 2 ? 'x' : value));
	assert.throws(
		() => decodeState({...good, decisions: {...good.decisions, seq}} as never),
		/a decision in the snapshot is malformed \(row 2, seq\)/,
	);
	assert.throws(
		() => decodeState({...good, decisions: {...good.decisions, seq: ['x']}} as never),
		/decision column seq is missing or of another length/,
	);
	const time = good.decisions.time.map((value, row) => (row === 1 ? 9e15 : value));
	assert.throws(
		() => decodeState({...good, decisions: {...good.decisions, time}} as never),
		/malformed \(row 1, time\)/,
	);
	const {copyOf: _copyOf, ...withoutCopies} = good.decisions;
	assert.throws(
		() => decodeState({...good, decisions: withoutCopies} as never),
		/decision column copyOf is missing/,
	);
	const history = good.history as UndoColumns;
	const badSeq = {...history, seq: history.seq.map((value, row) => (row === 0 ? 'x' : value))};
	assert.throws(
		() => decodeState({...good, history: badSeq} as never),
		/an undo entry in the snapshot is malformed/,
	);
	const badPath = {...history, path: history.path.map((value, row) => (row === 0 ? 1e9 : value))};
	assert.throws(
		() => decodeState({...good, history: badPath} as never),
		/a path in the snapshot is not a catalog index/,
	);
	const twice = {
		...good.decisions,
		paths: good.decisions.paths.map((code, row) => (row === 1 ? good.decisions.paths[0] : code)),
	};
	assert.throws(
		() => decodeState({...good, decisions: twice} as never),
		/the snapshot decides one path twice/,
	);
	assert.throws(
		() => decodeState({...good, decisions: [['a.jpg', {label: 'photo'}]]} as never),
		/decisions in the snapshot are not columns/,
	);
	assert.throws(() => decodeState({...good, lastSeq: 'x'} as never), /lastSeq is not a number/);
	assert.throws(() => decodeState(null as never), /no session state/);
});

import assert from 'node:assert/strict';
import test from 'node:test';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {createSessionStore} from '../../source/session/session-store.js';
import {decide, withItems} from '../helpers/session-script.js';

test('applyAll writes every record in order, then shows the state once', async () => {
	const written: JournalRecord[] = [];
	const store = createSessionStore(withItems(['a', 'b', 'c']), {
		append: async (record) => {
			written.push(record);
		},
	});
	const seen: number[] = [];
	store.subscribe((state) => seen.push(state.decisions.size));
	const applied = await store.applyAll([
		decide('a', 'photo'),
		decide('x', 'cat'),
		decide('b', 'screenshot'),
	]);
	assert.equal(applied.length, 2, 'the action that does not apply is left out');
	assert.deepEqual(
		written.map((record) => (record.op === 'decide' ? record.path : '')),
		['a', 'b'],
	);
	assert.deepEqual(seen, [2], 'one update for the step');
	assert.equal(store.getState().cursor, 'c');
});

test('a failed append shows what was written before it, and the error reaches the caller', async () => {
	let appends = 0;
	const store = createSessionStore(withItems(['a', 'b']), {
		append: async () => {
			appends++;
			if (appends === 2) {
				throw new Error('disk full');
			}
		},
	});
	await assert.rejects(store.applyAll([decide('a', 'photo'), decide('b', 'photo')]), /disk full/);
	assert.equal(store.getState().decisions.size, 1);
	// The queue is not wedged.
	await store.apply(decide('b', 'photo'));
	assert.equal(store.getState().decisions.size, 2);
});

test('with appendMany, a batch is one write: all its records land together, or none', async () => {
	const writes: JournalRecord[][] = [];
	let fail = false;
	const store = createSessionStore(withItems(['a', 'b', 'c', 'd']), {
		append: async () => {
			throw new Error('one record at a time is not used for a batch');
		},
		appendMany: async (records) => {
			if (fail) throw new Error('disk full');
			writes.push([...records]);
		},
	});
	await store.applyAll([decide('a', 'photo'), decide('x', 'cat'), decide('b', 'screenshot')]);
	assert.deepEqual(
		writes.map((batch) => batch.map((record) => (record.op === 'decide' ? record.path : ''))),
		[['a', 'b']],
		'one write for the page',
	);
	fail = true;
	await assert.rejects(store.applyAll([decide('c', 'photo'), decide('d', 'photo')]), /disk full/);
	assert.equal(store.getState().decisions.size, 2, 'a failed batch shows none of its decisions');
});

import assert from 'node:assert/strict';
import test from 'node:test';
import {recorderFor} from '../../source/app/commit-runner.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {entries, getEntry} from '../../source/core/persistent-map.js';
import {createSessionStore} from '../../source/session/session-store.js';
import {withItems} from '../helpers/session-script.js';

test("a commit's moves share one moved map, and the state from before the commit stays as it was", async () => {
	const written: JournalRecord[] = [];
	const paths = Array.from({length: 40}, (_, index) => `day/${index}.jpg`);
	const store = createSessionStore(withItems(paths), {
		append: async (record) => {
			written.push(record);
		},
	});
	const before = store.getState();
	const record = recorderFor(store);
	await record({type: 'moved', path: 'day/0.jpg', to: 'labeled/photo/0.jpg', label: 'photo'});
	const first = store.getState().moved;
	for (const [index, path] of paths.slice(1).entries()) {
		await record({type: 'moved', path, to: `labeled/photo/${index + 1}.jpg`, label: 'photo'});
	}

	const after = store.getState();
	// Without the batch token each move copied the 512-slot bucket array (and a bucket).
	assert.equal(after.moved.buckets, first.buckets, 'one bucket array for the whole commit');
	assert.equal(after.moved.size, paths.length);
	assert.equal(getEntry(after.moved, 'day/39.jpg'), 'labeled/photo/39.jpg');
	assert.equal(written.length, paths.length, 'every move is journaled');
	assert.equal(before.moved.size, 0);
	assert.deepEqual([...entries(before.moved)], [], 'the state from before is never changed');

	// A later commit has its own token: the first commit's maps are not changed in place.
	const committed = store.getState();
	await recorderFor(store)({type: 'restored', path: 'day/0.jpg', from: 'labeled/photo/0.jpg'});
	assert.equal(getEntry(committed.moved, 'day/0.jpg'), 'labeled/photo/0.jpg');
	assert.equal(store.getState().moved.size, paths.length - 1);
});

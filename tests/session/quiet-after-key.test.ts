import assert from 'node:assert/strict';
import test from 'node:test';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {watchPersonActivity} from '../../source/session/quiet-after-key.js';
import {createSessionStore} from '../../source/session/session-store.js';
import {decide, time, withItems} from '../helpers/session-script.js';

test('background work holds off for a moment after each key, not after the scan', async () => {
	const journal: JournalRecord[] = [];
	const store = createSessionStore(withItems(['a.jpg', 'b.jpg', 'c.jpg']), {
		append: async (record) => void journal.push(record),
	});
	let clock = 1000;
	const activity = watchPersonActivity(store, {quietMs: 150, now: () => clock});
	assert.equal(activity.recent(), false, 'nothing done yet');

	await store.apply({type: 'items-found', paths: ['d.jpg']});
	assert.equal(activity.recent(), false, 'more files found is no key');

	await store.apply(decide('a.jpg', 'photo'));
	assert.equal(activity.recent(), true, 'a decision');
	clock += 149;
	assert.equal(activity.recent(), true);
	clock += 1;
	assert.equal(activity.recent(), false, 'quiet again after 150 ms');

	await store.apply({type: 'undo', time});
	assert.equal(activity.recent(), true, 'an undo');
	clock += 150;
	activity.stop();
	await store.apply(decide('a.jpg', 'photo'));
	assert.equal(activity.recent(), false, 'stopped: no longer watching');
});

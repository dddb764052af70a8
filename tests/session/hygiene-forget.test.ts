import assert from 'node:assert/strict';
import test from 'node:test';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {sessionReducer} from '../../source/core/session-reducer.js';
import {decisionOf, initialState} from '../../source/core/session-state.js';
import {createNearJudge} from '../../source/scan/near-judge.js';
import {HygieneLink} from '../../source/session/hygiene-link.js';
import {createSessionStore} from '../../source/session/session-store.js';
import {waitUntil} from '../helpers/ink-wait.js';

const time = '2026-11-25T10:00:00.000Z';

/** a.jpg decided as a photo; the link knows its bytes (SHA-1 "same") before it changed. */
async function linkWithDecidedA() {
	const journal: JournalRecord[] = [];
	const found = sessionReducer(initialState(['photo', 'screenshot']), {
		type: 'items-found',
		paths: ['a.jpg', 'b.jpg', 'c.jpg'],
	});
	const store = createSessionStore(found, {append: async (record) => void journal.push(record)});
	// No such files on disk: the thumbnail test finds nothing near, as for unreadable files.
	const link = new HygieneLink({store, judge: createNearJudge('/nonexistent-imgsift-dir')});
	await store.apply({
		type: 'decide',
		time,
		item: {path: 'a.jpg', size: 5, mtimeMs: 1},
		label: 'photo',
		ms: 3,
	});
	link.accept({path: 'a.jpg', size: 5, mtimeMs: 1, sha1: 'same'});
	return {store, link, journal};
}

test('an exact copy of a decided file is decided with it (the case forget must stop)', async () => {
	const {store, link} = await linkWithDecidedA();
	link.accept({path: 'b.jpg', size: 5, mtimeMs: 1, sha1: 'same'});
	await waitUntil(
		'b.jpg decided as a copy',
		() => decisionOf(store.getState(), 'b.jpg') !== undefined,
	);
	assert.equal(decisionOf(store.getState(), 'b.jpg')?.copyOf, 'a.jpg');
});

test('a forgotten file no longer makes copies from what its old bytes were', async () => {
	const {store, link, journal} = await linkWithDecidedA();
	// The commit found a.jpg replaced and set its decision aside; then b.jpg is re-decided, and
	// c.jpg arrives with a.jpg's old bytes.
	link.forget('a.jpg');
	await store.apply({type: 'reopen', time, path: 'a.jpg', reason: 'changed'});
	await store.apply({
		type: 'decide',
		time,
		item: {path: 'b.jpg', size: 5, mtimeMs: 1},
		label: 'screenshot',
		ms: 3,
	});
	link.accept({path: 'b.jpg', size: 5, mtimeMs: 1, sha1: 'same'});
	link.accept({path: 'c.jpg', size: 5, mtimeMs: 1, sha1: 'same'});
	await waitUntil(
		'c.jpg decided as a copy of b.jpg',
		() => decisionOf(store.getState(), 'c.jpg') !== undefined,
	);
	assert.equal(decisionOf(store.getState(), 'c.jpg')?.copyOf, 'b.jpg');
	assert.equal(
		decisionOf(store.getState(), 'a.jpg'),
		undefined,
		'a.jpg is not decided from its old bytes',
	);
	assert.deepEqual(
		journal.filter((record) => record.op === 'copy').map((record) => record.path),
		['c.jpg'],
	);
});

import assert from 'node:assert/strict';
import test from 'node:test';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {getEntry} from '../../source/core/persistent-map.js';
import {sessionReducer} from '../../source/core/session-reducer.js';
import {initialState} from '../../source/core/session-state.js';
import {createNearJudge} from '../../source/scan/near-judge.js';
import {agreeCopies} from '../../source/session/copy-conflict.js';
import {HygieneLink} from '../../source/session/hygiene-link.js';
import {createSessionStore} from '../../source/session/session-store.js';
import {hygieneLines} from '../../source/ui/panels/hygiene-panel.js';

const time = '2026-11-25T10:00:00.000Z';

/** a.jpg and b.jpg are one image (same SHA-1), decided apart before the checks knew it. */
async function decidedApart() {
	const journal: JournalRecord[] = [];
	const found = sessionReducer(initialState(['photo', 'screenshot']), {
		type: 'items-found',
		paths: ['a.jpg', 'b.jpg', 'c.jpg'],
	});
	const store = createSessionStore(found, {append: async (record) => void journal.push(record)});
	const link = new HygieneLink({store, judge: createNearJudge('/nonexistent-imgsift-dir')});
	const decide = async (path: string, label: string) =>
		store.apply({type: 'decide', time, item: {path, size: 5, mtimeMs: 1}, label, ms: 3});
	await decide('a.jpg', 'photo');
	await decide('b.jpg', 'screenshot');
	link.accept({path: 'a.jpg', size: 5, mtimeMs: 1, sha1: 'same'});
	link.accept({path: 'b.jpg', size: 5, mtimeMs: 1, sha1: 'same'});
	return {store, link, journal};
}

test('copies decided apart are named on screen, with the key that makes them agree', async () => {
	const {store, link} = await decidedApart();
	const state = store.getState();
	const conflict = link.status(state).conflict;
	assert.deepEqual(conflict, {
		path: 'b.jpg',
		label: 'screenshot',
		other: 'a.jpg',
		otherLabel: 'photo',
	});
	const lines = hygieneLines(link.status(state));
	assert.ok(
		lines.includes('b.jpg (screenshot) is the same image as a.jpg (photo)'),
		lines.join('\n'),
	);
	assert.ok(
		lines.some((line) => line.startsWith('= gives it photo too')),
		lines.join('\n'),
	);
});

test('the agree key relabels the image just decided as a copy of the other; one undo takes it back', async () => {
	const {store, link, journal} = await decidedApart();
	const problem = await agreeCopies(store, link.status(store.getState()).conflict, time);
	assert.equal(problem, undefined);
	const state = store.getState();
	assert.deepEqual(getEntry(state.decisions, 'b.jpg'), {
		...getEntry(state.decisions, 'b.jpg'),
		label: 'photo',
		copyOf: 'a.jpg',
	});
	assert.equal(link.status(state).conflict, undefined, 'they agree now');
	assert.deepEqual(
		journal.map((record) => record.op),
		['decide', 'decide', 'undo', 'copy'],
	);
	assert.match(
		(await agreeCopies(store, link.status(state).conflict, time)) ?? '',
		/No copies of one image disagree/,
	);
});

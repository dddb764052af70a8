import assert from 'node:assert/strict';
import test from 'node:test';
import {foldJournal} from '../../source/core/fold.js';
import {parseJournal, serializeRecord} from '../../source/core/journal-parse.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {type SessionAction, sessionReducer, transition} from '../../source/core/session-reducer.js';
import {decisionOf, initialState, progressOf} from '../../source/core/session-state.js';
import {decide, item, run, time, withItems} from '../helpers/session-script.js';

test('deciding advances the cursor and counts per class', () => {
	const {state} = run(withItems(['a.jpg', 'b.jpg', 'c.jpg']), [
		decide('a.jpg', 'photo'),
		decide('b.jpg', 'screenshot'),
	]);
	assert.equal(state.cursor, 'c.jpg');
	assert.deepEqual(state.counts, {photo: 1, screenshot: 1});
	assert.deepEqual(progressOf(state), {
		decided: 2,
		total: 3,
		skipped: 0,
		committed: 0,
		broken: 0,
		copies: 0,
		scanDone: false,
	});
});

test('an invalid action returns the very same state', () => {
	const state = withItems(['a.jpg']);
	assert.equal(sessionReducer(state, decide('a.jpg', 'cat')), state);
	assert.equal(sessionReducer(state, {type: 'undo', time}), state);
	assert.equal(
		sessionReducer(state, {
			type: 'accept-guess',
			item: item('a.jpg'),
			guess: undefined,
			time,
			ms: 1,
		}),
		state,
	);
	const decided = sessionReducer(state, decide('a.jpg', 'photo'));
	assert.equal(sessionReducer(decided, {type: 'skip', item: item('a.jpg'), time, ms: 1}), decided);
});

test('undo walks back decisions one at a time and shows the undone item', () => {
	let {state} = run(withItems(['a', 'b', 'c']), [decide('a', 'photo'), decide('b', 'photo')]);
	state = sessionReducer(state, {type: 'undo', time});
	assert.equal(state.cursor, 'b');
	assert.equal(decisionOf(state, 'b'), undefined);
	state = sessionReducer(state, {type: 'undo', time});
	assert.equal(state.cursor, 'a');
	assert.deepEqual(state.counts, {photo: 0, screenshot: 0});
	assert.equal(sessionReducer(state, {type: 'undo', time}), state);
});

test('undo of a re-decision restores the earlier label', () => {
	let {state} = run(withItems(['a', 'b']), [
		decide('a', 'photo'),
		{type: 'undo', time},
		decide('a', 'screenshot'),
		decide('a', 'photo'),
	]);
	assert.equal(decisionOf(state, 'a')?.label, 'photo');
	state = sessionReducer(state, {type: 'undo', time});
	assert.equal(decisionOf(state, 'a')?.label, 'screenshot');
	assert.deepEqual(state.counts, {photo: 0, screenshot: 1});
});

test('skipped items come back after the rest, oldest skip first', () => {
	const skip = (path: string): SessionAction => ({type: 'skip', item: item(path), time, ms: 5});
	let {state} = run(withItems(['a', 'b', 'c', 'd']), [skip('a'), skip('b'), decide('c', 'photo')]);
	assert.equal(state.cursor, 'd');
	assert.equal(progressOf(state).skipped, 2);
	state = sessionReducer(state, decide('d', 'photo'));
	assert.equal(state.cursor, 'a');
	state = sessionReducer(state, skip('a'));
	assert.equal(state.cursor, 'b', 'a skipped again goes behind b');
	state = sessionReducer(state, decide('b', 'screenshot'));
	assert.equal(state.cursor, 'a');
	state = sessionReducer(state, decide('a', 'photo'));
	assert.equal(state.cursor, undefined);
	assert.equal(progressOf(state).skipped, 0);
});

test('undo of a skip makes the item open again', () => {
	let state = withItems(['a', 'b']);
	state = sessionReducer(state, {type: 'skip', item: item('a'), time, ms: 1});
	assert.equal(state.cursor, 'b');
	state = sessionReducer(state, {type: 'undo', time});
	assert.equal(state.cursor, 'a');
	assert.equal(progressOf(state).skipped, 0);
});

test('accept-guess decides with the guessed label and keeps the guess', () => {
	const guess = {label: 'screenshot', confidence: 0.9, source: 'builtin'};
	const next = transition(withItems(['a', 'b']), {
		type: 'accept-guess',
		item: item('a'),
		guess,
		time,
		ms: 3,
	});
	assert.equal(next?.record?.op, 'decide');
	assert.equal(decisionOf(next?.state ?? withItems([]), 'a')?.via, 'guess');
	assert.deepEqual(next?.record && 'guess' in next.record ? next.record.guess : undefined, guess);
});

test('items found later fill an empty screen but never move the cursor away', () => {
	let state = initialState(['photo', 'screenshot']);
	assert.equal(state.cursor, undefined);
	state = sessionReducer(state, {type: 'items-found', paths: ['b']});
	assert.equal(state.cursor, 'b');
	state = sessionReducer(state, {type: 'items-found', paths: ['a', 'b']});
	assert.equal(state.cursor, 'b');
	assert.equal(state.catalog.length, 2, 'duplicates are ignored');
});

test('old states do not see items appended to a later state', () => {
	const first = withItems(['a']);
	const second = sessionReducer(first, {type: 'items-found', paths: ['b']});
	const branch = sessionReducer(first, {type: 'items-found', paths: ['c']});
	assert.equal(first.catalog.length, 1);
	assert.deepEqual(second.catalog.paths.slice(0, second.catalog.length), ['a', 'b']);
	assert.deepEqual(branch.catalog.paths.slice(0, branch.catalog.length), ['a', 'c']);
});

test('moved and restored files keep the totals right', () => {
	let {state} = run(withItems(['a', 'b']), [decide('a', 'photo')]);
	state = sessionReducer(state, {
		type: 'moved',
		path: 'a',
		to: 'labeled/photo/a',
		label: 'photo',
		time,
	});
	// A later session: the scan no longer finds the moved file, but it still counts.
	const resumed = foldJournal(
		withItems(['b']),
		run(withItems(['a', 'b']), [
			decide('a', 'photo'),
			{type: 'moved', path: 'a', to: 'labeled/photo/a', label: 'photo', time},
		]).records,
	).state;
	assert.deepEqual(progressOf(resumed), {
		decided: 1,
		total: 2,
		skipped: 0,
		committed: 1,
		broken: 0,
		copies: 0,
		scanDone: false,
	});
	state = sessionReducer(state, {type: 'restored', path: 'a', from: 'labeled/photo/a', time});
	assert.equal(progressOf(state).committed, 0);
	assert.equal(
		sessionReducer(state, {type: 'restored', path: 'a', from: 'x', time}),
		state,
		'nothing to restore twice',
	);
});

test('replaying the journal gives the same state as living through it', () => {
	const actions: SessionAction[] = [
		{type: 'session-start', user: 'ann', host: 'box', pid: 7, time},
		decide('a', 'photo'),
		{type: 'skip', item: item('b'), time, ms: 2},
		decide('c', 'screenshot'),
		{type: 'undo', time},
		decide('c', 'photo'),
		decide('b', 'screenshot'),
		{type: 'undo', time},
	];
	const live = run(withItems(['a', 'b', 'c', 'd']), actions);
	const text = live.records.map((record) => serializeRecord(record)).join('');
	const parsed = parseJournal(text);
	assert.deepEqual(parsed.problems, []);
	const replayed = foldJournal(withItems(['a', 'b', 'c', 'd']), parsed.records);
	assert.deepEqual(replayed.rejected, []);
	const {state} = replayed;
	assert.equal(state.cursor, live.state.cursor);
	assert.deepEqual(state.counts, live.state.counts);
	assert.deepEqual(progressOf(state), progressOf(live.state));
	assert.equal(state.lastSeq, live.state.lastSeq);
	// Undo keeps working across the restart.
	const undone = sessionReducer(state, {type: 'undo', time});
	assert.equal(undone.cursor, 'c');
	assert.equal(decisionOf(undone, 'c'), undefined);
	assert.equal(state.sessions[0]?.decided, 4);
});

test('replay of an undo that targets nothing is rejected, not fatal', () => {
	const records = run(withItems(['a']), [decide('a', 'photo')]).records;
	const bogus: JournalRecord = {v: 1, seq: 9, time, op: 'undo', path: 'a', target: 5};
	const {state, rejected} = foldJournal(withItems(['a']), [...records, bogus]);
	assert.equal(rejected.length, 1);
	assert.equal(decisionOf(state, 'a')?.label, 'photo');
});

test('a 100k-record replay leaves earlier states untouched (batch edits stay private)', () => {
	const paths = Array.from({length: 3000}, (_, index) => `img_${index}.jpg`);
	const start = withItems(paths);
	const records = run(
		start,
		paths.map((path, index) => decide(path, index % 2 ? 'photo' : 'screenshot')),
	).records;
	const {state} = foldJournal(start, records);
	assert.equal(state.decisions.size, 3000);
	assert.equal(start.decisions.size, 0);
	assert.equal(decisionOf(start, 'img_1.jpg'), undefined);
	const after = sessionReducer(state, {type: 'undo', time});
	assert.equal(state.decisions.size, 3000, 'a live step after a replay copies, never mutates');
	assert.equal(after.decisions.size, 2999);
});

import assert from 'node:assert/strict';
import test from 'node:test';
import {sessionReducer} from '../../source/core/session-reducer.js';
import {initialState, progressOf, type SessionState} from '../../source/core/session-state.js';
import {decide, run} from '../helpers/session-script.js';

const found = (paths: string[], unclaimed: boolean): SessionState =>
	sessionReducer(initialState(['photo', 'screenshot']), {type: 'items-found', paths, unclaimed});
const mark = (state: SessionState, paths: string[], to: 'here' | 'taken' | 'unclaimed') =>
	sessionReducer(state, {type: 'elsewhere', paths, to});

test('unclaimed items are found but never shown, and still count in the total', () => {
	const state = found(['a.jpg', 'b.jpg', 'c.jpg'], true);
	assert.equal(state.cursor, undefined);
	assert.equal(progressOf(state).total, 3);
	const claimed = mark(state, ['b.jpg'], 'here');
	assert.equal(claimed.cursor, 'b.jpg');
});

test('items another labeler took leave the total; the cursor moves off a taken item', () => {
	let state = mark(found(['a.jpg', 'b.jpg', 'c.jpg'], true), ['a.jpg', 'b.jpg', 'c.jpg'], 'here');
	assert.equal(state.cursor, 'a.jpg');
	state = mark(state, ['a.jpg', 'b.jpg'], 'taken');
	assert.equal(state.cursor, 'c.jpg');
	assert.equal(progressOf(state).total, 1);
	state = run(state, [decide('c.jpg', 'photo')]).state;
	assert.equal(state.cursor, undefined);
});

test('a taken item that comes back joins the queue in its place, before later ones', () => {
	let state = mark(found(['a.jpg', 'b.jpg', 'c.jpg'], true), ['a.jpg', 'b.jpg', 'c.jpg'], 'here');
	state = mark(state, ['a.jpg'], 'taken');
	state = run(state, [decide('b.jpg', 'photo')]).state;
	assert.equal(state.cursor, 'c.jpg');
	state = mark(state, ['a.jpg'], 'here');
	assert.equal(progressOf(state).total, 3);
	state = run(state, [decide('c.jpg', 'photo')]).state;
	assert.equal(state.cursor, 'a.jpg');
});

test('found items this person already decided are not hidden', () => {
	let state = run(found(['a.jpg'], false), [decide('a.jpg', 'photo')]).state;
	state = sessionReducer(state, {type: 'items-found', paths: ['b.jpg'], unclaimed: true});
	assert.equal(state.cursor, undefined);
	assert.equal(progressOf(state).decided, 1);
	assert.equal(progressOf(state).total, 2);
});

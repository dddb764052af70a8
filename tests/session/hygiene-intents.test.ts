import assert from 'node:assert/strict';
import test from 'node:test';
import {type SessionAction, sessionReducer} from '../../source/core/session-reducer.js';
import {initialState} from '../../source/core/session-state.js';
import {movedWithUndo} from '../../source/session/hygiene-intents.js';

const time = '2026-11-25T10:00:00.000Z';
const item = (path: string) => ({path, size: 10, mtimeMs: 1});

test('undoing a committed group decision brings back the moved copies too', () => {
	const actions: SessionAction[] = [
		{type: 'items-found', paths: ['a.jpg', 'b.jpg', 'c.jpg']},
		{type: 'decide', time, item: item('a.jpg'), label: 'photo', ms: 5},
		{type: 'copy', time, item: item('c.jpg'), of: 'a.jpg', label: 'photo'},
		{type: 'moved', time, path: 'a.jpg', to: 'labeled/photo/a.jpg', label: 'photo'},
		{type: 'moved', time, path: 'c.jpg', to: 'labeled/_duplicates/photo/c.jpg', label: 'photo'},
	];
	const state = actions.reduce(sessionReducer, initialState(['photo', 'screenshot']));
	assert.deepEqual(movedWithUndo(state, 'a.jpg'), [
		['a.jpg', 'labeled/photo/a.jpg'],
		['c.jpg', 'labeled/_duplicates/photo/c.jpg'],
	]);
	assert.deepEqual(movedWithUndo(state, 'b.jpg'), [], 'nothing moved, nothing to bring back');
});

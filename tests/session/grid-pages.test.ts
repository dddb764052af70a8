import assert from 'node:assert/strict';
import test from 'node:test';
import type {SessionAction} from '../../source/core/session-actions.js';
import {transition} from '../../source/core/session-reducer.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';
import {carries} from '../../source/session/grid-pages.js';

function after(state: SessionState, action: SessionAction): SessionState {
	const next = transition(state, action);
	assert.ok(next, `${action.type} applies`);
	return next.state;
}

test('the store notice that carries an accepted page is told apart from one that came before it', () => {
	// The next page opens on the notice that carries the accepted page; a team's record notified
	// first must not open it (its candidates would still hold the page's own items).
	const item = {path: 'b.jpg', size: 1, mtimeMs: 1};
	const mark = {path: item.path, time: '2026-12-06T23:00:00.000Z'};
	let state = after(initialState(['photo', 'screenshot']), {
		type: 'items-found',
		paths: ['a.jpg', 'b.jpg'],
	});
	assert.equal(carries(state, mark), false, 'nothing decided yet');
	state = after(state, {
		type: 'decide',
		item,
		label: 'photo',
		time: '2026-12-06T22:59:00.000Z',
		ms: 0,
	});
	assert.equal(carries(state, mark), false, 'an earlier decision of the item is not the page');
	state = after(state, {type: 'decide', item, label: 'screenshot', time: mark.time, ms: 0});
	assert.equal(carries(state, mark), true);
	assert.equal(carries(state, undefined), false, 'no page is waiting');
});

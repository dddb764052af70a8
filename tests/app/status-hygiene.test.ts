import assert from 'node:assert/strict';
import test from 'node:test';
import {formatStatus, statusOf} from '../../source/app/status.js';
import {type SessionAction, sessionReducer} from '../../source/core/session-reducer.js';
import {initialState} from '../../source/core/session-state.js';

const time = '2026-11-25T10:00:00.000Z';
const item = (path: string) => ({path, size: 10, mtimeMs: 1});

function stateAfter(actions: SessionAction[]) {
	let state = initialState(['photo', 'screenshot']);
	const paths = ['a.jpg', 'b.jpg', 'c.jpg', 'd\u001b[31m.jpg', 'e.jpg'];
	for (const action of [{type: 'items-found', paths} as const, ...actions]) {
		state = sessionReducer(state, action);
	}

	return state;
}

test('status lists broken files with reasons and exact copies with their group', () => {
	const state = stateAfter([
		{type: 'broken', time, item: item('d\u001b[31m.jpg'), reason: 'corrupt', detail: 'bad CRC'},
		{type: 'broken', time, item: item('c.jpg'), reason: 'empty', detail: '0 bytes'},
		{type: 'decide', time, item: item('a.jpg'), label: 'photo', ms: 10},
		{type: 'copy', time, item: item('e.jpg'), of: 'a.jpg', label: 'photo'},
	]);
	const report = statusOf(state, 5, {dir: '/data', user: 'ann', warnings: []});
	assert.deepEqual(report.hygiene, {
		broken: [
			{path: 'c.jpg', reason: 'empty', detail: '0 bytes'},
			{path: 'd\u001b[31m.jpg', reason: 'corrupt', detail: 'bad CRC'},
		],
		copies: [{path: 'e.jpg', of: 'a.jpg', label: 'photo'}],
	});
	assert.equal(report.undecided, 1, 'only b.jpg is left: broken files are not to go');
	const text = formatStatus(report);
	assert.match(text, /broken {7}2 set aside/);
	assert.match(text, /c\.jpg {2}empty: 0 bytes/);
	assert.match(text, /d\\x1b\[31m\.jpg {2}corrupt: bad CRC/, 'control characters are escaped');
	assert.match(text, /copies {7}1 exact copy/);
	assert.match(text, /e\.jpg {2}= a\.jpg \(photo\)/);
});

test('status says nothing about hygiene when there is nothing to say', () => {
	const report = statusOf(stateAfter([]), 5, {dir: '/data', user: 'ann', warnings: []});
	assert.deepEqual(report.hygiene, {broken: [], copies: []});
	assert.doesNotMatch(formatStatus(report), /broken|copies/);
});

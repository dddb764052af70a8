import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import {transition} from '../../../source/core/session-reducer.js';
import {initialState, type SessionState} from '../../../source/core/session-state.js';
import {planCommit} from '../../../source/files/commit/index.js';

function stateWith(classes: string[], decisions: Array<[string, string]>): SessionState {
	let state = initialState(classes);
	for (const [itemPath, label] of decisions) {
		const item = {path: itemPath, size: 10, mtimeMs: 1000};
		const next = transition(state, {type: 'decide', time: 't', item, label, ms: 1});
		assert.ok(next, `decide ${itemPath}`);
		state = next.state;
	}

	return state;
}

test('plans every decided, not yet moved item to <out>/<label>/<basename>, in path order', () => {
	let state = stateWith(
		['photo', 'screenshot'],
		[
			['z/b.jpg', 'photo'],
			['a.png', 'screenshot'],
			['done.jpg', 'photo'],
		],
	);
	state =
		transition(state, {
			type: 'moved',
			time: 't',
			path: 'done.jpg',
			to: 'out/photo/done.jpg',
			label: 'photo',
		})?.state ?? state;
	const dir = path.resolve('/data/set');
	const plan = planCommit({dir, out: 'out', state});
	assert.deepEqual(plan.entries, [
		{path: 'a.png', label: 'screenshot', size: 10, mtimeMs: 1000, to: 'out/screenshot/a.png'},
		{path: 'z/b.jpg', label: 'photo', size: 10, mtimeMs: 1000, to: 'out/photo/b.jpg'},
	]);
	assert.deepEqual(plan.rejected, []);

	const outside = planCommit({dir, out: path.resolve('/elsewhere'), state});
	assert.equal(
		outside.entries[0]?.to,
		path.join(path.resolve('/elsewhere'), 'screenshot', 'a.png'),
	);
	assert.deepEqual(
		planCommit({dir, out: 'out', state, exclude: new Set(['a.png'])}).entries.map((e) => e.path),
		['z/b.jpg'],
	);
});

test('an unsafe label or a path leaving the dataset is rejected, not planned', () => {
	const state = stateWith(
		['photo', '../escape'],
		[
			['a.jpg', '../escape'],
			['../outside.jpg', 'photo'],
			['ok.jpg', 'photo'],
		],
	);
	const plan = planCommit({dir: '/data', out: 'out', state});
	assert.deepEqual(
		plan.entries.map((entry) => entry.path),
		['ok.jpg'],
	);
	assert.deepEqual(plan.rejected.map((entry) => entry.path).sort(), ['../outside.jpg', 'a.jpg']);
	assert.ok(plan.rejected.every((entry) => entry.reason.includes('check the journal entry')));
});

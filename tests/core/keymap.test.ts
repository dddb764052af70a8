import assert from 'node:assert/strict';
import test from 'node:test';
import {intentForKey, keymap} from '../../source/core/keymap.js';

test('every key is bound to exactly one action, and every action once', () => {
	const keys = keymap.flatMap((binding) => binding.keys);
	assert.equal(new Set(keys).size, keys.length);
	const actions = keymap.map((binding) => binding.action);
	assert.equal(new Set(actions).size, actions.length);
	for (const required of [
		'decide',
		'accept-guess',
		'undo',
		'skip',
		'commit',
		'help',
		'quit',
	] as const) {
		assert.ok(actions.includes(required), required);
	}
});

test('class keys only exist for the classes there are', () => {
	assert.deepEqual(intentForKey('2', 2), {action: 'decide', classIndex: 1});
	assert.equal(intentForKey('3', 2), undefined);
	assert.deepEqual(intentForKey('backspace', 2), {action: 'undo'});
	assert.deepEqual(intentForKey('space', 2), {action: 'accept-guess'});
	assert.deepEqual(intentForKey('a', 2), {action: 'accept-near'});
	assert.equal(intentForKey('x', 2), undefined);
});

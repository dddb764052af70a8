import assert from 'node:assert/strict';
import test from 'node:test';
import {
	initialLabelScreenState,
	labelScreenReducer,
	routeKey,
} from '../../source/ui/label-screen-state.js';

const labeling = {classCount: 3, canLabel: true};
const helpOpen = {helpOpen: true};

test('keys map to intents through the keymap', () => {
	assert.deepEqual(routeKey(initialLabelScreenState, '3', labeling), {
		intent: {action: 'decide', classIndex: 2},
	});
	assert.deepEqual(routeKey(initialLabelScreenState, '4', labeling), {});
	assert.deepEqual(routeKey(initialLabelScreenState, 'backspace', labeling), {
		intent: {action: 'undo'},
	});
	assert.deepEqual(routeKey(initialLabelScreenState, 'escape', labeling), {});
});

test('? opens help on the screen instead of reaching the controller', () => {
	assert.deepEqual(routeKey(initialLabelScreenState, '?', labeling), {action: {type: 'open-help'}});
});

test('in help, ? and Esc close it, quit still quits, everything else is ignored', () => {
	assert.deepEqual(routeKey(helpOpen, '?', labeling), {action: {type: 'close-help'}});
	assert.deepEqual(routeKey(helpOpen, 'escape', labeling), {action: {type: 'close-help'}});
	assert.deepEqual(routeKey(helpOpen, 'q', labeling), {intent: {action: 'quit'}});
	assert.deepEqual(routeKey(helpOpen, 'ctrl+c', labeling), {intent: {action: 'quit'}});
	for (const key of ['1', 'u', 'enter', 's', 'c']) {
		assert.deepEqual(routeKey(helpOpen, key, labeling), {}, key);
	}
});

test('when the screen cannot label, only quit works', () => {
	const tooSmall = {classCount: 3, canLabel: false};
	assert.deepEqual(routeKey(initialLabelScreenState, '1', tooSmall), {});
	assert.deepEqual(routeKey(initialLabelScreenState, '?', tooSmall), {});
	assert.deepEqual(routeKey(initialLabelScreenState, 'q', tooSmall), {intent: {action: 'quit'}});
});

test('the reducer opens and closes help, keeping the same object when nothing changes', () => {
	const opened = labelScreenReducer(initialLabelScreenState, {type: 'open-help'});
	assert.equal(opened.helpOpen, true);
	assert.equal(labelScreenReducer(opened, {type: 'open-help'}), opened);
	const closed = labelScreenReducer(opened, {type: 'close-help'});
	assert.equal(closed.helpOpen, false);
	assert.equal(labelScreenReducer(closed, {type: 'close-help'}), closed);
});

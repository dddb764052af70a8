import assert from 'node:assert/strict';
import test from 'node:test';
import {
	initialLabelScreenState,
	labelScreenReducer,
	routeKey,
} from '../../source/ui/label-screen-state.js';

const labeling = {classCount: 3, canLabel: true};
const helpOpen = {helpOpen: true, view: 'single'} as const;
const inGrid = {helpOpen: false, view: 'grid'} as const;
const gridContext = {classCount: 2, canLabel: true, canGrid: true, hasGrid: true, cellCount: 6};

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

test('g switches to the grid only when the session has one, and back', () => {
	assert.deepEqual(routeKey(initialLabelScreenState, 'g', labeling), {});
	assert.deepEqual(routeKey(initialLabelScreenState, 'g', gridContext), {
		action: {type: 'toggle-view'},
	});
	assert.deepEqual(routeKey(inGrid, 'g', gridContext), {action: {type: 'toggle-view'}});
	const grid = labelScreenReducer(initialLabelScreenState, {type: 'toggle-view'});
	assert.equal(grid.view, 'grid');
	assert.equal(labelScreenReducer(grid, {type: 'toggle-view'}).view, 'single');
});

test('in the grid, cell keys, Enter, class keys and undo go to the grid; quit still quits', () => {
	assert.deepEqual(routeKey(inGrid, 'a', gridContext), {gridIntent: {action: 'cell', cell: 0}});
	assert.deepEqual(routeKey(inGrid, 'k', gridContext), {}, 'the seventh cell key is past 6 cells');
	assert.deepEqual(routeKey(inGrid, 'enter', gridContext), {gridIntent: {action: 'accept-page'}});
	assert.deepEqual(routeKey(inGrid, '2', gridContext), {
		gridIntent: {action: 'set-class', classIndex: 1},
	});
	assert.deepEqual(routeKey(inGrid, 'u', gridContext), {gridIntent: {action: 'undo-page'}});
	assert.deepEqual(routeKey(inGrid, 'q', gridContext), {intent: {action: 'quit'}});
	assert.deepEqual(routeKey(inGrid, '?', gridContext), {action: {type: 'open-help'}});
	const small = {...gridContext, canGrid: false};
	assert.deepEqual(routeKey(inGrid, 'a', small), {});
	assert.deepEqual(routeKey(inGrid, '?', small), {});
	assert.deepEqual(routeKey(inGrid, 'q', small), {intent: {action: 'quit'}});
	assert.deepEqual(routeKey(inGrid, 'g', small), {action: {type: 'toggle-view'}}, 'a way out');
});

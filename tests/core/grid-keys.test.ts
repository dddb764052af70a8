import assert from 'node:assert/strict';
import test from 'node:test';
import {
	cellKeys,
	gridIntentForKey,
	gridKeymap,
	gridKeyTableMarkdown,
	maxCellsPerPage,
} from '../../source/core/grid-keys.js';
import {classKeys} from '../../source/core/keymap.js';

test('no cell key is an action key, and every key means one thing', () => {
	const actionKeys = gridKeymap.flatMap((binding) => binding.keys);
	assert.equal(new Set(actionKeys).size, actionKeys.length);
	assert.equal(new Set(cellKeys).size, cellKeys.length);
	for (const key of cellKeys) {
		assert.ok(!actionKeys.includes(key), `cell key ${key} is also an action key`);
		assert.equal(Array.from(key).length, 1, `cell key ${key} is one character`);
	}

	for (const key of ['enter', 'u', 'g', '?', 'q', ...classKeys]) {
		assert.ok(actionKeys.includes(key), `${key} is an action key`);
	}

	const actions = gridKeymap.map((binding) => binding.action);
	assert.equal(new Set(actions).size, actions.length);
});

test('every cell of the largest page has its own key, bound once', () => {
	assert.equal(maxCellsPerPage, cellKeys.length);
	const seen = new Set<number>();
	for (const key of cellKeys) {
		const intent = gridIntentForKey(key, 2, maxCellsPerPage);
		assert.ok(intent?.action === 'cell', key);
		assert.ok(!seen.has(intent.cell));
		seen.add(intent.cell);
	}

	assert.equal(seen.size, maxCellsPerPage);
});

test('keys mean nothing past the cells and classes there are', () => {
	assert.deepEqual(gridIntentForKey('a', 2, 4), {action: 'cell', cell: 0});
	assert.equal(gridIntentForKey('h', 2, 4), undefined);
	assert.deepEqual(gridIntentForKey('2', 2, 4), {action: 'set-class', classIndex: 1});
	assert.equal(gridIntentForKey('3', 2, 4), undefined);
	assert.deepEqual(gridIntentForKey('enter', 2, 4), {action: 'accept-page'});
	assert.deepEqual(gridIntentForKey('g', 2, 4), {action: 'toggle-view'});
	assert.equal(gridIntentForKey('c', 2, 4), undefined);
});

test('the table lists the cell keys and every action', () => {
	const table = gridKeyTableMarkdown();
	for (const key of cellKeys) {
		assert.ok(table.includes(`\`${key}\``), key);
	}

	for (const binding of gridKeymap) {
		assert.ok(table.includes(`| ${binding.action} |`), binding.action);
	}
});

import assert from 'node:assert/strict';
import test from 'node:test';
import type {GridCell} from '../../../source/core/grid/grid-page.js';
import {cellCaption, elideMiddle, percentOf} from '../../../source/ui/grid/cell-caption.js';

const cell = (
	path: string,
	confidence = 0.97,
	mark: GridCell['mark'] = {kind: 'none'},
): GridCell => ({
	path,
	key: 'f',
	guess: {label: 'photo', confidence, source: 'builtin'},
	mark,
});

test('a caption shows the key, the file name and the confidence', () => {
	assert.equal(cellCaption(cell('trip/100003.jpg'), 30), '[f] 100003.jpg 97%');
	assert.equal(percentOf(0.996), '99%');
	assert.equal(percentOf(1), '100%');
});

test('a long name loses its middle and the caption never exceeds its width', () => {
	const long = `a/${'x'.repeat(20)}-holiday-${'y'.repeat(20)}.jpeg`;
	for (let width = 1; width <= 60; width++) {
		const caption = cellCaption(cell(long), width);
		assert.ok(Array.from(caption).length <= width, `${width}: ${caption}`);
	}

	assert.equal(cellCaption(cell(long), 24), '[f] xxxxxxxx…yy.jpeg 97%');
	assert.equal(elideMiddle('abcdefgh', 5), 'ab…gh');
});

test('hostile names are escaped before they are measured', () => {
	const caption = cellCaption(cell('dir/\u001b[31mred\u0007.png'), 40);
	assert.equal(caption, '[f] \\x1b[31mred\\x07.png 97%');
	assert.ok(!caption.includes('\u001b'));
});

test('a marked cell says wrong, or the class it was given', () => {
	assert.equal(cellCaption(cell('1.jpg', 0.9, {kind: 'wrong'}), 30), '[f] ✗ 1.jpg');
	assert.equal(
		cellCaption(cell('1.jpg', 0.9, {kind: 'class', label: 'screenshot'}), 30),
		'[f] → screenshot 1.jpg',
	);
});

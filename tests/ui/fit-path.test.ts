import assert from 'node:assert/strict';
import test from 'node:test';
import {pathLines} from '../../source/ui/fit-path.js';

test('a short path stays on one line', () => {
	assert.deepEqual(pathLines('a/b.jpg', 10, 2), ['a/b.jpg']);
	assert.deepEqual(pathLines('', 10, 2), ['']);
});

test('a path wraps onto the allowed lines', () => {
	assert.deepEqual(pathLines('abcdefghijkl', 5, 3), ['abcde', 'fghij', 'kl']);
});

test('a path too long for the lines loses its middle', () => {
	const lines = pathLines('top/0123456789012345678901234567890123456789/name.jpg', 10, 2);
	assert.deepEqual(lines, ['top/012345', '…/name.jpg']);
});

test('code points are never split', () => {
	const lines = pathLines('📷📷📷📷📷', 2, 2);
	assert.deepEqual(lines, ['📷📷', '…📷']);
});

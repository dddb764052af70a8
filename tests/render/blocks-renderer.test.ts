import assert from 'node:assert/strict';
import test from 'node:test';
import {blocksRenderer} from '../../source/render/blocks-renderer.js';
import {parseHalfBlockLine} from '../helpers/half-block-cells.js';
import {texturePixels} from '../helpers/image-files.js';

test('asks for one pixel per column and two per row', () => {
	assert.deepEqual(blocksRenderer('256').cellPixels({columns: 80, rows: 40}), {
		width: 80,
		height: 80,
	});
});

test('a frame reports its cells and its size in UTF-8 bytes', () => {
	const frame = blocksRenderer('truecolor').encode(
		{pixels: texturePixels(30, 17), width: 30, height: 17},
		{columns: 80, rows: 40},
	);
	assert.equal(frame.columns, 30);
	assert.equal(frame.rows, 9);
	assert.equal(frame.lines.length, 9);
	assert.equal(frame.bytes, Buffer.byteLength(frame.lines.join(''), 'utf8'));
});

test('pixels larger than the box are cropped to it, never drawn outside', () => {
	const width = 50;
	const pixels = texturePixels(width, 30);
	const frame = blocksRenderer('truecolor', {tolerance: 0}).encode(
		{pixels, width, height: 30},
		{columns: 20, rows: 5},
	);
	assert.equal(frame.columns, 20);
	assert.equal(frame.rows, 5);
	for (const line of frame.lines) assert.equal(parseHalfBlockLine(line).length, 20);
	const lastCell = parseHalfBlockLine(frame.lines[4] ?? '')[19];
	const offset = (9 * width + 19) * 3;
	assert.equal(
		lastCell?.bottom,
		`rgb(${pixels[offset]},${pixels[offset + 1]},${pixels[offset + 2]})`,
	);
});

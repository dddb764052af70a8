import assert from 'node:assert/strict';
import test from 'node:test';
import {encodeSymbols, sextantGlyph, symbolsRenderer} from '../../source/render/symbols.js';
import type {PixelImage} from '../../source/render/types.js';

/** width×height pixels, white where `white(x, y)` holds, black elsewhere. */
function pattern(
	width: number,
	height: number,
	white: (x: number, y: number) => boolean,
): PixelImage {
	const pixels = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++)
			if (white(x, y)) pixels.fill(255, (y * width + x) * 3, (y * width + x) * 3 + 3);
	}
	return {pixels, width, height};
}

const strip = (line: string) => line.replace(/\u001B\[[0-9;]*m/g, '');

test('sextant masks map onto U+1FB00..U+1FB3B, skipping the existing half and full blocks', () => {
	assert.equal(sextantGlyph(1), '\u{1FB00}');
	assert.equal(sextantGlyph(20), '\u{1FB13}');
	assert.equal(sextantGlyph(21), '▌');
	assert.equal(sextantGlyph(22), '\u{1FB14}');
	assert.equal(sextantGlyph(42), '▐');
	assert.equal(sextantGlyph(62), '\u{1FB3B}');
	assert.equal(sextantGlyph(0), ' ');
	assert.equal(sextantGlyph(63), '█');
	const all = new Set(Array.from({length: 64}, (_, mask) => sextantGlyph(mask)));
	assert.equal(all.size, 64, 'every mask has its own glyph');
});

test('a quadrant cell with only its top-left white is ▘ in white on black', () => {
	const [line] = encodeSymbols(
		pattern(2, 4, (x, y) => x === 0 && y < 2),
		{colors: 'truecolor', mode: 'quadrant'},
	);
	assert.equal(line, '\u001B[38;2;255;255;255;48;2;0;0;0m▘\u001B[0m');
});

test('a white left column is ▌ as a sextant, and one-pixel stripes survive that half-blocks would grey out', () => {
	const [left] = encodeSymbols(
		pattern(2, 4, (x) => x === 0),
		{colors: '256', mode: 'sextant'},
	);
	assert.equal(strip(left ?? ''), '▌');
	const stripes = pattern(16, 8, (x) => x % 2 === 0);
	for (const mode of ['quadrant', 'sextant'] as const) {
		const lines = encodeSymbols(stripes, {colors: '256', mode});
		assert.deepEqual(lines.map(strip), ['▌'.repeat(8), '▌'.repeat(8)], mode);
	}
});

test('the renderer asks for 2×4 square pixels per cell and fits the box', () => {
	const renderer = symbolsRenderer('256', 'sextant');
	assert.deepEqual(renderer.cellPixels({columns: 80, rows: 40}), {width: 160, height: 160});
	const frame = renderer.encode(
		pattern(10, 7, () => true),
		{columns: 80, rows: 40},
	);
	assert.deepEqual([frame.columns, frame.rows, frame.lines.length], [5, 2, 2]);
	assert.equal(
		frame.bytes,
		frame.lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0),
	);
});

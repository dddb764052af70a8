import assert from 'node:assert/strict';
import test from 'node:test';
import {encodeHalfBlocks} from '../../source/render/half-blocks.js';
import type {ColorMode} from '../../source/render/types.js';
import {parseHalfBlockLine, rgbKey} from '../helpers/half-block-cells.js';
import {texturePixels} from '../helpers/image-files.js';

type Rgb = readonly [number, number, number];
const red: Rgb = [255, 0, 0];
const green: Rgb = [0, 255, 0];
const blue: Rgb = [0, 0, 255];
const white: Rgb = [255, 255, 255];

/** Builds an image from rows of RGB triples. */
function image(rows: readonly (readonly Rgb[])[]) {
	const width = rows[0]?.length ?? 0;
	return {pixels: Uint8Array.from(rows.flat(2)), width, height: rows.length};
}

const esc = '\u001B[';

test('a 2×2 truecolor image: top pixel in the foreground of ▀, bottom in the background', () => {
	const lines = encodeHalfBlocks(
		image([
			[
				[1, 2, 3],
				[4, 5, 6],
			],
			[
				[7, 8, 9],
				[10, 11, 12],
			],
		]),
		{colors: 'truecolor'},
	);
	assert.deepEqual(lines, [
		`${esc}38;2;1;2;3;48;2;7;8;9m▀${esc}38;2;4;5;6;48;2;10;11;12m▀${esc}0m`,
	]);
});

test('identical cells share one SGR', () => {
	const lines = encodeHalfBlocks(
		image([
			[red, red, red, red],
			[blue, blue, blue, blue],
		]),
		{
			colors: 'truecolor',
		},
	);
	assert.deepEqual(lines, [`${esc}38;2;255;0;0;48;2;0;0;255m▀▀▀▀${esc}0m`]);
});

test('a one-colour cell is a space on that background, so flat areas cost one byte a cell', () => {
	const lines = encodeHalfBlocks(
		image([
			[green, green, green],
			[green, green, green],
		]),
		{
			colors: 'truecolor',
		},
	);
	assert.deepEqual(lines, [`${esc}48;2;0;255;0m   ${esc}0m`]);
});

test('a cell flips to ▄ when that changes one colour instead of two', () => {
	// Cell 1 leaves fg=red, bg=green. Cell 2 (green over blue) as ▀ needs both changed; as ▄ only fg.
	const lines = encodeHalfBlocks(
		image([
			[red, green],
			[green, blue],
		]),
		{colors: 'truecolor'},
	);
	assert.deepEqual(lines, [`${esc}38;2;255;0;0;48;2;0;255;0m▀${esc}38;2;0;0;255m▄${esc}0m`]);
	assert.deepEqual(parseHalfBlockLine(lines[0] ?? ''), [
		{top: 'rgb(255,0,0)', bottom: 'rgb(0,255,0)'},
		{top: 'rgb(0,255,0)', bottom: 'rgb(0,0,255)'},
	]);
});

test('an odd last pixel row leaves the lower half in the default background', () => {
	const lines = encodeHalfBlocks(image([[red], [blue], [white]]), {colors: 'truecolor'});
	assert.deepEqual(lines, [
		`${esc}38;2;255;0;0;48;2;0;0;255m▀${esc}0m`,
		`${esc}38;2;255;255;255;49m▀${esc}0m`,
	]);
});

test('every mode: one line per two pixel rows, one cell per pixel column, each line reset', () => {
	for (const colors of ['truecolor', '256', '16'] as const satisfies readonly ColorMode[]) {
		for (const [width, height] of [
			[1, 1],
			[7, 2],
			[13, 9],
			[80, 80],
		] as const) {
			const lines = encodeHalfBlocks(
				{pixels: texturePixels(width, height, width + height), width, height},
				{colors},
			);
			assert.equal(lines.length, Math.ceil(height / 2), `${colors} ${width}×${height}`);
			for (const line of lines) {
				assert.equal(parseHalfBlockLine(line).length, width);
				assert.ok(line.endsWith(`${esc}0m`));
				assert.ok(!line.includes('\n'));
			}
		}
	}
});

test('truecolor cells show exactly the source pixels', () => {
	const width = 31;
	const height = 20;
	const pixels = texturePixels(width, height, 7);
	const lines = encodeHalfBlocks({pixels, width, height}, {colors: 'truecolor'});
	for (const [row, line] of lines.entries()) {
		for (const [x, cell] of parseHalfBlockLine(line).entries()) {
			assert.equal(cell.top, rgbKey(pixels, (row * 2 * width + x) * 3));
			assert.equal(cell.bottom, rgbKey(pixels, ((row * 2 + 1) * width + x) * 3));
		}
	}
});

test('256 colours are written as xterm palette indexes', () => {
	const lines = encodeHalfBlocks(image([[red], [white]]), {colors: '256'});
	assert.deepEqual(lines, [`${esc}38;5;196;48;5;231m▀${esc}0m`]);
});

test('16 colours are written as the ANSI codes, bright ones as 90–97 and 100–107', () => {
	const lines = encodeHalfBlocks(
		image([
			[red, [205, 0, 0]],
			[
				[0, 0, 238],
				[255, 255, 255],
			],
		]),
		{colors: '16'},
	);
	assert.deepEqual(lines, [`${esc}91;44m▀${esc}31;107m▀${esc}0m`]);
});

test('a buffer too short for its size is refused with the sizes in the message', () => {
	assert.throws(
		() => encodeHalfBlocks({pixels: new Uint8Array(11), width: 2, height: 2}, {colors: '16'}),
		/holds 11 bytes, but 2×2 RGB needs 12/,
	);
});

/** A smooth image with slight noise (±2), as a downscaled photo's sky or wall looks. */
function smoothPixels(width: number, height: number): Uint8Array {
	const noise = texturePixels(width, height, 7);
	const pixels = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const offset = (y * width + x) * 3;
			const base = [40 + x, 90 + y, 160 - Math.floor(x / 2)];
			for (let channel = 0; channel < 3; channel++) {
				const jitter = ((noise[offset + channel] ?? 0) % 5) - 2;
				pixels[offset + channel] = (base[channel] ?? 0) + jitter;
			}
		}
	}
	return pixels;
}

const channelsOf = (color: string): number[] => color.slice(4, -1).split(',').map(Number);

test('with a tolerance, every pixel is drawn within it of its own colour, in fewer bytes', () => {
	const width = 60;
	const height = 40;
	const pixels = smoothPixels(width, height);
	const exact = encodeHalfBlocks({pixels, width, height}, {colors: 'truecolor'});
	const near = encodeHalfBlocks({pixels, width, height}, {colors: 'truecolor', tolerance: 2});
	let farthest = 0;
	for (const [row, line] of near.entries()) {
		for (const [x, cell] of parseHalfBlockLine(line).entries()) {
			for (const [half, color] of [cell.top, cell.bottom].entries()) {
				const offset = ((row * 2 + half) * width + x) * 3;
				const drawn = channelsOf(color);
				for (let channel = 0; channel < 3; channel++) {
					farthest = Math.max(
						farthest,
						Math.abs((drawn[channel] ?? -99) - (pixels[offset + channel] ?? 0)),
					);
				}
			}
		}
	}
	assert.ok(farthest <= 2, `a pixel was drawn ${farthest} levels from its colour`);
	assert.ok(farthest > 0, 'the tolerance was used');
	const bytes = (lines: string[]) => Buffer.byteLength(lines.join(''));
	assert.ok(
		bytes(near) < bytes(exact) * 0.75,
		`near: ${bytes(near)} bytes, exact: ${bytes(exact)} bytes`,
	);
});

test('the tolerance applies to truecolor only, and must be a whole number 0–255', () => {
	const width = 20;
	const height = 10;
	const pixels = smoothPixels(width, height);
	assert.deepEqual(
		encodeHalfBlocks({pixels, width, height}, {colors: '256', tolerance: 40}),
		encodeHalfBlocks({pixels, width, height}, {colors: '256'}),
	);
	for (const tolerance of [-1, 1.5, 256]) {
		assert.throws(
			() => encodeHalfBlocks({pixels, width, height}, {colors: 'truecolor', tolerance}),
			/tolerance must be a whole number/,
		);
	}
});

import assert from 'node:assert/strict';
import test from 'node:test';
import xterm from '@xterm/headless';
import {overlayBytes} from '../../source/render/overlay-bytes.js';
import {nearestXterm256} from '../../source/render/palette.js';
import {sixelRenderer} from '../../source/render/sixel.js';
import {quantize} from '../../source/render/sixel-palette.js';
import type {PixelImage} from '../../source/render/types.js';
import {decodeSixel} from '../helpers/sixel-decoder.js';

function psnr(a: Uint8Array, b: Uint8Array): number {
	let sum = 0;
	for (let index = 0; index < a.length; index++) sum += ((a[index] ?? 0) - (b[index] ?? 0)) ** 2;
	return 10 * Math.log10((255 * 255) / (sum / a.length));
}

/** Smooth colour ramps: far more than 256 colours, like a photo. */
function ramps(width: number, height: number): PixelImage {
	const pixels = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			pixels.set(
				[
					Math.round((x / width) * 255),
					Math.round((y / height) * 255),
					Math.round(128 + 100 * Math.sin(x / 7)),
				],
				(y * width + x) * 3,
			);
		}
	}
	return {pixels, width, height};
}

test('few colours round-trip through sixel exactly (up to percent rounding)', () => {
	const width = 13;
	const height = 11;
	const colors = [
		[255, 0, 0],
		[0, 128, 255],
		[20, 20, 20],
		[250, 250, 240],
	];
	const pixels = new Uint8Array(width * height * 3);
	for (let index = 0; index < width * height; index++) {
		pixels.set(colors[(index * 7 + (index >> 3)) % 4] ?? [0, 0, 0], index * 3);
	}
	const renderer = sixelRenderer({cell: {width: 10, height: 20}});
	const frame = renderer.encode({pixels, width, height}, {columns: 4, rows: 2});
	const decoded = decodeSixel(frame.lines[0] ?? '');
	assert.deepEqual({width: decoded.width, height: decoded.height}, {width, height});
	for (let index = 0; index < pixels.length; index++) {
		assert.ok(Math.abs((decoded.rgb[index] ?? 0) - (pixels[index] ?? 0)) <= 2, `byte ${index}`);
	}
	assert.deepEqual({columns: frame.columns, rows: frame.rows}, {columns: 2, rows: 1});
	assert.equal(frame.lines.length, 1);
	assert.equal(frame.opaqueLines, true);
});

test('a many-colour image keeps a good likeness with a 256-colour median-cut palette', () => {
	const image = ramps(160, 90);
	const {colors} = quantize(image);
	assert.equal(colors, 256);
	const renderer = sixelRenderer({cell: {width: 8, height: 16}});
	const frame = renderer.encode(image, {columns: 20, rows: 6});
	const decoded = decodeSixel(frame.lines[0] ?? '');
	const quality = psnr(decoded.rgb, image.pixels);
	// The baseline: the same pixels snapped to xterm's fixed 256 colours.
	const fixed = new Uint8Array(image.pixels.length);
	const cube = [0, 95, 135, 175, 215, 255];
	for (let index = 0; index < fixed.length; index += 3) {
		const code = nearestXterm256(
			image.pixels[index] ?? 0,
			image.pixels[index + 1] ?? 0,
			image.pixels[index + 2] ?? 0,
		);
		const grey = 8 + (code - 232) * 10;
		const rgb =
			code >= 232
				? [grey, grey, grey]
				: [
						cube[Math.floor((code - 16) / 36)],
						cube[Math.floor((code - 16) / 6) % 6],
						cube[(code - 16) % 6],
					];
		fixed.set(rgb as number[], index);
	}
	const baseline = psnr(fixed, image.pixels);
	assert.ok(
		quality > baseline + 2 && quality > 26,
		`median cut ${quality.toFixed(1)} dB vs fixed palette ${baseline.toFixed(1)} dB`,
	);
	assert.deepEqual({columns: frame.columns, rows: frame.rows}, {columns: 20, rows: 6});
	assert.equal(frame.lines.length, 6, 'one line per reserved row, the image on the first');
});

test('the pixel box is the cell box at the terminal cell size', () => {
	const renderer = sixelRenderer({cell: {width: 9, height: 18}});
	assert.deepEqual(renderer.cellPixels({columns: 80, rows: 40}), {width: 720, height: 720});
});

test('the painter puts the sixel at the reserved cell; a terminal without sixel shows no garbage', async () => {
	const renderer = sixelRenderer({cell: {width: 10, height: 20}});
	const frame = renderer.encode(ramps(60, 40), {columns: 20, rows: 5});
	const bytes = overlayBytes({top: 3, left: 7, lines: frame.lines, width: frame.columns});
	assert.ok(
		bytes.startsWith('\u001B7\u001B[4;8H\u001BP'),
		'cursor to row 4, column 8, then the image',
	);
	assert.ok(bytes.endsWith('\u001B8'), 'cursor restored');
	const terminal = new xterm.Terminal({cols: 40, rows: 10, allowProposedApi: true});
	await new Promise<void>((resolve) => terminal.write(`ab${bytes}cd`, resolve));
	const buffer = terminal.buffer.active;
	const text = Array.from({length: 10}, (_, row) =>
		buffer.getLine(row)?.translateToString(true),
	).join('|');
	assert.equal(text, 'abcd|||||||||', 'nothing of the sixel data is printed as text');
});

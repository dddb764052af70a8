import assert from 'node:assert/strict';
import test from 'node:test';
import {gridLayoutFor} from '../../source/render/grid-layout.js';
import {mosaicOf} from '../../source/render/grid-mosaic.js';
import {itermRenderer} from '../../source/render/iterm.js';
import {kittyRenderer} from '../../source/render/kitty.js';
import {overlayBytes} from '../../source/render/overlay-bytes.js';
import {sixelRenderer} from '../../source/render/sixel.js';
import type {Renderer} from '../../source/render/types.js';
import {decodeSixel} from '../helpers/sixel-decoder.js';

const cell = {width: 10, height: 20};
const layout = gridLayoutFor({columns: 140, rows: 45});

/** A made-up picture: colour `shade` everywhere, a different one in the top-left pixel. */
function picture(width: number, height: number, shade: number) {
	const pixels = new Uint8Array(width * height * 3).fill(shade);
	pixels.set([255, 0, 0], 0);
	return {pixels, width, height, jpeg: new Uint8Array([0xff, 0xd8, shade, 0xff, 0xd9])};
}

/** Every cell's frame at the renderer's pixel size for the cell (a landscape one every third). */
function pageOf(renderer: Renderer) {
	if (layout.kind !== 'grid') throw new Error('140×45 holds a grid');
	return layout.cells.map((box, index) => {
		const size = renderer.cellPixels(box.image);
		const height = index % 3 === 0 ? Math.floor(size.height / 2) : size.height;
		return {
			image: box.image,
			frame: renderer.encode(picture(size.width, height, index * 9), box.image),
		};
	});
}

/** The painted bytes as (row, column, sequence) placements: each image after its cursor move. */
function placements(bytes: string, introducer: string) {
	const found: Array<{row: number; column: number; sequence: string}> = [];
	const pattern = /\u001B\[(\d+);(\d+)H/g;
	for (const move of bytes.matchAll(pattern)) {
		const rest = bytes.slice((move.index ?? 0) + move[0].length);
		if (rest.startsWith(introducer)) {
			const end =
				introducer === '\u001B]1337;' ? rest.indexOf('\u0007') + 1 : rest.indexOf('\u001B\\') + 2;
			found.push({
				row: Number(move[1]) - 1,
				column: Number(move[2]) - 1,
				sequence: rest.slice(0, end),
			});
		}
	}

	return found;
}

for (const [name, renderer, introducer] of [
	['iTerm2', itermRenderer({cell}), '\u001B]1337;'],
	['sixel', sixelRenderer({cell}), '\u001BP'],
] as const) {
	test(`${name}: one image per cell, each written at its own cell's position`, () => {
		assert.equal(layout.kind, 'grid');
		if (layout.kind !== 'grid') return;
		const placed = pageOf(renderer);
		const mosaic = mosaicOf(placed);
		assert.ok(mosaic);
		const bytes = overlayBytes(mosaic);
		const found = placements(bytes, introducer);
		assert.equal(found.length, layout.cells.length, 'one image per cell');
		assert.equal(bytes.split(introducer).length - 1, layout.cells.length, 'and no other image');
		for (const [index, box] of layout.cells.entries()) {
			const frame = placed[index]?.frame;
			assert.ok(frame);
			const at = found.find((placement) => placement.sequence === frame.lines[0]);
			assert.ok(at, `cell ${index}'s own image is written`);
			assert.equal(at.column, box.image.left + Math.floor((box.image.columns - frame.columns) / 2));
			assert.equal(at.row, box.image.top + Math.floor((box.image.rows - frame.rows) / 2));
			assert.ok(at.row + frame.rows <= box.image.top + box.image.rows, 'inside its cell');
		}

		const right = Math.max(...layout.cells.map(({image}) => image.left + image.columns));
		assert.equal(mosaic.width, right, 'the overlay spans the cells, for blanking it');
	});
}

test('iTerm2 cells carry their own JPEG stretched over the cell size, not moving the cursor', () => {
	const placed = pageOf(itermRenderer({cell}));
	const sequences = placements(
		overlayBytes(mosaicOf(placed) ?? {top: 0, left: 0, lines: []}),
		'\u001B]1337;',
	);
	for (const [index, {sequence}] of sequences.entries()) {
		assert.match(sequence, /doNotMoveCursor=1/);
		assert.match(sequence, /width=\d+;height=\d+/);
		assert.ok(index < placed.length);
	}
	const jpegs = new Set(sequences.map(({sequence}) => sequence.slice(sequence.indexOf(':') + 1)));
	assert.equal(jpegs.size, placed.length, 'every cell its own picture');
});

test('sixel cells decode to their own pixels at cell size', () => {
	if (layout.kind !== 'grid') return;
	const renderer = sixelRenderer({cell});
	const placed = pageOf(renderer);
	const found = placements(
		overlayBytes(mosaicOf(placed) ?? {top: 0, left: 0, lines: []}),
		'\u001BP',
	);
	for (const [index, box] of layout.cells.entries()) {
		const frame = placed[index]?.frame;
		const decoded = decodeSixel(
			found.find(({sequence}) => sequence === frame?.lines[0])?.sequence ?? '',
		);
		const size = renderer.cellPixels(box.image);
		assert.equal(decoded.width, size.width);
		assert.deepEqual([...decoded.rgb.subarray(0, 3)], [255, 0, 0]);
		// Sixel colours are whole percents: within 3 of the cell's own shade.
		assert.ok(Math.abs((decoded.rgb[4] ?? 0) - index * 9) <= 3, 'the cell shows its own picture');
	}
});

test('a cell still loading or marked writes nothing; kitty cells stay placeholders of one image each', () => {
	const placed = pageOf(sixelRenderer({cell}));
	const partial = placed.map((entry, index) =>
		index % 2 === 0 ? entry : {...entry, frame: undefined},
	);
	const mosaic = mosaicOf(partial);
	assert.ok(mosaic);
	assert.equal(placements(overlayBytes(mosaic), '\u001BP').length, Math.ceil(placed.length / 2));
	const kitty = mosaicOf(pageOf(kittyRenderer({cell, insideTmux: false})));
	assert.ok(kitty);
	assert.equal(kitty.width, undefined, 'kitty joins the text mosaic');
	assert.equal(kitty.graphics.length, placed.length, 'one kitty image per cell');
	assert.equal(new Set(kitty.graphics.map((graphic) => graphic.erase)).size, placed.length);
});

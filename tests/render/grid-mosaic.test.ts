import assert from 'node:assert/strict';
import test from 'node:test';
import {blocksRenderer} from '../../source/render/blocks-renderer.js';
import {gridLayoutFor} from '../../source/render/grid-layout.js';
import {dimPixels, mosaicOf} from '../../source/render/grid-mosaic.js';
import {visibleWidth} from '../../source/render/overlay-bytes.js';

/** A solid image of one colour. */
function solid(width: number, height: number, rgb: [number, number, number]) {
	const pixels = new Uint8Array(width * height * 3);
	for (let index = 0; index < pixels.length; index += 3) {
		pixels.set(rgb, index);
	}

	return {pixels, width, height};
}

const strip = (line: string) => line.replace(/\u001b\[[0-9;:]*m/g, '');

test('a page of thumbnails becomes one overlay: frames centred in their cells, captions left alone', () => {
	const layout = gridLayoutFor({columns: 80, rows: 24});
	assert.equal(layout.kind, 'grid');
	if (layout.kind !== 'grid') return;
	const renderer = blocksRenderer('truecolor');
	const colours: Array<[number, number, number]> = [
		[255, 0, 0],
		[0, 255, 0],
		[0, 0, 255],
		[255, 255, 0],
		[0, 255, 255],
		[255, 0, 255],
	];
	// Landscape thumbnails, narrower than their cell's height allows: centred vertically.
	const placed = layout.cells.map((cell, index) => ({
		image: cell.image,
		frame: renderer.encode(solid(cell.image.columns, 6, colours[index] ?? [0, 0, 0]), cell.image),
	}));
	const mosaic = mosaicOf(placed);
	assert.ok(mosaic);
	const first = layout.cells[0];
	const last = layout.cells.at(-1);
	assert.ok(first && last);
	assert.equal(mosaic.top, first.image.top);
	assert.equal(mosaic.lines.length, last.image.top + last.image.rows - first.image.top);
	const captionLine = mosaic.lines[first.caption.top - mosaic.top];
	assert.equal(captionLine, '', 'the caption row is not painted over');
	const padTop = Math.floor((first.image.rows - 3) / 2);
	const row = mosaic.lines[padTop] ?? '';
	// The row holds each cell of the first row: its frame's line, in its colour, at its column.
	const rowEnd = Math.max(...layout.cells.map((c) => c.image.left + c.image.columns));
	assert.equal(visibleWidth(row), rowEnd);
	const order = ['255;0;0', '0;255;0', '0;0;255'].map((rgb) => row.indexOf(rgb));
	const [red = -1, green = -1, blue = -1] = order;
	assert.ok(red >= 0 && red < green && green < blue, 'the first row of cells, left to right');
	const blankRow = mosaic.lines[0] ?? '';
	assert.equal(strip(blankRow).trim(), '', 'rows above a centred frame are blank');
	// Each line's width, as the painter would otherwise measure it ('' caption rows cover none).
	assert.deepEqual(
		mosaic.lineWidths,
		mosaic.lines.map((line) => visibleWidth(line)),
	);
	assert.equal(mosaicOf([]), undefined);
});

test('a cell still loading is blank; dimming darkens every channel', () => {
	const layout = gridLayoutFor({columns: 80, rows: 24});
	if (layout.kind !== 'grid') return assert.fail('grid expected');
	const mosaic = mosaicOf(layout.cells.map((cell) => ({image: cell.image, frame: undefined})));
	assert.ok(mosaic?.lines.every((line) => line.trim() === ''));
	assert.deepEqual([...dimPixels(new Uint8Array([200, 100, 0]), 0.35)], [70, 35, 0]);
});

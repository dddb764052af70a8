import assert from 'node:assert/strict';
import test from 'node:test';
import {maxCellsPerPage} from '../../source/core/grid-keys.js';
import {type GridLayout, gridLayoutFor, minimumThumbnail} from '../../source/render/grid-layout.js';

function grid(layout: GridLayout) {
	assert.equal(layout.kind, 'grid');
	return layout as Extract<GridLayout, {kind: 'grid'}>;
}

test('80×24 fits at least 2×2 and 140×45 at least 4×3 (6×4: a page of 24)', () => {
	const small = grid(gridLayoutFor({columns: 80, rows: 24}));
	assert.ok(small.columns >= 2 && small.rows >= 2, `${small.columns}×${small.rows}`);
	const large = grid(gridLayoutFor({columns: 140, rows: 45}));
	assert.ok(large.columns >= 4 && large.rows >= 3, `${large.columns}×${large.rows}`);
	assert.deepEqual([large.columns, large.rows], [6, 4]);
});

test('cells stay inside the terminal, never overlap, and are at least the minimum size', () => {
	for (const [columns, rows] of [
		[49, 21],
		[80, 24],
		[100, 30],
		[140, 45],
		[300, 100],
		[1000, 300],
	] as const) {
		const layout = grid(gridLayoutFor({columns, rows}));
		assert.ok(layout.cells.length <= maxCellsPerPage);
		assert.equal(layout.cells.length, layout.columns * layout.rows);
		const used = new Set<string>();
		for (const cell of layout.cells) {
			assert.ok(cell.image.columns >= minimumThumbnail.columns);
			assert.ok(cell.image.rows >= minimumThumbnail.rows);
			assert.ok(cell.image.left + cell.image.columns <= columns);
			assert.equal(cell.caption.top, cell.image.top + cell.image.rows);
			assert.ok(cell.caption.top < layout.footerRow);
			for (let row = cell.image.top; row <= cell.caption.top; row++) {
				for (
					let column = cell.image.left;
					column < cell.image.left + cell.image.columns;
					column++
				) {
					const spot = `${row},${column}`;
					assert.ok(!used.has(spot), `overlap at ${spot} on ${columns}×${rows}`);
					used.add(spot);
				}
			}
		}

		// Header on the top row, footer under the cells, the last row left free.
		assert.ok(layout.cells.every((cell) => cell.image.top >= 1));
		assert.ok(layout.footerRow <= rows - 2, `${columns}×${rows}`);
	}
});

test('a terminal without room for 2×2 cells is too small, and says what it needs', () => {
	for (const [columns, rows] of [
		[44, 40],
		[200, 20],
		[30, 10],
	] as const) {
		const layout = gridLayoutFor({columns, rows});
		assert.equal(layout.kind, 'too-small', `${columns}×${rows}`);
		assert.deepEqual(layout.kind === 'too-small' && layout.needs, {columns: 45, rows: 21});
	}

	assert.equal(gridLayoutFor({columns: 45, rows: 21}).kind, 'grid');
});

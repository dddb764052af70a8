import {maxCellsPerPage} from '../core/grid-keys.js';

/** A rectangle of terminal cells, 0-based from the top-left of the screen. */
export type CellRect = {
	readonly top: number;
	readonly left: number;
	readonly columns: number;
	readonly rows: number;
};

export type GridCellBox = {
	readonly index: number;
	/** Where the thumbnail goes. */
	readonly image: CellRect;
	/** The caption line under it: `[f] 100003.jpg 97%`. */
	readonly caption: {readonly top: number; readonly left: number; readonly width: number};
};

export type GridLayout =
	| {readonly kind: 'too-small'; readonly needs: {readonly columns: number; readonly rows: number}}
	| {
			readonly kind: 'grid';
			readonly columns: number;
			readonly rows: number;
			/** The header line (`page 3 · guess: screenshot · 12 images`) is row 0. */
			readonly headerRow: number;
			/** The message / key-hint line, under the cells. */
			readonly footerRow: number;
			readonly cells: readonly GridCellBox[];
	  };

/**
The smallest thumbnail worth looking at: 22×8 cells is 22×16 pixels in half-blocks (a photo's or a
screenshot's layout is still plain) and about 220×160 pixels with kitty, iTerm2 or sixel (4:3, a
photo's own shape). 22 rather than 24 columns fits 6 cells across 140 columns instead of 5: a page
of 24 instead of 20 at 140×45, so the fixed cost of a page (a look at the header, Enter, the next
page's first look) is shared by more images (bench/grid-sim.ts: 2.74× → 3.0× at 95%).
*/
export const minimumThumbnail = {columns: 22, rows: 8} as const;
/** A blank column between cells, so thumbnails do not run together. */
const gapColumns = 1;
/** Header, footer, and the last row Ink leaves free (a full-height frame flickers). */
const chromeRows = 3;
const captionRows = 1;

/** The terminal size a grid needs for `across` × `down` cells of the minimum size. */
function neededFor(across: number, down: number): {columns: number; rows: number} {
	return {
		columns: across * minimumThumbnail.columns + (across - 1) * gapColumns,
		rows: down * (minimumThumbnail.rows + captionRows) + chromeRows,
	};
}

/**
Cells for a terminal of this size: as many as fit at the minimum thumbnail size (at most one per
cell key), the spare space shared out so thumbnails grow with the terminal. Pure, for tests.
*/
export function gridLayoutFor(
	terminal: {readonly columns: number; readonly rows: number},
	limit = maxCellsPerPage,
): GridLayout {
	const cellHeight = minimumThumbnail.rows + captionRows;
	let across = Math.floor(
		(terminal.columns + gapColumns) / (minimumThumbnail.columns + gapColumns),
	);
	let down = Math.floor((terminal.rows - chromeRows) / cellHeight);
	if (across < 2 || down < 2) {
		return {kind: 'too-small', needs: neededFor(2, 2)};
	}

	// Over the cell-key limit: drop whole columns or rows, whichever keeps the cells squarer.
	while (across * down > Math.max(4, limit)) {
		if (across >= down * 2 || down === 2) {
			across--;
		} else {
			down--;
		}
	}

	const width = Math.floor((terminal.columns - (across - 1) * gapColumns) / across);
	const height = Math.floor((terminal.rows - chromeRows) / down);
	const cells: GridCellBox[] = [];
	for (let row = 0; row < down; row++) {
		for (let column = 0; column < across; column++) {
			const top = 1 + row * height;
			const left = column * (width + gapColumns);
			const imageRows = height - captionRows;
			cells.push({
				index: cells.length,
				image: {top, left, columns: width, rows: imageRows},
				caption: {top: top + imageRows, left, width},
			});
		}
	}

	return {
		kind: 'grid',
		columns: across,
		rows: down,
		headerRow: 0,
		footerRow: 1 + down * height,
		cells,
	};
}

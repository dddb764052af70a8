import type {GraphicPayload} from './types.js';

/** An image drawn beside Ink at a fixed screen position. */
export interface Overlay {
	/** 0-based screen row of the first line. */
	readonly top: number;
	/** 0-based screen column where every line starts. */
	readonly left: number;
	readonly lines: readonly string[];
	/** Cells each line covers, when the lines are not plain text (iTerm2, sixel). */
	readonly width?: number;
	/**
	Cells each line covers, when the maker knows them (a grid's mosaic): spares measuring about
	130 KB of SGR text on every page to learn whether the old overlay covered the same cells.
	*/
	readonly lineWidths?: readonly number[];
	/** The image the terminal stores apart from the cells (kitty), uploaded before painting. */
	readonly graphic?: GraphicPayload;
}

const saveCursor = '\u001B7';
const restoreCursor = '\u001B8';
/** Resets every character style (SGR 0). */
export const resetStyle = '\u001B[0m';
const sgrSequence = /\u001B\[[0-9;:]*m/g;
/** Combining marks (kitty placeholder diacritics) take no cell of their own. */
const combiningMark = /\p{M}/gu;

/** Moves the cursor to a 0-based screen cell. */
export function moveTo(row: number, column: number): string {
	return `\u001B[${row + 1};${column + 1}H`;
}

/** Cells a line covers: our encoders write one single-width character per cell plus SGR. */
export function visibleWidth(line: string): number {
	let width = 0;
	for (const _ of line.replace(sgrSequence, '').replace(combiningMark, '')) width++;
	return width;
}

/** Bytes that paint `overlay` and put the cursor (and its attributes) back where Ink left it. */
export function overlayBytes(overlay: Overlay): string {
	let bytes = saveCursor;
	for (const [index, line] of overlay.lines.entries()) {
		bytes += moveTo(overlay.top + index, overlay.left) + line;
	}
	return bytes + restoreCursor;
}

/** The cells line `index` of `overlay` covers: given by its maker, or measured. */
function lineWidth(overlay: Overlay, index: number): number {
	return overlay.width ?? overlay.lineWidths?.[index] ?? visibleWidth(overlay.lines[index] ?? '');
}

/** Bytes that blank the cells `overlay` covered, leaving the cursor where it was. */
export function eraseBytes(overlay: Overlay): string {
	let bytes = saveCursor;
	for (const index of overlay.lines.keys()) {
		const width = lineWidth(overlay, index);
		bytes += `${moveTo(overlay.top + index, overlay.left)}${resetStyle}${' '.repeat(width)}`;
	}
	return bytes + restoreCursor;
}

/** True when both overlays cover exactly the same cells, so painting one hides the other. */
export function sameCells(a: Overlay, b: Overlay): boolean {
	return (
		a.top === b.top &&
		a.left === b.left &&
		a.lines.length === b.lines.length &&
		a.width === b.width &&
		(a.width !== undefined ||
			a.lines.every((_, index) => lineWidth(a, index) === lineWidth(b, index)))
	);
}

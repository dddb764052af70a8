/**
Ink's standard frame, rewritten to touch only what changed. Ink erases its whole last frame and
writes every line again, so each frame wiped the image's cells and the image had to be painted
again after it: the image's bytes twice a key when it was painted before the frame, or the
image held back until the frame was built. Rewriting only the changed lines, and only from the
first column past the image where the cells before it are blank, lets the image be painted the
moment a key is read and stay untouched by the panel's update that follows.
*/

import {moveTo, resetStyle} from './overlay-bytes.js';

const eraseLinesPrefix = /^(?:\u001B\[2K\u001B\[1A)*\u001B\[2K\u001B\[G/;
const eraseLine = '\u001B[2K';
const eraseToEndOfLine = '\u001B[K';

/**
The lines of a frame Ink's log-update wrote in its standard form (erase the last frame's lines,
then the new lines), or undefined for any other write.
*/
export function inkFrameLines(text: string): string[] | undefined {
	const erase = eraseLinesPrefix.exec(text);
	if (erase === null) return undefined;
	const body = text.slice(erase[0].length);
	// A shown cursor is moved after the frame: another shape of frame, left alone.
	if (body.includes('\u001B[?25h')) return undefined;
	// After a trailing newline the last "line" is empty: the row the cursor is left on.
	return body.split('\n');
}

/** Cells kept out of a frame's rewrite: the image's, from row `top` for `rows` rows. */
export type KeptCells = {
	readonly top: number;
	/** Rows the image covers: every renderer makes one line of an overlay a row. */
	readonly rows: number;
	/** First column past the image: cells before it are rewritten only when their text changed. */
	readonly right: number;
};

export type FrameUpdate = {
	readonly bytes: string;
	/** A rewritten line crossed the kept cells, so they must be painted again. */
	readonly overwroteKept: boolean;
};

const blank = /^ *$/;

/**
Bytes that turn the screen holding `shown` (Ink's lines from row 0) into one holding `next`,
leaving the cursor at the start of the last line, where Ink's next relative erase expects it.
*/
export function frameUpdate(
	shown: readonly string[],
	next: readonly string[],
	kept: KeptCells | undefined,
): FrameUpdate {
	let bytes = '';
	let overwroteKept = false;
	const right = kept?.right ?? 0;
	const crossesKept = (row: number) =>
		kept !== undefined && row >= kept.top && row - kept.top < kept.rows;
	for (const [row, line] of next.entries()) {
		const before = shown[row];
		if (line === before) continue;
		// Ink leaves out a line's trailing blanks, so a short line is blank to its end.
		if (
			right > 0 &&
			blank.test(line.slice(0, right)) &&
			blank.test(before?.slice(0, right) ?? '')
		) {
			// Blanks before the image's right edge, before and now: write from past it. Blanks are one
			// char a cell, so the column is the index.
			bytes += `${moveTo(row, right)}${resetStyle}${line.slice(right)}${eraseToEndOfLine}`;
			continue;
		}

		bytes += `${moveTo(row, 0)}${resetStyle}${line}${eraseToEndOfLine}`;
		if (crossesKept(row)) overwroteKept = true;
	}

	for (let row = next.length; row < shown.length; row++) {
		bytes += moveTo(row, 0) + eraseLine;
		if (crossesKept(row)) overwroteKept = true;
	}

	if (bytes === '') return {bytes, overwroteKept};
	return {bytes: bytes + moveTo(Math.max(0, next.length - 1), 0), overwroteKept};
}

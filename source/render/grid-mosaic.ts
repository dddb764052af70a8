import type {CellRect} from './grid-layout.js';
import {moveTo} from './overlay-bytes.js';
import type {GraphicPayload, RenderedFrame} from './types.js';

/** One cell's encoded thumbnail (undefined while it loads) and where its image goes. */
export type PlacedFrame = {readonly image: CellRect; readonly frame: RenderedFrame | undefined};

export type Mosaic = {
	readonly top: number;
	readonly left: number;
	/** One per screen row from `top`: the cells' lines side by side; '' on rows with no image. */
	readonly lines: readonly string[];
	/** Kitty images the cells show: uploaded before the mosaic is painted. */
	readonly graphics: readonly GraphicPayload[];
	/**
	Set when the cells are iTerm2 or sixel images, each placed at its own cell by a cursor move
	inside `lines`: the cells the overlay spans across, for blanking it (escapes are no text).
	*/
	readonly width?: number;
	/** Text mosaics: the cells each line covers ('' covers none). */
	readonly lineWidths?: readonly number[];
};

/**
iTerm2 or sixel thumbnails: one image sequence per cell, each after a cursor move to its cell's
top-left (centred like text frames), on the overlay line of the row it starts on. A cell still
loading writes nothing: the empty cell Ink drew stays.
*/
function placedImages(placed: readonly PlacedFrame[], top: number, left: number): Mosaic {
	const bottom = Math.max(...placed.map(({image}) => image.top + image.rows));
	const right = Math.max(...placed.map(({image}) => image.left + image.columns));
	const lines: string[] = Array.from({length: bottom - top}, () => '');
	for (const {image, frame} of [...placed].sort((a, b) => a.image.left - b.image.left)) {
		const sequence = frame?.lines[0];
		if (!frame || sequence === undefined) {
			continue;
		}

		const row = image.top + Math.floor((image.rows - Math.min(frame.rows, image.rows)) / 2);
		const column =
			image.left + Math.floor((image.columns - Math.min(frame.columns, image.columns)) / 2);
		lines[row - top] += moveTo(row, column) + sequence;
	}

	return {top, left, lines, graphics: [], width: right - left};
}

/**
The thumbnails of a page as one overlay: each frame centred in its cell, cells side by side with
spaces between, so one paint writes the whole page. Rows that hold no image (the captions, which
Ink draws) stay '', which paints nothing. Text frames (blocks, ascii, kitty placeholders: each
kitty cell is its own image, shown by its placeholders) join side by side; iTerm2 and sixel images
are placed one per cell instead (placedImages).
*/
export function mosaicOf(placed: readonly PlacedFrame[]): Mosaic | undefined {
	if (placed.length === 0) {
		return undefined;
	}

	const top = Math.min(...placed.map(({image}) => image.top));
	const left = Math.min(...placed.map(({image}) => image.left));
	if (placed.some(({frame}) => frame?.opaqueLines === true)) {
		return placedImages(placed, top, left);
	}

	const bottom = Math.max(...placed.map(({image}) => image.top + image.rows));
	const rows: Array<Array<{column: number; text: string; width: number}>> = Array.from(
		{length: bottom - top},
		() => [],
	);
	const graphics: GraphicPayload[] = [];
	for (const {image, frame} of placed) {
		if (frame?.graphic) {
			graphics.push(frame.graphic);
		}

		const frameRows = frame ? Math.min(frame.rows, image.rows) : 0;
		const frameColumns = frame ? Math.min(frame.columns, image.columns) : 0;
		const padTop = Math.floor((image.rows - frameRows) / 2);
		const padLeft = Math.floor((image.columns - frameColumns) / 2);
		for (let row = 0; row < image.rows; row++) {
			const line =
				frame && row >= padTop && row < padTop + frameRows ? frame.lines[row - padTop] : undefined;
			const text =
				line === undefined
					? ' '.repeat(image.columns)
					: ' '.repeat(padLeft) + line + ' '.repeat(image.columns - padLeft - frameColumns);
			rows[image.top - top + row]?.push({column: image.left - left, text, width: image.columns});
		}
	}

	const lineWidths: number[] = [];
	const lines = rows.map((pieces) => {
		let line = '';
		let at = 0;
		for (const piece of pieces.sort((a, b) => a.column - b.column)) {
			line += ' '.repeat(Math.max(0, piece.column - at)) + piece.text;
			at = piece.column + piece.width;
		}

		lineWidths.push(at);
		return line;
	});
	return {top, left, lines, graphics, lineWidths};
}

/** Darkens RGB pixels to `factor` of their brightness: how a cell marked wrong is dimmed. */
export function dimPixels(pixels: Uint8Array, factor: number): Uint8Array {
	const dimmed = new Uint8Array(pixels.length);
	for (let index = 0; index < pixels.length; index++) {
		dimmed[index] = Math.round((pixels[index] ?? 0) * factor);
	}

	return dimmed;
}

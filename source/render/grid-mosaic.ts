import type {CellRect} from './grid-layout.js';
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
};

/**
The thumbnails of a page as one overlay: each frame centred in its cell, cells side by side with
spaces between, so one paint writes the whole page. Rows that hold no image (the captions, which
Ink draws) stay '', which paints nothing. Text frames only (blocks, ascii, kitty placeholders).
*/
export function mosaicOf(placed: readonly PlacedFrame[]): Mosaic | undefined {
	if (placed.length === 0) {
		return undefined;
	}

	const top = Math.min(...placed.map(({image}) => image.top));
	const left = Math.min(...placed.map(({image}) => image.left));
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

	const lines = rows.map((pieces) => {
		let line = '';
		let at = 0;
		for (const piece of pieces.sort((a, b) => a.column - b.column)) {
			line += ' '.repeat(Math.max(0, piece.column - at)) + piece.text;
			at = piece.column + piece.width;
		}

		return line;
	});
	return {top, left, lines, graphics};
}

/** Darkens RGB pixels to `factor` of their brightness: how a cell marked wrong is dimmed. */
export function dimPixels(pixels: Uint8Array, factor: number): Uint8Array {
	const dimmed = new Uint8Array(pixels.length);
	for (let index = 0; index < pixels.length; index++) {
		dimmed[index] = Math.round((pixels[index] ?? 0) * factor);
	}

	return dimmed;
}

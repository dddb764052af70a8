import type {PixelSize} from './kitty.js';
import {wrapForTmux} from './tmux-passthrough.js';
import type {CellBox, RenderedFrame, Renderer} from './types.js';

/** iTerm2 3.5 refuses inline-image sequences over 1 MiB. */
export const itermSequenceLimit = 1024 * 1024;

export interface ItermOptions {
	readonly cell: PixelSize;
	readonly insideTmux?: boolean;
	/** Pixels sent per image; the terminal scales the JPEG to the cells. */
	readonly maxPixels?: number;
}

/** OSC 1337 File: an inline JPEG stretched over exactly `columns`×`rows` cells. */
export function itermSequence(jpeg: Uint8Array, columns: number, rows: number): string {
	const base64 = Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength).toString('base64');
	const sequence = `\u001B]1337;File=inline=1;size=${jpeg.byteLength};width=${columns};height=${rows};preserveAspectRatio=0;doNotMoveCursor=1:${base64}\u0007`;
	if (sequence.length > itermSequenceLimit) {
		throw new RangeError(
			`The iTerm2 image sequence is ${sequence.length} bytes, over the 1 MiB limit; use a smaller --max-pixels or --render blocks.`,
		);
	}
	return sequence;
}

/**
 * iTerm2 inline images (also WezTerm, VS Code, Konsole, mintty): a small JPEG of the shrunk pixels,
 * painted at the top-left cell of the box after each Ink frame.
 */
export function itermRenderer(options: ItermOptions): Renderer {
	const {cell, insideTmux = false, maxPixels = 480_000} = options;
	const scaleFor = (box: CellBox) =>
		Math.min(1, Math.sqrt(maxPixels / (box.columns * cell.width * box.rows * cell.height)));
	return {
		name: 'iterm',
		input: 'jpeg',
		cellPixels(box) {
			const scale = scaleFor(box);
			return {
				width: Math.max(1, Math.floor(box.columns * cell.width * scale)),
				height: Math.max(1, Math.floor(box.rows * cell.height * scale)),
			};
		},
		encode(image, box): RenderedFrame {
			if (!image.jpeg) {
				throw new Error(
					'The iTerm2 renderer needs a JPEG of the pixels; load frames through encodeForRenderer.',
				);
			}
			const scale = scaleFor(box);
			const columns = Math.min(
				box.columns,
				Math.max(1, Math.round(image.width / (cell.width * scale))),
			);
			const rows = Math.min(
				box.rows,
				Math.max(1, Math.round(image.height / (cell.height * scale))),
			);
			const sequence = itermSequence(image.jpeg, columns, rows);
			const line = insideTmux ? wrapForTmux(sequence) : sequence;
			const lines = [line, ...Array.from({length: rows - 1}, () => '')];
			return {columns, rows, lines, bytes: line.length, opaqueLines: true};
		},
	};
}

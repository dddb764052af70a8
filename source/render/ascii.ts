import {assertPixelImage} from './half-blocks.js';
import type {CellBox, PixelImage, RenderedFrame, Renderer} from './types.js';

/** Darkest to brightest; plain ASCII so any terminal, log or screen reader copes. */
export const asciiRamp = ' .:-=+*#%@';

function luminance(pixels: Uint8Array, offset: number): number {
	return (
		0.2126 * (pixels[offset] ?? 0) +
		0.7152 * (pixels[offset + 1] ?? 0) +
		0.0722 * (pixels[offset + 2] ?? 0)
	);
}

/** One character per cell from the mean brightness of its two pixels (cells are 1×2 pixels). */
export function encodeAscii(image: PixelImage, ramp = asciiRamp): string[] {
	assertPixelImage(image);
	const {pixels, width, height} = image;
	const lines: string[] = [];
	for (let top = 0; top < height; top += 2) {
		let line = '';
		for (let x = 0; x < width; x++) {
			const upper = luminance(pixels, (top * width + x) * 3);
			const lower = top + 1 < height ? luminance(pixels, ((top + 1) * width + x) * 3) : upper;
			const level = Math.min(
				ramp.length - 1,
				Math.floor(((upper + lower) / 2 / 256) * ramp.length),
			);
			line += ramp[level] ?? ' ';
		}
		lines.push(line);
	}
	return lines;
}

/** The last resort: no colour, no Unicode. */
export function asciiRenderer(): Renderer {
	return {
		name: 'ascii',
		cellPixels: ({columns, rows}: CellBox) => ({width: columns, height: rows * 2}),
		encode(image, box): RenderedFrame {
			const lines = encodeAscii(image)
				.slice(0, box.rows)
				.map((line) => line.slice(0, box.columns));
			const columns = lines[0]?.length ?? 0;
			return {columns, rows: lines.length, lines, bytes: columns * lines.length};
		},
	};
}

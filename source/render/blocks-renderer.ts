import {assertPixelImage, encodeHalfBlocks} from './half-blocks.js';
import type {CellBox, ColorMode, PixelImage, RenderedFrame, Renderer} from './types.js';

/** Copies the top-left `width`×`height` pixels, for input larger than the box it must fit. */
function cropPixels(image: PixelImage, width: number, height: number): PixelImage {
	if (width >= image.width && height >= image.height) return image;
	const cropWidth = Math.min(width, image.width);
	const cropHeight = Math.min(height, image.height);
	const pixels = new Uint8Array(cropWidth * cropHeight * 3);
	for (let y = 0; y < cropHeight; y++) {
		const start = y * image.width * 3;
		pixels.set(image.pixels.subarray(start, start + cropWidth * 3), y * cropWidth * 3);
	}
	return {pixels, width: cropWidth, height: cropHeight};
}

function utf8Length(lines: readonly string[]): number {
	let bytes = 0;
	for (const line of lines) bytes += Buffer.byteLength(line, 'utf8');
	return bytes;
}

/**
How far (of 255, per channel) a truecolor pixel may be drawn from its own colour to reuse the one
already set. Two levels are not told apart in neighbouring cells, and on the photos of
`../shared/samples` they cut a frame's bytes by a quarter (README, "Terminal graphics"): fewer bytes
to write on every key, over SSH above all.
*/
export const nearColorTolerance = 2;

/** Half-block renderer: 1×2 pixels per cell, works in every terminal with Unicode. */
export function blocksRenderer(
	colors: ColorMode,
	{tolerance = nearColorTolerance}: {tolerance?: number} = {},
): Renderer {
	return {
		name: `blocks-${colors}`,
		cellPixels: ({columns, rows}: CellBox) => ({width: columns, height: rows * 2}),
		encode(image: PixelImage, box: CellBox): RenderedFrame {
			assertPixelImage(image);
			const fitted = cropPixels(image, box.columns, box.rows * 2);
			const lines = encodeHalfBlocks(fitted, {colors, tolerance});
			return {columns: fitted.width, rows: lines.length, lines, bytes: utf8Length(lines)};
		},
	};
}

import {defaultColorKey, paletteFor} from './palette.js';
import type {ColorMode, PixelImage} from './types.js';

const upperHalf = '▀';
const lowerHalf = '▄';
const reset = '\u001B[0m';
/** Colour state at the start of a line: unknown, so the first cell always sets both colours. */
const unknownColor = -2;

export function assertPixelImage({pixels, width, height}: PixelImage): void {
	if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
		throw new RangeError(`Pixel image must be at least 1×1 whole pixels, got ${width}×${height}.`);
	}
	if (pixels.length < width * height * 3) {
		throw new RangeError(
			`Pixel buffer holds ${pixels.length} bytes, but ${width}×${height} RGB needs ${width * height * 3}.`,
		);
	}
}

/**
 * Encodes RGB pixels as half-block cells, one string per cell row (two pixel rows). Each cell shows
 * its top pixel in the foreground of '▀' and its bottom pixel in the background. To keep frames
 * small an SGR is only written when a colour changes, a one-colour cell is a space on its
 * background, and a cell is drawn as '▄' (colours swapped) when that saves a colour change. Every
 * line ends with a reset. An odd last pixel row leaves the lower half in the default background.
 */
export function encodeHalfBlocks(image: PixelImage, {colors}: {colors: ColorMode}): string[] {
	assertPixelImage(image);
	const {pixels, width, height} = image;
	const palette = paletteFor(colors);
	const lines: string[] = [];
	for (let topRow = 0; topRow < height; topRow += 2) {
		const hasBottom = topRow + 1 < height;
		let line = '';
		let foreground = unknownColor;
		let background = unknownColor;
		for (let x = 0; x < width; x++) {
			const topOffset = (topRow * width + x) * 3;
			const top = palette.key(
				pixels[topOffset] ?? 0,
				pixels[topOffset + 1] ?? 0,
				pixels[topOffset + 2] ?? 0,
			);
			let bottom = defaultColorKey;
			if (hasBottom) {
				const bottomOffset = topOffset + width * 3;
				bottom = palette.key(
					pixels[bottomOffset] ?? 0,
					pixels[bottomOffset + 1] ?? 0,
					pixels[bottomOffset + 2] ?? 0,
				);
			}
			let glyph: string;
			let wantForeground = foreground;
			let wantBackground: number;
			if (top === bottom) {
				glyph = ' ';
				wantBackground = top;
			} else {
				const upperChanges = Number(foreground !== top) + Number(background !== bottom);
				const lowerChanges = Number(foreground !== bottom) + Number(background !== top);
				// '▄' would need the default colour as a foreground, which is not the default background.
				if (bottom !== defaultColorKey && lowerChanges < upperChanges) {
					glyph = lowerHalf;
					wantForeground = bottom;
					wantBackground = top;
				} else {
					glyph = upperHalf;
					wantForeground = top;
					wantBackground = bottom;
				}
			}
			if (wantForeground !== foreground || wantBackground !== background) {
				let sgr = '';
				if (wantForeground !== foreground) sgr = palette.foreground(wantForeground);
				if (wantBackground !== background) {
					sgr += (sgr === '' ? '' : ';') + palette.background(wantBackground);
				}
				line += `\u001B[${sgr}m`;
				foreground = wantForeground;
				background = wantBackground;
			}
			line += glyph;
		}
		lines.push(line + reset);
	}
	return lines;
}

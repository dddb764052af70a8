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
 * True when truecolor keys `held` and `wanted` differ by at most `tolerance` in every channel.
 * Never for the default colour or the unknown colour at a line's start.
 */
function within(held: number, wanted: number, tolerance: number): boolean {
	if (held === wanted) return true;
	if (tolerance === 0 || held < 0 || wanted < 0) return false;
	return (
		Math.abs((held >> 16) - (wanted >> 16)) <= tolerance &&
		Math.abs(((held >> 8) & 255) - ((wanted >> 8) & 255)) <= tolerance &&
		Math.abs((held & 255) - (wanted & 255)) <= tolerance
	);
}

export type HalfBlockOptions = {
	readonly colors: ColorMode;
	/**
	 * Truecolor only: a colour already set is kept for a pixel whose own colour is at most this far
	 * from it in every channel (0–255), instead of writing a new SGR. Every pixel is still shown
	 * within `tolerance` of its colour; 0 (the default) writes every colour exactly.
	 */
	readonly tolerance?: number;
};

/**
 * Encodes RGB pixels as half-block cells, one string per cell row (two pixel rows). Each cell shows
 * its top pixel in the foreground of '▀' and its bottom pixel in the background. To keep frames
 * small an SGR is only written when a colour changes, a one-colour cell is a space on its
 * background, and a cell is drawn as '▄' (colours swapped) when that saves a colour change. Every
 * line ends with a reset. An odd last pixel row leaves the lower half in the default background.
 */
export function encodeHalfBlocks(image: PixelImage, options: HalfBlockOptions): string[] {
	assertPixelImage(image);
	const {pixels, width, height} = image;
	const palette = paletteFor(options.colors);
	const tolerance = options.colors === 'truecolor' ? (options.tolerance ?? 0) : 0;
	if (!(Number.isInteger(tolerance) && tolerance >= 0 && tolerance <= 255)) {
		throw new RangeError(`Colour tolerance must be a whole number 0–255, got ${tolerance}.`);
	}
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
			// Each pixel keeps the colour already set when that is close enough, else gets its own.
			const upperForeground = within(foreground, top, tolerance) ? foreground : top;
			const upperBackground = within(background, bottom, tolerance) ? background : bottom;
			const lowerForeground = within(foreground, bottom, tolerance) ? foreground : bottom;
			const lowerBackground = within(background, top, tolerance) ? background : top;
			const upperChanges =
				Number(upperForeground !== foreground) + Number(upperBackground !== background);
			const lowerChanges =
				Number(lowerForeground !== foreground) + Number(lowerBackground !== background);
			// A space shows its background in both halves, so that colour must suit both pixels.
			const spaceBackground =
				upperBackground === background && lowerBackground === background
					? background
					: within(top, bottom, tolerance)
						? top
						: undefined;
			let glyph: string;
			let wantForeground: number;
			let wantBackground: number;
			if (spaceBackground !== undefined && Number(spaceBackground !== background) <= upperChanges) {
				glyph = ' ';
				wantForeground = foreground;
				wantBackground = spaceBackground;
			} else if (bottom !== defaultColorKey && lowerChanges < upperChanges) {
				// '▄' would need the default colour as a foreground, which is not the default background.
				glyph = lowerHalf;
				wantForeground = lowerForeground;
				wantBackground = lowerBackground;
			} else {
				glyph = upperHalf;
				wantForeground = upperForeground;
				wantBackground = upperBackground;
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

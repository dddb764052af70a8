import {assertPixelImage} from './half-blocks.js';
import {defaultColorKey, paletteFor} from './palette.js';
import type {CellBox, ColorMode, PixelImage, RenderedFrame, Renderer} from './types.js';

/** Finer than half-blocks: 2×2 (quadrants, Unicode 1.1) or 2×3 (sextants, Unicode 13) per cell. */
export type SymbolMode = 'quadrant' | 'sextant';

/** Glyph per mask; bit 0 is the top-left sub-pixel, then left to right, top to bottom. */
const quadrantGlyphs = [
	' ',
	'▘',
	'▝',
	'▀',
	'▖',
	'▌',
	'▞',
	'▛',
	'▗',
	'▚',
	'▐',
	'▜',
	'▄',
	'▙',
	'▟',
	'█',
];

export function sextantGlyph(mask: number): string {
	if (mask === 0) return ' ';
	if (mask === 21) return '▌';
	if (mask === 42) return '▐';
	if (mask === 63) return '█';
	// U+1FB00.. lists masks 1-62 in order, skipping the two half blocks that already exist.
	return String.fromCodePoint(0x1fb00 + mask - 1 - (mask > 21 ? 1 : 0) - (mask > 42 ? 1 : 0));
}

const subRows = {quadrant: 2, sextant: 3} as const;
/** Square pixels per cell: a cell is about twice as tall as wide, so 2 across and 4 down. */
const squareRowsPerCell = 4;

/** Averages `rows` of a cell's 4 square-pixel rows into `target` sub-pixel rows (box filter). */
function cellSubPixels(
	image: PixelImage,
	cellX: number,
	cellY: number,
	target: number,
	out: Float64Array,
): void {
	const {pixels, width, height} = image;
	out.fill(0);
	for (let sub = 0; sub < target; sub++) {
		const from = (sub * squareRowsPerCell) / target;
		const to = ((sub + 1) * squareRowsPerCell) / target;
		for (let column = 0; column < 2; column++) {
			let weightSum = 0;
			for (let row = Math.floor(from); row < Math.ceil(to); row++) {
				const weight = Math.min(to, row + 1) - Math.max(from, row);
				const y = Math.min(height - 1, cellY * squareRowsPerCell + row);
				const x = Math.min(width - 1, cellX * 2 + column);
				const offset = (y * width + x) * 3;
				const at = (sub * 2 + column) * 3;
				for (let channel = 0; channel < 3; channel++) {
					out[at + channel] = (out[at + channel] ?? 0) + weight * (pixels[offset + channel] ?? 0);
				}
				weightSum += weight;
			}
			const at = (sub * 2 + column) * 3;
			for (let channel = 0; channel < 3; channel++)
				out[at + channel] = (out[at + channel] ?? 0) / weightSum;
		}
	}
}

/**
 * Splits a cell's sub-pixels into two colours: sorted by brightness, the cut with the least
 * squared error wins. Returns the mask of the brighter group and both mean colours.
 */
function twoColours(sub: Float64Array, count: number) {
	const order = Array.from({length: count}, (_, index) => index);
	const luma = (index: number) =>
		0.299 * (sub[index * 3] ?? 0) +
		0.587 * (sub[index * 3 + 1] ?? 0) +
		0.114 * (sub[index * 3 + 2] ?? 0);
	order.sort((a, b) => luma(a) - luma(b));
	let best = {error: Number.POSITIVE_INFINITY, cut: count};
	for (let cut = 1; cut <= count; cut++) {
		let error = 0;
		for (const group of [order.slice(0, cut), order.slice(cut)]) {
			if (group.length === 0) continue;
			for (let channel = 0; channel < 3; channel++) {
				let sum = 0;
				let squares = 0;
				for (const index of group) {
					const value = sub[index * 3 + channel] ?? 0;
					sum += value;
					squares += value * value;
				}
				error += squares - (sum * sum) / group.length;
			}
		}
		if (error < best.error - 1e-6) best = {error, cut};
	}
	const mean = (group: number[]) =>
		[0, 1, 2].map((channel) =>
			Math.round(
				group.reduce((sum, index) => sum + (sub[index * 3 + channel] ?? 0), 0) /
					Math.max(1, group.length),
			),
		) as [number, number, number];
	const dark = order.slice(0, best.cut);
	const bright = order.slice(best.cut);
	let mask = 0;
	for (const index of bright) mask |= 1 << index;
	return {mask, foreground: mean(bright), background: mean(dark)};
}

/** Encodes pixels at 2 across and 4 down per cell (square pixels) as quadrant or sextant cells. */
export function encodeSymbols(
	image: PixelImage,
	{colors, mode}: {colors: ColorMode; mode: SymbolMode},
): string[] {
	assertPixelImage(image);
	const palette = paletteFor(colors);
	const target = subRows[mode];
	const count = target * 2;
	const sub = new Float64Array(count * 3);
	const columns = Math.ceil(image.width / 2);
	const rows = Math.ceil(image.height / squareRowsPerCell);
	const lines: string[] = [];
	for (let cellY = 0; cellY < rows; cellY++) {
		let line = '';
		let foreground = defaultColorKey - 1;
		let background = defaultColorKey - 1;
		for (let cellX = 0; cellX < columns; cellX++) {
			cellSubPixels(image, cellX, cellY, target, sub);
			const split = twoColours(sub, count);
			const fg = palette.key(...split.foreground);
			const bg = palette.key(...split.background);
			const full = (1 << count) - 1;
			const mask = fg === bg ? 0 : split.mask;
			const glyph = mode === 'quadrant' ? (quadrantGlyphs[mask] ?? ' ') : sextantGlyph(mask);
			const wantForeground = mask === 0 || mask === full ? foreground : fg;
			const wantBackground = mask === full ? fg : bg;
			if (wantForeground !== foreground || wantBackground !== background) {
				const codes: string[] = [];
				if (wantForeground !== foreground) codes.push(palette.foreground(wantForeground));
				if (wantBackground !== background) codes.push(palette.background(wantBackground));
				line += `\u001B[${codes.join(';')}m`;
				foreground = wantForeground;
				background = wantBackground;
			}
			line += mask === full ? ' ' : glyph;
		}
		lines.push(`${line}\u001B[0m`);
	}
	return lines;
}

/** Quadrant or sextant cells: more detail than half-blocks where the font has the symbols. */
export function symbolsRenderer(colors: ColorMode, mode: SymbolMode): Renderer {
	return {
		name: `${mode}s-${colors}`,
		cellPixels: ({columns, rows}: CellBox) => ({
			width: columns * 2,
			height: rows * squareRowsPerCell,
		}),
		encode(image, box): RenderedFrame {
			const lines = encodeSymbols(image, {colors, mode}).slice(0, box.rows);
			const columns = Math.min(box.columns, Math.ceil(image.width / 2));
			let bytes = 0;
			for (const line of lines) bytes += Buffer.byteLength(line, 'utf8');
			return {columns, rows: lines.length, lines, bytes};
		},
	};
}

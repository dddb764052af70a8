import {assertPixelImage} from './half-blocks.js';
import type {PixelSize} from './kitty.js';
import {quantize} from './sixel-palette.js';
import type {CellBox, PixelImage, RenderedFrame, Renderer} from './types.js';

/** An ASCII byte buffer that grows: far faster than string concatenation for ~1 MB of output. */
class AsciiWriter {
	bytes = new Uint8Array(1 << 16);
	length = 0;

	#room(extra: number): void {
		if (this.length + extra <= this.bytes.length) return;
		const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
		grown.set(this.bytes.subarray(0, this.length));
		this.bytes = grown;
	}

	text(value: string): void {
		this.#room(value.length);
		for (let index = 0; index < value.length; index++) {
			this.bytes[this.length++] = value.charCodeAt(index);
		}
	}

	/** `!n<c>` for runs of 4 or more (shorter runs are cheaper spelled out). */
	run(code: number, count: number): void {
		if (count > 3) {
			this.text(`!${count}`);
			this.#room(1);
			this.bytes[this.length++] = code;
			return;
		}
		this.#room(count);
		for (let step = 0; step < count; step++) this.bytes[this.length++] = code;
	}

	toString(): string {
		return Buffer.from(this.bytes.buffer, 0, this.length).toString('latin1');
	}
}

const emptySixel = 63;

/**
 * A DCS sixel image of `image` at its own pixel size: a median-cut palette of up to 256 colours
 * (percent RGB, as VT340 sixel wants), then six-row bands, one pass per colour used in the band,
 * each pass only over the columns that colour spans.
 */
export function encodeSixel(image: PixelImage, maxColors = 256): string {
	assertPixelImage(image);
	const {width, height} = image;
	const {palette, colors, indices} = quantize(image, maxColors);
	const out = new AsciiWriter();
	out.text(`\u001BP0;1;0q"1;1;${width};${height}`);
	for (let color = 0; color < colors; color++) {
		const percent = (channel: number) =>
			Math.round(((palette[color * 3 + channel] ?? 0) * 100) / 255);
		out.text(`#${color};2;${percent(0)};${percent(1)};${percent(2)}`);
	}
	const bits = new Uint8Array(colors * width);
	const first = new Int32Array(colors).fill(-1);
	const last = new Int32Array(colors);
	const used: number[] = [];
	for (let top = 0; top < height; top += 6) {
		const bandRows = Math.min(6, height - top);
		for (let row = 0; row < bandRows; row++) {
			const rowStart = (top + row) * width;
			const bit = 1 << row;
			for (let x = 0; x < width; x++) {
				const color = indices[rowStart + x] ?? 0;
				const at = color * width + x;
				bits[at] = (bits[at] ?? 0) | bit;
				if (first[color] === -1) {
					first[color] = x;
					last[color] = x;
					used.push(color);
				} else if (x > (last[color] ?? 0)) last[color] = x;
				else if (x < (first[color] ?? 0)) first[color] = x;
			}
		}
		for (const [pass, color] of used.entries()) {
			const from = first[color] ?? 0;
			const to = last[color] ?? 0;
			const rowStart = color * width;
			if (pass > 0) out.text('$');
			out.text(`#${color}`);
			if (from > 0) out.run(emptySixel, from);
			let run = 0;
			let previous = -1;
			for (let x = from; x <= to; x++) {
				const value = bits[rowStart + x] ?? 0;
				if (value === previous) {
					run++;
					continue;
				}
				if (run > 0) out.run(emptySixel + previous, run);
				previous = value;
				run = 1;
			}
			out.run(emptySixel + previous, run);
			bits.fill(0, rowStart + from, rowStart + to + 1);
			first[color] = -1;
		}
		used.length = 0;
		out.text('-');
	}
	out.text('\u001B\\');
	return out.toString();
}

/** Sixel (xterm -ti vt340, foot, mlterm, WezTerm, Konsole, Windows Terminal): pixels at cell size. */
export function sixelRenderer({cell}: {cell: PixelSize}): Renderer {
	return {
		name: 'sixel',
		cellPixels: (box: CellBox) => ({
			width: box.columns * cell.width,
			height: box.rows * cell.height,
		}),
		encode(image, box): RenderedFrame {
			const sequence = encodeSixel(image);
			const columns = Math.min(box.columns, Math.ceil(image.width / cell.width));
			const rows = Math.min(box.rows, Math.ceil(image.height / cell.height));
			const lines = [sequence, ...Array.from({length: rows - 1}, () => '')];
			return {columns, rows, lines, bytes: sequence.length, opaqueLines: true};
		},
	};
}

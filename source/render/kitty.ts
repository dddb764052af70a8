import {deflateSync} from 'node:zlib';
import {assertPixelImage} from './half-blocks.js';
import {kittyDiacritics} from './kitty-diacritics.js';
import {wrapForTmux} from './tmux-passthrough.js';
import type {CellBox, GraphicPayload, PixelImage, RenderedFrame, Renderer} from './types.js';

export interface PixelSize {
	readonly width: number;
	readonly height: number;
}

export interface KittyOptions {
	/** Pixels in one cell, from the probe. */
	readonly cell: PixelSize;
	/** Wrap every command for tmux passthrough. */
	readonly insideTmux: boolean;
	/** Upper bound on pixels sent per image: the terminal scales up, the link stays light. */
	readonly maxPixels?: number;
}

export const defaultCellPixels: PixelSize = {width: 10, height: 20};
/** The most base64 bytes one kitty command may carry. */
export const kittyChunkSize = 4096;
/** Image ids cycle through 1..255: the id is the placeholder's 256-colour foreground. */
const idCount = 255;
const placeholder = String.fromCodePoint(0x10ee_ee);
const reset = '\u001B[0m';

/** One kitty graphics command: `ESC _ G keys ; payload ESC \`. */
export function kittyCommand(keys: string, payload = ''): string {
	return `\u001B_G${keys}${payload === '' ? '' : `;${payload}`}\u001B\\`;
}

/**
 * The text cells that show image `id` through its virtual placement: U+10EEEE in the id's colour,
 * the first cell of a row carries row and column diacritics, later cells inherit them.
 */
export function placeholderLines(id: number, columns: number, rows: number): string[] {
	if (rows > kittyDiacritics.length || columns > kittyDiacritics.length) {
		throw new RangeError(
			`kitty placeholders cover at most ${kittyDiacritics.length} rows and columns, got ${columns}×${rows}.`,
		);
	}
	const column0 = String.fromCodePoint(kittyDiacritics[0] ?? 0);
	const rest = placeholder.repeat(columns - 1);
	return Array.from(
		{length: rows},
		(_, row) =>
			`\u001B[38;5;${id}m${placeholder}${String.fromCodePoint(kittyDiacritics[row] ?? 0)}${column0}${rest}${reset}`,
	);
}

/**
 * Commands that upload `image` as id `id` (raw RGB, zlib-compressed, base64 in chunks) and make a
 * virtual placement of `columns`×`rows` cells for placeholders to show. q=2: no replies to read.
 */
export function kittyTransmit(
	image: PixelImage,
	id: number,
	columns: number,
	rows: number,
): string[] {
	assertPixelImage(image);
	const rgb = image.pixels.subarray(0, image.width * image.height * 3);
	const payload = Buffer.from(deflateSync(rgb, {level: 3})).toString('base64');
	const commands: string[] = [];
	for (let start = 0; start < payload.length; start += kittyChunkSize) {
		const more = start + kittyChunkSize < payload.length ? 1 : 0;
		const keys =
			start === 0
				? `a=t,f=24,o=z,t=d,s=${image.width},v=${image.height},i=${id},q=2,m=${more}`
				: `m=${more}`;
		commands.push(kittyCommand(keys, payload.slice(start, start + kittyChunkSize)));
	}
	commands.push(kittyCommand(`a=p,U=1,i=${id},c=${columns},r=${rows},q=2`));
	return commands;
}

export function kittyDelete(id: number): string {
	return kittyCommand(`a=d,d=I,i=${id},q=2`);
}

function scaleFor(box: CellBox, cell: PixelSize, maxPixels: number): number {
	const full = box.columns * cell.width * box.rows * cell.height;
	return Math.min(1, Math.sqrt(maxPixels / full));
}

/**
 * kitty graphics through Unicode placeholders: the image lives in the terminal under an id and the
 * cells show it as ordinary text, so Ink's redraws, tmux panes and repaints keep it in place.
 */
export function kittyRenderer(options: KittyOptions): Renderer {
	// 200k pixels (about 520×390): sharp enough to label at a glance, about 0.4 MB per image
	// (kitty takes no JPEG), and the terminal scales it to the cells.
	const {cell, insideTmux, maxPixels = 200_000} = options;
	const wrap = insideTmux ? wrapForTmux : (sequence: string) => sequence;
	let serial = 0;
	return {
		name: insideTmux ? 'kitty-tmux' : 'kitty',
		cellPixels(box) {
			const scale = scaleFor(box, cell, maxPixels);
			return {
				width: Math.max(1, Math.floor(box.columns * cell.width * scale)),
				height: Math.max(1, Math.floor(box.rows * cell.height * scale)),
			};
		},
		encode(image, box): RenderedFrame {
			assertPixelImage(image);
			const scale = scaleFor(box, cell, maxPixels);
			const columns = Math.min(
				box.columns,
				Math.max(1, Math.round(image.width / (cell.width * scale))),
			);
			const rows = Math.min(
				box.rows,
				Math.max(1, Math.round(image.height / (cell.height * scale))),
			);
			const id = (serial % idCount) + 1;
			serial++;
			const transmit = kittyTransmit(image, id, columns, rows).map(wrap).join('');
			const graphic: GraphicPayload = {
				key: `kitty-${id}-${serial}`,
				transmit,
				erase: wrap(kittyDelete(id)),
			};
			const lines = placeholderLines(id, columns, rows);
			let bytes = transmit.length;
			for (const line of lines) bytes += Buffer.byteLength(line, 'utf8');
			return {columns, rows, lines, bytes, graphic};
		},
	};
}

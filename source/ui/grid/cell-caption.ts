import type {GridCell} from '../../core/grid/grid-page.js';
import {escapeControl} from '../../shared/escape.js';

/** The file name of a dataset path (the part after the last `/`). */
function fileName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/** Cuts the middle out of `text` (code points) so it fits `width`, keeping both ends. */
export function elideMiddle(text: string, width: number): string {
	const characters = Array.from(text);
	if (characters.length <= width) {
		return text;
	}

	if (width <= 1) {
		return width === 1 ? '…' : '';
	}

	const tail = Math.floor((width - 1) / 2);
	const head = width - 1 - tail;
	return [...characters.slice(0, head), '…', ...characters.slice(characters.length - tail)].join(
		'',
	);
}

/** Confidence as a whole percent, rounded down, so 99.6% never shows as a certain 100%. */
export function percentOf(confidence: number): string {
	return `${Math.floor(Math.max(0, Math.min(1, confidence)) * 100)}%`;
}

/**
A cell's caption line, `[f] 100003.jpg 97%`, at most `width` characters: the name is escaped (a
hostile name cannot send escape sequences) and loses its middle first. A marked cell says so:
`[f] ✗ 100003.jpg` when wrong, `[f] → screenshot 100003.jpg` when given a class.
*/
export function cellCaption(cell: GridCell, width: number): string {
	const key = `[${cell.key}] `;
	const mark =
		cell.mark.kind === 'wrong'
			? '✗ '
			: cell.mark.kind === 'class'
				? `→ ${escapeControl(cell.mark.label)} `
				: '';
	const confidence = cell.mark.kind === 'none' ? ` ${percentOf(cell.guess.confidence)}` : '';
	const room = width - Array.from(key + mark + confidence).length;
	const name = escapeControl(fileName(cell.path));
	if (room < 3) {
		return elideMiddle(`${key}${mark}${name}`, Math.max(0, width));
	}

	return `${key}${mark}${elideMiddle(name, room)}${confidence}`;
}

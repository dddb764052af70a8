import type {CellOrigin, ImageBox} from '../session/screen-contract.js';

export const sidePanelWidth = 32;
/** Blank columns between the image and the side panel. */
export const gutterWidth = 1;
export const minimumTerminal = {columns: 50, rows: 12} as const;
/** Terminal size assumed when stdout does not report one (not a TTY). */
export const fallbackTerminal = {columns: 80, rows: 24} as const;

export type TerminalSize = {columns: number; rows: number};

export type ScreenLayout =
	| {kind: 'too-small'; terminal: TerminalSize; frameRows: number}
	| {
			kind: 'full';
			terminal: TerminalSize;
			/** The frame stays one row shorter than the terminal: a full-height frame makes Ink clear the screen on every render, which flickers. */
			frameRows: number;
			imageArea: ImageBox;
			imageOrigin: CellOrigin;
	  };

export const noImageBox: ImageBox = {columns: 0, rows: 0};

/** Where everything goes on a terminal of this size. Pure, so it is tested without a terminal. */
export function layoutFor(terminal: TerminalSize): ScreenLayout {
	const frameRows = Math.max(1, terminal.rows - 1);
	if (terminal.columns < minimumTerminal.columns || terminal.rows < minimumTerminal.rows) {
		return {kind: 'too-small', terminal, frameRows};
	}

	return {
		kind: 'full',
		terminal,
		frameRows,
		imageArea: {columns: terminal.columns - sidePanelWidth - gutterWidth, rows: frameRows},
		imageOrigin: {top: 0, left: 0},
	};
}

import type {GridCell} from '../core/grid/grid-page.js';
import type {GridCellBox} from '../render/grid-layout.js';

/** What the grid screen renders: the open page (if any) and a line about the state of things. */
export type GridSnapshot = {
	/** `page 3 · guess: screenshot · 12 images`, or undefined with no page open. */
	readonly header: string | undefined;
	readonly cells: readonly GridCell[];
	/** Why there is no page, or what auto-accept is doing; shown on the footer line. */
	readonly message: undefined | {readonly kind: 'info' | 'error'; readonly text: string};
	/** One line about auto-accept when it is on: its count, or why it is off. */
	readonly auto: string | undefined;
};

/** What keys on the grid ask of the session (help, quit and the view switch are the screen's). */
export type GridControllerIntent =
	| {readonly action: 'cell'; readonly cell: number}
	| {readonly action: 'set-class'; readonly classIndex: number}
	| {readonly action: 'accept-page'}
	| {readonly action: 'undo-page'};

/** What the grid screen needs from the session, like LabelController for the single view. */
export type GridScreenController = {
	subscribe(listener: () => void): () => void;
	getSnapshot(): GridSnapshot;
	intent(intent: GridControllerIntent): void;
	/** Where the cells are on screen; an empty list: the grid is not shown (paint nothing). */
	setCells(cells: readonly GridCellBox[]): void;
};

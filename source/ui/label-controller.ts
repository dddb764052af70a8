import type {KeyIntent} from '../core/keymap.js';

/** A rectangle of terminal cells. */
export type ImageBox = {columns: number; rows: number};

/** 0-based cell position relative to the top-left of the Ink frame (the screen, when full screen). */
export type CellOrigin = {top: number; left: number};

export type ClassEntry = {name: string; key: string; count: number};

export type LabelProgress = {
	decided: number;
	total: number;
	skipped: number;
	committed: number;
	scanDone: boolean;
};

export type LabelItem = {
	/** Raw path relative to the dataset: the UI must escape control characters before printing. */
	path: string;
	size: number;
	width?: number;
	height?: number;
	format?: string;
	decidedLabel?: string;
};

export type ImageStatus =
	| {status: 'none'}
	| {status: 'loading'}
	| {status: 'ready'; columns: number; rows: number}
	| {status: 'broken'; reason: string};

export type GuessStatus =
	| {status: 'off'; hint: string}
	| {status: 'pending'}
	| {status: 'ready'; label: string; confidence: number; source: string};

export type LabelPhase = 'scanning' | 'labeling' | 'done' | 'committing' | 'quitting';

export type LabelSnapshot = {
	classes: ReadonlyArray<ClassEntry>;
	progress: LabelProgress;
	rate: {perHour: number | undefined; etaMs: number | undefined};
	item: undefined | LabelItem;
	image: ImageStatus;
	guess: GuessStatus;
	message: undefined | {kind: 'info' | 'error'; text: string};
	phase: LabelPhase;
};

/**
What the Ink screen needs from a labeling session. The controller owns all I/O; the screen renders
snapshots, sends key intents, and says where the image may be painted (a 0x0 box: paint nothing,
erase what is there, e.g. while help is open).
*/
export type LabelController = {
	subscribe(listener: () => void): () => void;
	/** Must return the same object until something changed (React's useSyncExternalStore). */
	getSnapshot(): LabelSnapshot;
	intent(intent: KeyIntent): void;
	setImageBox(box: ImageBox, origin: CellOrigin): void;
};

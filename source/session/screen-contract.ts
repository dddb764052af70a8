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
	/** Exact copies decided with another image (not in `decided`). */
	copies?: number;
	/** Images set aside as broken. */
	broken?: number;
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
	| {status: 'broken'; reason: string}
	/** The file was deleted or moved after the scan: nothing to show or label. */
	| {status: 'gone'; reason: string};

export type GuessStatus =
	| {status: 'off'; hint: string}
	| {status: 'pending'}
	| {status: 'ready'; label: string; confidence: number; source: string}
	/** A source is configured but has no guess for this image (broken file, not learned yet). */
	| {status: 'unavailable'; reason: string};

/** How the guesses have fared so far: shown under the guess. */
export type GuessStats = {
	/** Decisions made while a guess was shown, and how many of them agreed with it. */
	compared: number;
	agreed: number;
	/** Keys pressed (decide, accept, skip, undo) per image decided, this session. */
	keysPerImage: number | undefined;
	/** One line about the source, e.g. "learned from 12 labels". */
	summary: string;
};

/** A decided image the one on screen closely resembles (dHash distance within the limit). */
export type NearCopy = {path: string; label: string; distance: number};

/** What the background checks know about the image on screen. */
export type HygieneStatus = {
	/** Exact copies known, this image included: 1 when it has none. */
	copies: number;
	near?: NearCopy;
	/** Items set aside as broken so far. */
	broken: number;
	/** The latest file set aside this session, with why. */
	lastBroken?: {path: string; reason: string; detail: string};
};

/** Adjudication: every person's vote on the image on screen, and the guess they were shown. */
export type AdjudicationView = {
	/** Raw user names and labels: the UI escapes them. */
	votes: ReadonlyArray<{user: string; label: string}>;
	shownGuess?: {label: string; confidence: number};
};

export type LabelPhase = 'scanning' | 'labeling' | 'done' | 'committing' | 'quitting';

export type LabelSnapshot = {
	classes: ReadonlyArray<ClassEntry>;
	progress: LabelProgress;
	rate: {perHour: number | undefined; etaMs: number | undefined};
	item: undefined | LabelItem;
	image: ImageStatus;
	guess: GuessStatus;
	guessStats?: GuessStats;
	hygiene?: HygieneStatus;
	/** Present only in `imgsift label --adjudicate`. */
	adjudication?: AdjudicationView;
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

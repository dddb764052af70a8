import {cellKeys} from '../grid-keys.js';
import type {Guess} from '../journal-record.js';

/** An undecided item with a ready guess: what pages are made of. */
export type Candidate = {
	readonly path: string;
	readonly guess: Guess;
	/** The model's runner-up and its probability, when it knows one (for a cell marked wrong). */
	readonly second?: {
		readonly label: string;
		readonly probability: number;
		/** The runner-up is the only other class (two classes): "not the guess" means this one. */
		readonly only?: true;
	};
};

export type CellMark =
	| {readonly kind: 'none'}
	| {readonly kind: 'wrong'}
	| {readonly kind: 'class'; readonly label: string};

export type GridCell = {
	readonly path: string;
	readonly key: string;
	/** The guess shown: its label is always the page's class. */
	readonly guess: Guess;
	readonly second?: Candidate['second'];
	readonly mark: CellMark;
	/** Picked by the audit of auto-accept. */
	readonly audit?: true;
	/** Marked wrong on an earlier page and shown again under the model's second guess. */
	readonly rerouted?: true;
};

export type GridPage = {
	readonly number: number;
	/** The class the model guesses for every cell of the page. */
	readonly label: string;
	readonly cells: readonly GridCell[];
};

export const unmarked: CellMark = {kind: 'none'};

/** The page's header line, e.g. `page 3 · guess: screenshot · 12 images`. */
export function pageHeader(page: GridPage): string {
	const count = page.cells.length;
	return `page ${page.number} · guess: ${page.label} · ${count} ${count === 1 ? 'image' : 'images'}`;
}

/** Most confident first; the path breaks ties so a page is the same on every run. */
export function byConfidence(left: Candidate, right: Candidate): number {
	const difference = right.guess.confidence - left.guess.confidence;
	if (difference !== 0) {
		return difference;
	}

	return left.path < right.path ? -1 : left.path > right.path ? 1 : 0;
}

/**
The class of the next page: the previous page's class while it can still fill a page (fewer
switches for the eye), else the class with the most candidates (ties: the previous class, then
the class first met), so pages are as full as they can be.
*/
export function nextPageClass(
	candidates: readonly Candidate[],
	previous: string | undefined,
	size: number,
): string | undefined {
	const counts = new Map<string, number>();
	for (const candidate of candidates) {
		counts.set(candidate.guess.label, (counts.get(candidate.guess.label) ?? 0) + 1);
	}

	const previousCount = previous === undefined ? 0 : (counts.get(previous) ?? 0);
	if (previous !== undefined && previousCount >= size) {
		return previous;
	}

	let best = previousCount > 0 ? previous : undefined;
	let bestCount = previousCount;
	for (const [label, count] of counts) {
		if (count > bestCount) {
			best = label;
			bestCount = count;
		}
	}

	return best;
}

/** Cells for `candidates` (already one class, in order), keyed from `from` on. */
export function cellsFor(
	candidates: readonly Candidate[],
	from: number,
	audit: ReadonlySet<string>,
	rerouted: ReadonlySet<string>,
): GridCell[] {
	return candidates.map((candidate, offset) => ({
		path: candidate.path,
		key: cellKeys[from + offset] ?? '',
		guess: candidate.guess,
		...(candidate.second ? {second: candidate.second} : {}),
		mark: unmarked,
		...(audit.has(candidate.path) ? {audit: true as const} : {}),
		...(rerouted.has(candidate.path) ? {rerouted: true as const} : {}),
	}));
}

import type {GridOrigin} from '../decision-origin.js';
import type {Guess} from '../journal-record.js';
import type {Decision} from '../session-state.js';
import type {Candidate, GridPage} from './grid-page.js';

/**
A cell marked wrong goes to the next page of the model's second guess when that guess, given that
the first is wrong, is at least this likely; otherwise back to the queue for the single view.
*/
export const secondGuessConfident = 0.8;

type Stack<T> = {readonly top: T; readonly rest: Stack<T>} | undefined;

export type GridState = {
	readonly page: GridPage | undefined;
	/** The cell whose key was pressed last: a class key now sets its class. */
	readonly armed: number | undefined;
	/** The number of the latest page made. */
	readonly pagesMade: number;
	/** Marked wrong with no confident second guess: left for the single view. */
	readonly setAside: ReadonlySet<string>;
	/** Marked wrong: shown next on a page of the model's second guess. */
	readonly rerouted: ReadonlyMap<string, Candidate>;
	/** Accepted pages with their marks, newest first, so an undo shows a page as it was. */
	readonly accepted: Stack<GridPage>;
};

export type PageDecision = {
	readonly path: string;
	readonly label: string;
	/** The guess the cell showed. */
	readonly guess: Guess;
	readonly via: 'guess' | 'key';
	readonly origin: GridOrigin;
};

export const initialGridState: GridState = {
	page: undefined,
	armed: undefined,
	pagesMade: 0,
	setAside: new Set(),
	rerouted: new Map(),
	accepted: undefined,
};

/**
The grid for a resumed session: page numbers go on from the journal's highest, so an undo never
mistakes a new page for an old one with the same number.
*/
export function resumedGridState(decisions: Iterable<readonly [string, Decision]>): GridState {
	let pagesMade = 0;
	for (const [, decision] of decisions) {
		if (decision.origin?.kind === 'grid') {
			pagesMade = Math.max(pagesMade, decision.origin.page);
		}
	}

	return {...initialGridState, pagesMade};
}

import type {GridCell, GridPage} from './grid-page.js';
import {type GridState, type PageDecision, secondGuessConfident} from './grid-state.js';

type AcceptResult = {
	readonly state: GridState;
	readonly effect: {readonly kind: 'decide'; readonly decisions: readonly PageDecision[]};
};

/** How likely the second guess is, given the first is wrong. */
export function secondGivenWrong(cell: Pick<GridCell, 'guess' | 'second'>): number {
	if (!cell.second) {
		return 0;
	}

	const rest = 1 - cell.guess.confidence;
	return rest <= 0 ? 1 : Math.min(1, cell.second.probability / rest);
}

/**
The class a cell gets on Enter: the page's when unmarked, the one set by a number key, and for a
cell marked wrong when there are only two classes, the other one: "not A" is B, so the person
needs no second look at it on B's page (a page's fixed cost and a look saved per wrong guess).
*/
function labelOf(page: GridPage, cell: GridCell): string | undefined {
	switch (cell.mark.kind) {
		case 'none':
			return page.label;
		case 'class':
			return cell.mark.label;
		default:
			return cell.second?.only ? cell.second.label : undefined;
	}
}

function decisionOf(page: GridPage, cell: GridCell): PageDecision | undefined {
	const label = labelOf(page, cell);
	if (label === undefined) {
		return undefined;
	}

	const confirmed = label === page.label;
	return {
		path: cell.path,
		label,
		guess: cell.guess,
		via: confirmed ? 'guess' : 'key',
		origin: {
			kind: 'grid',
			page: page.number,
			guessed: page.label,
			outcome: confirmed ? 'confirmed' : 'corrected',
			...(cell.audit ? {audit: true as const} : {}),
		},
	};
}

/** Enter on a page: decisions for its cells, the rest set aside or rerouted. */
export function acceptPage(state: GridState): AcceptResult | undefined {
	const {page} = state;
	if (!page || page.cells.length === 0) {
		return undefined;
	}

	const decisions: PageDecision[] = [];
	const setAside = new Set(state.setAside);
	const rerouted = new Map(state.rerouted);
	for (const cell of page.cells) {
		rerouted.delete(cell.path);
		const decision = decisionOf(page, cell);
		if (decision) {
			decisions.push(decision);
		} else if (!cell.rerouted && cell.second && secondGivenWrong(cell) >= secondGuessConfident) {
			const guess = {...cell.guess, label: cell.second.label, confidence: secondGivenWrong(cell)};
			rerouted.set(cell.path, {path: cell.path, guess});
		} else {
			setAside.add(cell.path);
		}
	}

	return {
		state: {
			...state,
			page: undefined,
			armed: undefined,
			setAside,
			rerouted,
			accepted: {top: page, rest: state.accepted},
		},
		effect: {kind: 'decide', decisions},
	};
}

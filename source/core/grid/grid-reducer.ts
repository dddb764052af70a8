import {assertNever} from '../assert-never.js';
import type {SessionState} from '../session-state.js';
import {
	byConfidence,
	type Candidate,
	type CellMark,
	cellsFor,
	type GridPage,
	nextPageClass,
	unmarked,
} from './grid-page.js';
import {
	type GridState,
	initialGridState,
	type PageDecision,
	resumedGridState,
	secondGuessConfident,
} from './grid-state.js';
import {acceptPage, secondGivenWrong} from './page-accept.js';
import {lastUndoStep} from './page-undo.js';

export type {GridState, PageDecision};
export {initialGridState, resumedGridState, secondGivenWrong, secondGuessConfident};

export type GridAction =
	| {
			readonly type: 'open-page';
			/** The undecided items with a ready guess (any class, any order). */
			readonly candidates: readonly Candidate[];
			readonly size: number;
			/** Items the auto-accept audit picked: flagged on their cells. */
			readonly audit?: ReadonlySet<string>;
	  }
	| {readonly type: 'resize'; readonly size: number}
	| {readonly type: 'cell'; readonly cell: number}
	| {readonly type: 'set-class'; readonly label: string}
	| {readonly type: 'accept-page'}
	| {readonly type: 'undo-page'; readonly session: SessionState}
	| {readonly type: 'close-page'};

export type GridEffect =
	| {readonly kind: 'decide'; readonly decisions: readonly PageDecision[]}
	/** Undo these seqs, in order: one undo record each. */
	| {readonly kind: 'undo'; readonly targets: readonly number[]};

export type GridTransition = {readonly state: GridState; readonly effect?: GridEffect};

/** The candidates as the grid sees them: set-aside items out, rerouted ones under their new class. */
function pool(state: GridState, candidates: readonly Candidate[]): Candidate[] {
	const onPage = new Set(state.page?.cells.map((cell) => cell.path));
	const result: Candidate[] = [];
	for (const candidate of candidates) {
		if (!state.setAside.has(candidate.path) && !onPage.has(candidate.path)) {
			result.push(state.rerouted.get(candidate.path) ?? candidate);
		}
	}

	return result;
}

function openPage(
	state: GridState,
	action: Extract<GridAction, {type: 'open-page'}>,
): GridTransition | undefined {
	const size = Math.max(0, Math.floor(action.size));
	const current = state.page;
	if (size === 0 || (current && current.cells.length >= size)) {
		return undefined;
	}

	const available = pool(state, action.candidates);
	const label =
		current?.label ??
		nextPageClass(available, state.page?.label ?? state.accepted?.top.label, size);
	const chosen = available
		.filter((candidate) => candidate.guess.label === label)
		.sort(byConfidence)
		.slice(0, size - (current?.cells.length ?? 0));
	if (label === undefined || chosen.length === 0) {
		return undefined;
	}

	const rerouted = new Set(chosen.filter((c) => state.rerouted.has(c.path)).map((c) => c.path));
	const added = cellsFor(chosen, current?.cells.length ?? 0, action.audit ?? new Set(), rerouted);
	const number = current?.number ?? state.pagesMade + 1;
	return {
		state: {
			...state,
			page: {number, label, cells: [...(current?.cells ?? []), ...added]},
			pagesMade: Math.max(state.pagesMade, number),
		},
	};
}

function withMark(page: GridPage, cell: number, mark: CellMark): GridPage {
	return {
		...page,
		cells: page.cells.map((each, index) => (index === cell ? {...each, mark} : each)),
	};
}

function pressCell(state: GridState, cell: number): GridTransition | undefined {
	const target = state.page?.cells[cell];
	if (!state.page || !target) {
		return undefined;
	}

	const marked = target.mark.kind !== 'none';
	return {
		state: {
			...state,
			page: withMark(state.page, cell, marked ? unmarked : {kind: 'wrong'}),
			armed: marked ? undefined : cell,
		},
	};
}

function setClass(state: GridState, label: string): GridTransition | undefined {
	const {page, armed} = state;
	if (!page || armed === undefined) {
		return undefined;
	}

	const mark: CellMark = label === page.label ? unmarked : {kind: 'class', label};
	return {state: {...state, page: withMark(page, armed, mark), armed: undefined}};
}

function undoPage(state: GridState, session: SessionState): GridTransition | undefined {
	const step = lastUndoStep(session);
	if (!step) {
		return undefined;
	}

	const remembered = state.accepted?.top;
	const usesRemembered = step.page !== undefined && remembered?.number === step.page.number;
	const page = usesRemembered ? remembered : step.page;
	const back = new Set(page?.cells.map((cell) => cell.path));
	return {
		state: {
			...state,
			page,
			armed: undefined,
			setAside: new Set([...state.setAside].filter((path) => !back.has(path))),
			rerouted: new Map([...state.rerouted].filter(([path]) => !back.has(path))),
			accepted: usesRemembered ? state.accepted?.rest : state.accepted,
		},
		effect: {kind: 'undo', targets: step.targets},
	};
}

/** One step of the grid, with what the session must do for it. Undefined: the action does not apply. */
export function gridTransition(state: GridState, action: GridAction): GridTransition | undefined {
	switch (action.type) {
		case 'open-page': {
			return openPage(state, action);
		}

		case 'resize': {
			const size = Math.max(1, Math.floor(action.size));
			const {page} = state;
			if (!page || page.cells.length <= size) {
				return undefined;
			}

			const armed = state.armed !== undefined && state.armed < size ? state.armed : undefined;
			return {state: {...state, page: {...page, cells: page.cells.slice(0, size)}, armed}};
		}

		case 'cell': {
			return pressCell(state, action.cell);
		}

		case 'set-class': {
			return setClass(state, action.label);
		}

		case 'accept-page': {
			return acceptPage(state);
		}

		case 'undo-page': {
			return undoPage(state, action.session);
		}

		case 'close-page': {
			return state.page ? {state: {...state, page: undefined, armed: undefined}} : undefined;
		}

		default: {
			return assertNever(action);
		}
	}
}

/** The grid reducer: the same state back when an action does not apply. */
export function gridReducer(state: GridState, action: GridAction): GridState {
	return gridTransition(state, action)?.state ?? state;
}

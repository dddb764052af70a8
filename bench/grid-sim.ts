/**
A simulated person labeling the same items in the single view and in the grid, driving the real
reducers (session and grid) and counting what costs them time: pictures looked at, captions read,
keys pressed, pages turned. The cost model turns those counts into labels per hour.
*/
import type {Candidate} from '../source/core/grid/grid-page.js';
import {
	type GridState,
	gridReducer,
	gridTransition,
	initialGridState,
	secondGivenWrong,
	secondGuessConfident,
} from '../source/core/grid/grid-reducer.js';
import {pageDecisionActions} from '../source/core/grid/page-actions.js';
import {transition} from '../source/core/session-reducer.js';
import {decisionOf, initialState, isOpen, type SessionState} from '../source/core/session-state.js';

export type SimItem = {
	readonly path: string;
	readonly truth: string;
	readonly candidate: Candidate;
};

export type Effort = {
	readonly images: number;
	readonly keys: number;
	/** Pictures looked at: one per image in the single view, one per cell shown in the grid. */
	readonly glances: number;
	/** Guess captions read: one per image in the single view, one header per grid page. */
	readonly reads: number;
	readonly pages: number;
	/** Items the grid left for the single view (marked wrong, no confident second guess). */
	readonly leftForSingle: number;
	/** Decisions that differ from the truth (a check that the simulated person is perfect). */
	readonly wrong: number;
};

/**
Seconds per operation. Sources (README, "Grid review and auto-accept"): glance, Potter (1976),
pictures understood at 113 ms each in rapid serial presentation; read, Rayner (1998), a fixation
in reading lasts 225–250 ms; key, Card, Moran & Newell (1980), keystroke-level model, 0.28 s for
an average typist; page, the same model's mental preparation, 1.35 s, charged per new page.
*/
export const costModel = {glance: 0.113, read: 0.25, key: 0.28, page: 1.35} as const;

export function secondsOf(effort: Effort, model = costModel): number {
	return (
		effort.glances * model.glance +
		effort.reads * model.read +
		effort.keys * model.key +
		effort.pages * model.page
	);
}

export function labelsPerHour(effort: Effort, model = costModel): number {
	return (effort.images * 3600) / secondsOf(effort, model);
}

const time = '2026-12-01T00:00:00.000Z';
const statOf = (path: string) => ({path, size: 1, mtimeMs: 1});

function sessionOf(items: readonly SimItem[], classes: readonly string[]): SessionState {
	const state = initialState(classes);
	return (
		transition(state, {type: 'items-found', paths: items.map((item) => item.path)})?.state ?? state
	);
}

function mustApply(state: SessionState, action: Parameters<typeof transition>[1]): SessionState {
	const next = transition(state, action);
	if (!next) {
		throw new Error(`simulation: ${action.type} did not apply`);
	}

	return next.state;
}

/** Items whose decision is not their truth (undecided ones count as wrong). */
function wrongOf(state: SessionState, items: readonly SimItem[]): number {
	return items.filter((item) => decisionOf(state, item.path)?.label !== item.truth).length;
}

/** One key per image: Enter when the guess is right, the class key when it is not. */
export function simulateSingle(items: readonly SimItem[], classes: readonly string[]): Effort {
	let state = sessionOf(items, classes);
	const byPath = new Map(items.map((item) => [item.path, item]));
	let keys = 0;
	while (state.cursor !== undefined) {
		const item = byPath.get(state.cursor);
		if (!item) {
			throw new Error('simulation: unknown cursor');
		}

		keys++;
		const {guess} = item.candidate;
		state =
			guess.label === item.truth
				? mustApply(state, {type: 'accept-guess', item: statOf(item.path), guess, time, ms: 0})
				: mustApply(state, {
						type: 'decide',
						item: statOf(item.path),
						label: item.truth,
						guess,
						time,
						ms: 0,
					});
	}

	const wrong = wrongOf(state, items);
	return {
		images: items.length,
		keys,
		glances: items.length,
		reads: items.length,
		pages: 0,
		leftForSingle: 0,
		wrong,
	};
}

/** A perfect person on a page: marks each wrong cell, and adds its class unless the grid will route it right. */
function markPage(
	grid: GridState,
	truthOf: (path: string) => string,
): {grid: GridState; keys: number} {
	let keys = 0;
	for (const [index, cell] of (grid.page?.cells ?? []).entries()) {
		const truth = truthOf(cell.path);
		if (truth === grid.page?.label) {
			continue;
		}

		grid = gridReducer(grid, {type: 'cell', cell: index});
		keys++;
		const routedRight =
			!cell.rerouted &&
			cell.second?.label === truth &&
			secondGivenWrong(cell) >= secondGuessConfident;
		if (!routedRight) {
			grid = gridReducer(grid, {type: 'set-class', label: truth});
			keys++;
		}
	}

	return {grid, keys};
}

/** Pages until nothing is left for the grid; what the grid left goes through the single view. */
export function simulateGrid(
	items: readonly SimItem[],
	classes: readonly string[],
	pageSize: number,
): Effort {
	let state = sessionOf(items, classes);
	const truth = new Map(items.map((item) => [item.path, item.truth]));
	const truthOf = (path: string) => truth.get(path) ?? '';
	let grid = initialGridState;
	let keys = 0;
	let glances = 0;
	let pages = 0;
	for (;;) {
		const candidates = items
			.filter((item) => isOpen(state, item.path))
			.map((item) => item.candidate);
		const opened = gridTransition(grid, {type: 'open-page', candidates, size: pageSize});
		if (!opened) {
			break;
		}

		pages++;
		glances += opened.state.page?.cells.length ?? 0;
		const marked = markPage(opened.state, truthOf);
		keys += marked.keys + 1;
		const accepted = gridTransition(marked.grid, {type: 'accept-page'});
		if (accepted?.effect?.kind !== 'decide') {
			throw new Error('simulation: accept did not apply');
		}

		for (const action of pageDecisionActions(accepted.effect.decisions, statOf, time, 0)) {
			state = mustApply(state, action);
		}

		grid = accepted.state;
	}

	const rest = items.filter((item) => isOpen(state, item.path));
	const single = simulateSingle(rest, classes);
	const wrong = single.wrong + wrongOf(state, items) - rest.length;
	return {
		images: items.length,
		keys: keys + single.keys,
		glances: glances + single.glances,
		reads: pages + single.reads,
		pages,
		leftForSingle: rest.length,
		wrong,
	};
}

/**
`count` items spread over `classes`, each guessed right with probability `accuracy` (seeded).
Right guesses are surer on average than wrong ones, as with a real model: confidence uniform in
[0.6, 1) when right, [0.5, 0.9) when wrong. With two classes the runner-up is the other class.
*/
export function simulatedItems(
	count: number,
	accuracy: number,
	classes: readonly string[],
	random: () => number,
): SimItem[] {
	const items: SimItem[] = [];
	for (let index = 0; index < count; index++) {
		const truth = classes[index % classes.length] ?? '';
		const right = random() < accuracy;
		const others = classes.filter((name) => name !== truth);
		const label = right ? truth : (others[Math.floor(random() * others.length)] ?? truth);
		const confidence = right ? 0.6 + 0.4 * random() : 0.5 + 0.4 * random();
		const runnerUp = classes.length === 2 ? classes.find((name) => name !== label) : undefined;
		const path = `sim/${String(index).padStart(6, '0')}.jpg`;
		items.push({
			path,
			truth,
			candidate: {
				path,
				guess: {label, confidence, source: 'simulated'},
				...(runnerUp
					? {second: {label: runnerUp, probability: 1 - confidence, only: true as const}}
					: {}),
			},
		});
	}

	return items;
}

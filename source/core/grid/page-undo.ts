import {cellKeys} from '../grid-keys.js';
import {getEntry} from '../persistent-map.js';
import type {Decision, SessionState} from '../session-state.js';
import {type GridCell, type GridPage, unmarked} from './grid-page.js';

/** The decision an undo entry made, if it still stands (a skip's entry has none). */
function entryDecision(state: SessionState, seq: number, path: string): Decision | undefined {
	const decision = getEntry(state.decisions, path);
	return decision?.seq === seq ? decision : undefined;
}

/** What one undo step covers: a grid page, a run of auto-accepts, or one single-view entry. */
function stepOf(decision: Decision | undefined): string {
	const origin = decision?.origin;
	if (origin?.kind === 'grid') {
		return `grid:${origin.page}`;
	}

	return origin?.kind === 'auto' ? 'auto' : 'single';
}

export type UndoStep = {
	/** The seqs to undo, newest first: each is the undo stack's top when its turn comes. */
	readonly targets: readonly number[];
	/** The undone decisions of a grid page, in page order; empty for other steps. */
	readonly page: GridPage | undefined;
};

/**
The last step on the undo stack, read from the session itself (so it works after a resume): all
decisions of the last accepted page, or the latest run of auto-accepts, or else the one top entry.
*/
export function lastUndoStep(state: SessionState): UndoStep | undefined {
	const top = state.history?.top;
	if (!top) {
		return undefined;
	}

	const step = stepOf(entryDecision(state, top.seq, top.path));
	if (step === 'single') {
		return {targets: [top.seq], page: undefined};
	}

	const targets: number[] = [];
	const decisions: Array<[string, Decision]> = [];
	for (let entry: SessionState['history'] = state.history; entry; entry = entry.rest) {
		const decision = entryDecision(state, entry.top.seq, entry.top.path);
		if (!decision || stepOf(decision) !== step) {
			break;
		}

		targets.push(entry.top.seq);
		decisions.push([entry.top.path, decision]);
	}

	return {targets, page: step === 'auto' ? undefined : pageOf(decisions.reverse())};
}

/** A page rebuilt from its decisions: corrected cells keep their class, the rest are unmarked. */
function pageOf(decisions: ReadonlyArray<readonly [string, Decision]>): GridPage | undefined {
	const [first] = decisions;
	const origin = first?.[1].origin;
	if (origin?.kind !== 'grid') {
		return undefined;
	}

	const cells = decisions.map(([path, decision], index): GridCell => {
		const cellOrigin = decision.origin?.kind === 'grid' ? decision.origin : origin;
		return {
			path,
			key: cellKeys[index] ?? '',
			guess: decision.guess ?? {label: cellOrigin.guessed, confidence: 0, source: 'unknown'},
			mark: cellOrigin.outcome === 'corrected' ? {kind: 'class', label: decision.label} : unmarked,
			...(cellOrigin.audit ? {audit: true as const} : {}),
		};
	});
	return {number: origin.page, label: origin.guessed, cells};
}

import type {Candidate} from '../../../source/core/grid/grid-page.js';
import type {GridEffect} from '../../../source/core/grid/grid-reducer.js';
import {pageDecisionActions} from '../../../source/core/grid/page-actions.js';
import type {JournalRecord} from '../../../source/core/journal-record.js';
import {transition} from '../../../source/core/session-reducer.js';
import type {SessionState} from '../../../source/core/session-state.js';
import {item, time} from '../../helpers/session-script.js';

/** A candidate guessed as `label` with `confidence`; the other of two classes is the runner-up. */
export function guessed(
	path: string,
	label: string,
	confidence: number,
	other?: string,
): Candidate {
	return {
		path,
		guess: {label, confidence, source: 'test'},
		...(other ? {second: {label: other, probability: 1 - confidence}} : {}),
	};
}

/** Applies a grid effect to the session as the controller does; returns the records written. */
export function applyEffect(
	state: SessionState,
	effect: GridEffect | undefined,
): {state: SessionState; records: JournalRecord[]} {
	const records: JournalRecord[] = [];
	if (!effect) {
		return {state, records};
	}

	const actions =
		effect.kind === 'decide'
			? pageDecisionActions(effect.decisions, item, time, 1200)
			: effect.targets.map((target) => ({type: 'undo' as const, time, target}));
	for (const action of actions) {
		const next = transition(state, action);
		if (!next) {
			throw new Error(`${action.type} did not apply`);
		}

		state = next.state;
		if (next.record) {
			records.push(next.record);
		}
	}

	return {state, records};
}

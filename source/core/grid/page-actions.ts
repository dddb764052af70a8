import type {ItemStat} from '../journal-record.js';
import type {SessionAction} from '../session-actions.js';
import type {PageDecision} from './grid-state.js';

/**
The session actions for an accepted page: one decide per cell, each a normal journal record with
its grid origin. The page's time on screen is shared out between its decisions, so the session's
active time counts the page once.
*/
export function pageDecisionActions(
	decisions: readonly PageDecision[],
	statOf: (path: string) => ItemStat | undefined,
	time: string,
	pageMs: number,
): SessionAction[] {
	const ms = decisions.length === 0 ? 0 : Math.round(Math.max(0, pageMs) / decisions.length);
	const actions: SessionAction[] = [];
	for (const decision of decisions) {
		const item = statOf(decision.path);
		if (item) {
			const {label, guess, origin} = decision;
			actions.push(
				decision.via === 'guess'
					? {type: 'accept-guess', item, guess, time, ms, origin}
					: {type: 'decide', item, label, guess, time, ms, origin},
			);
		}
	}

	return actions;
}

import {assertNever} from './assert-never.js';
import {itemsFound, markElsewhere, moved, restored, sessionStart} from './bookkeeping-steps.js';
import {decideCopy, markBroken} from './hygiene-steps.js';
import {decide, skip, undo} from './labeling-steps.js';
import type {Edit} from './persistent-map.js';
import {reopen} from './reopen-steps.js';
import type {SessionAction, Transition} from './session-actions.js';
import {advance, type SessionState} from './session-state.js';

export type {SessionAction, Transition} from './session-actions.js';

/** One step of the session, with the journal record that makes it durable. Undefined: invalid. */
export function transition(
	state: SessionState,
	action: SessionAction,
	edit?: Edit,
): Transition | undefined {
	switch (action.type) {
		case 'items-found': {
			return {state: itemsFound(state, action.paths, action.unclaimed ?? false), record: undefined};
		}

		case 'elsewhere': {
			return {state: markElsewhere(state, action.paths, action.to), record: undefined};
		}

		case 'scan-finished': {
			const next = {...state, scanDone: true};
			return {state: state.cursor === undefined ? advance(next) : next, record: undefined};
		}

		case 'decide': {
			return decide(state, action, action.imported ? 'import' : 'key', edit);
		}

		case 'accept-guess': {
			return action.guess
				? decide(state, {...action, label: action.guess.label}, 'guess', edit)
				: undefined;
		}

		case 'skip': {
			return skip(state, action, edit);
		}

		case 'undo': {
			return undo(state, action, edit);
		}

		case 'moved': {
			return moved(state, action, edit);
		}

		case 'restored': {
			return restored(state, action, edit);
		}

		case 'broken': {
			return markBroken(state, action, edit);
		}

		case 'copy': {
			return decideCopy(state, action, edit);
		}

		case 'reopen': {
			return reopen(state, action, edit);
		}

		case 'session-start': {
			return sessionStart(state, action);
		}
		default: {
			return assertNever(action);
		}
	}
}

/** The session reducer: the same state back when an action does not apply. */
export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
	return transition(state, action)?.state ?? state;
}

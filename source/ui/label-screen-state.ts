import {assertNever} from '../core/assert-never.js';
import {intentForKey, type KeyIntent} from '../core/keymap.js';

/** What the screen itself remembers; everything else comes from the controller's snapshot. */
export type LabelScreenState = {readonly helpOpen: boolean};

export type LabelScreenAction = {readonly type: 'open-help'} | {readonly type: 'close-help'};

export const initialLabelScreenState: LabelScreenState = {helpOpen: false};

export function labelScreenReducer(
	state: LabelScreenState,
	action: LabelScreenAction,
): LabelScreenState {
	switch (action.type) {
		case 'open-help': {
			return state.helpOpen ? state : {helpOpen: true};
		}

		case 'close-help': {
			return state.helpOpen ? {helpOpen: false} : state;
		}
		default: {
			return assertNever(action);
		}
	}
}

export type KeyContext = {
	readonly classCount: number;
	/** False while the labeling view is not shown (terminal too small): only quit works then. */
	readonly canLabel: boolean;
};

export type KeyOutcome = {
	readonly action?: LabelScreenAction;
	readonly intent?: KeyIntent;
};

/** What one normalized key does: a screen action, an intent for the controller, or nothing. */
export function routeKey(state: LabelScreenState, key: string, context: KeyContext): KeyOutcome {
	const intent = intentForKey(key, context.classCount);
	if (intent?.action === 'quit') {
		return {intent};
	}

	if (state.helpOpen) {
		const closes = key === 'escape' || intent?.action === 'help';
		return closes ? {action: {type: 'close-help'}} : {};
	}

	if (!context.canLabel || intent === undefined) {
		return {};
	}

	return intent.action === 'help' ? {action: {type: 'open-help'}} : {intent};
}

import {assertNever} from '../core/assert-never.js';
import {gridIntentForKey} from '../core/grid-keys.js';
import {intentForKey, type KeyIntent} from '../core/keymap.js';
import type {GridControllerIntent} from '../session/grid-contract.js';

export type LabelView = 'single' | 'grid';

/** What the screen itself remembers; everything else comes from the controllers' snapshots. */
export type LabelScreenState = {readonly helpOpen: boolean; readonly view: LabelView};

export type LabelScreenAction =
	| {readonly type: 'open-help'}
	| {readonly type: 'close-help'}
	| {readonly type: 'toggle-view'};

export const initialLabelScreenState: LabelScreenState = {helpOpen: false, view: 'single'};

export function labelScreenReducer(
	state: LabelScreenState,
	action: LabelScreenAction,
): LabelScreenState {
	switch (action.type) {
		case 'open-help': {
			return state.helpOpen ? state : {...state, helpOpen: true};
		}

		case 'close-help': {
			return state.helpOpen ? {...state, helpOpen: false} : state;
		}

		case 'toggle-view': {
			return {...state, view: state.view === 'single' ? 'grid' : 'single'};
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
	/** Whether this session has a grid view (g switches to it). */
	readonly hasGrid?: boolean | undefined;
	/** False while the grid cannot be shown (terminal too small for 2×2): quit and g work then. */
	readonly canGrid?: boolean | undefined;
	/** Cells on the grid's open page: cell keys past them mean nothing. */
	readonly cellCount?: number | undefined;
};

export type KeyOutcome = {
	readonly action?: LabelScreenAction;
	readonly intent?: KeyIntent;
	readonly gridIntent?: GridControllerIntent;
};

function routeGridKey(key: string, context: KeyContext): KeyOutcome {
	const intent = gridIntentForKey(key, context.classCount, context.cellCount ?? 0);
	if (!context.canGrid && intent?.action !== 'quit' && intent?.action !== 'toggle-view') {
		return {};
	}

	switch (intent?.action) {
		case undefined: {
			return {};
		}

		case 'quit': {
			return {intent: {action: 'quit'}};
		}

		case 'help': {
			return {action: {type: 'open-help'}};
		}

		case 'toggle-view': {
			return {action: {type: 'toggle-view'}};
		}

		case 'cell':
		case 'set-class':
		case 'accept-page':
		case 'undo-page': {
			return {gridIntent: intent};
		}

		default: {
			return assertNever(intent);
		}
	}
}

/** What one normalized key does: a screen action, an intent for a controller, or nothing. */
export function routeKey(state: LabelScreenState, key: string, context: KeyContext): KeyOutcome {
	const intent = intentForKey(key, context.classCount);
	if (intent?.action === 'quit') {
		return {intent};
	}

	if (state.helpOpen) {
		const closes = key === 'escape' || key === '?';
		return closes ? {action: {type: 'close-help'}} : {};
	}

	if (state.view === 'grid') {
		return routeGridKey(key, context);
	}

	if (!context.canLabel || intent === undefined) {
		return {};
	}

	if (intent.action === 'toggle-view') {
		return context.hasGrid ? {action: {type: 'toggle-view'}} : {};
	}

	return intent.action === 'help' ? {action: {type: 'open-help'}} : {intent};
}

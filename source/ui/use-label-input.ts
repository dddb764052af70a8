import {type Key, useInput} from 'ink';
import {useCallback, useLayoutEffect, useReducer, useRef} from 'react';
import type {GridScreenController} from '../session/grid-contract.js';
import type {LabelController} from '../session/screen-contract.js';
import {normalizeKeys} from './key-names.js';
import {
	initialLabelScreenState,
	type KeyContext,
	type LabelScreenState,
	type LabelView,
	labelScreenReducer,
	routeKey,
} from './label-screen-state.js';

export type UseLabelInputProps = KeyContext & {
	readonly controller: LabelController;
	readonly grid?: GridScreenController | undefined;
	readonly initialView?: LabelView | undefined;
};

/**
Reads keys, keeps the screen's own state (help open or not, which view) and sends intents to the
controllers. Keys of one chunk are routed in order against a synchronously updated copy of the
state, so "? 1" opens help and then ignores the 1, without waiting for React to re-render.
*/
export function useLabelInput({
	controller,
	grid,
	initialView,
	classCount,
	canLabel,
	canGrid,
	cellCount,
}: UseLabelInputProps): LabelScreenState {
	const [state, dispatch] = useReducer(labelScreenReducer, {
		...initialLabelScreenState,
		view: grid ? (initialView ?? 'single') : 'single',
	});
	const current = useRef(state);
	// Ink swaps useInput's handler in a passive effect, after the frame is written: a key read in
	// between would be routed with the last frame's context (Enter accepting a grid that a shrink
	// already hid). A layout effect runs in the same commit as the frame.
	const rendered: KeyContext = {
		classCount,
		canLabel,
		canGrid,
		hasGrid: grid !== undefined,
		cellCount,
	};
	const context = useRef(rendered);
	useLayoutEffect(() => {
		context.current = rendered;
	});

	const handleInput = useCallback(
		(input: string, key: Key) => {
			for (const name of normalizeKeys(input, key)) {
				const outcome = routeKey(current.current, name, context.current);
				if (outcome.action) {
					current.current = labelScreenReducer(current.current, outcome.action);
					dispatch(outcome.action);
				}

				if (outcome.intent) {
					controller.intent(outcome.intent);
				}

				if (outcome.gridIntent) {
					grid?.intent(outcome.gridIntent);
				}
			}
		},
		[controller, grid],
	);

	useInput(handleInput);
	return state;
}

import {type Key, useInput} from 'ink';
import {useCallback, useReducer, useRef} from 'react';
import type {LabelController} from '../session/screen-contract.js';
import {normalizeKeys} from './key-names.js';
import {
	initialLabelScreenState,
	type KeyContext,
	type LabelScreenState,
	labelScreenReducer,
	routeKey,
} from './label-screen-state.js';

export type UseLabelInputProps = KeyContext & {readonly controller: LabelController};

/**
Reads keys, keeps the screen's own state (help open or not) and sends intents to the controller.
Keys of one chunk are routed in order against a synchronously updated copy of the state, so
"? 1" opens help and then ignores the 1, without waiting for React to re-render.
*/
export function useLabelInput({
	controller,
	classCount,
	canLabel,
}: UseLabelInputProps): LabelScreenState {
	const [state, dispatch] = useReducer(labelScreenReducer, initialLabelScreenState);
	const current = useRef(state);

	const handleInput = useCallback(
		(input: string, key: Key) => {
			for (const name of normalizeKeys(input, key)) {
				const outcome = routeKey(current.current, name, {classCount, canLabel});
				if (outcome.action) {
					current.current = labelScreenReducer(current.current, outcome.action);
					dispatch(outcome.action);
				}

				if (outcome.intent) {
					controller.intent(outcome.intent);
				}
			}
		},
		[controller, classCount, canLabel],
	);

	useInput(handleInput);
	return state;
}

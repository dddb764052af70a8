import {useCallback, useSyncExternalStore} from 'react';
import type {LabelController, LabelSnapshot} from '../session/screen-contract.js';

/** The controller's current snapshot; re-renders when the controller notifies. */
export function useLabelSnapshot(controller: LabelController): LabelSnapshot {
	// Wrapped so controllers may be plain objects or class instances (methods need their `this`).
	const subscribe = useCallback(
		(listener: () => void) => controller.subscribe(listener),
		[controller],
	);
	const getSnapshot = useCallback(() => controller.getSnapshot(), [controller]);
	return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

import {useCallback, useSyncExternalStore} from 'react';
import type {LabelController, LabelSnapshot} from './label-controller.js';

/**
Calls `listener` once after the current task's synchronous notifications: a keypress changes the
state, then the image, then the guess, each notifying; Ink renders once with all of them instead
of once now and again a throttle period later (the panel a frame behind the image).
*/
export function coalesced(listener: () => void): () => void {
	let queued = false;
	return () => {
		if (queued) {
			return;
		}

		queued = true;
		queueMicrotask(() => {
			queued = false;
			listener();
		});
	};
}

/** The controller's current snapshot; re-renders when the controller notifies. */
export function useLabelSnapshot(controller: LabelController): LabelSnapshot {
	// Wrapped so controllers may be plain objects or class instances (methods need their `this`).
	const subscribe = useCallback(
		(listener: () => void) => controller.subscribe(coalesced(listener)),
		[controller],
	);
	const getSnapshot = useCallback(() => controller.getSnapshot(), [controller]);
	return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

import {useCallback, useSyncExternalStore} from 'react';
import type {GridScreenController, GridSnapshot} from '../../session/grid-contract.js';

const none = () => () => undefined;
const noSnapshot = () => undefined;

/** The grid controller's snapshot (undefined without a grid); re-renders when it notifies. */
export function useGridSnapshot(grid: GridScreenController | undefined): GridSnapshot | undefined {
	const subscribe = useCallback(
		(listener: () => void) => (grid ? grid.subscribe(listener) : none()),
		[grid],
	);
	const getSnapshot = useCallback(() => (grid ? grid.getSnapshot() : noSnapshot()), [grid]);
	return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

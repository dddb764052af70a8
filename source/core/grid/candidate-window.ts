import {isOpen, type SessionState} from '../session-state.js';

/**
The open items a grid may draw its next pages from: in scan order from the low-water mark, without
those the grid set aside, at most `limit`. Looks at a bounded stretch of the catalog, so building a
page stays cheap at 100k items; pages are "most confident first" within this window.
*/
export function openWindow(
	state: SessionState,
	limit: number,
	exclude: ReadonlySet<string>,
): string[] {
	const found: string[] = [];
	const {paths, length} = state.catalog;
	const end = Math.min(length, state.lowWater + limit * 8 + exclude.size);
	for (let position = state.lowWater; position < end && found.length < limit; position++) {
		const path = paths[position];
		if (path !== undefined && !exclude.has(path) && isOpen(state, path)) {
			found.push(path);
		}
	}

	return found;
}

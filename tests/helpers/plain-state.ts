import {entries, type PersistentMap} from '../../source/core/persistent-map.js';
import type {SessionState, UndoEntry} from '../../source/core/session-state.js';

const plainMap = <V>(map: PersistentMap<V>) => new Map(entries(map));

/** The undo stack as a list, top first (a resumed one is a view of the snapshot's columns). */
function plainHistory(history: SessionState['history']): UndoEntry[] {
	const list: UndoEntry[] = [];
	for (let node = history; node; node = node.rest) list.push({...node.top});
	return list;
}

/**
A state with each persistent map as a Map of its entries and the undo stack as a list, for
deepStrictEqual: two states holding the same entries compare equal however they are stored (a
resumed snapshot's decisions and undo stack stay its columns).
*/
export function plainState(state: SessionState) {
	return {
		...state,
		decisions: plainMap(state.decisions),
		skipped: plainMap(state.skipped),
		broken: plainMap(state.broken),
		elsewhere: plainMap(state.elsewhere),
		copyLinks: plainMap(state.copyLinks),
		moved: plainMap(state.moved),
		history: plainHistory(state.history),
	};
}

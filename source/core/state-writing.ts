/**
A session state encoded for writing: the same JSON as `JSON.stringify(encodeState(state))`, but
the catalog, the decision columns, the maps, the undo history and the paths table are values that
make their text a run of elements at a time as the writer asks (shared/json-parts), never arrays
held beside the state. At 100k decisions those arrays were ~17 MB, plus the catalog's copy.
*/
import {decisionColumnsJson, encodeDecisions} from './decision-encode.js';
import {arrayJsonRuns, piecewiseJson} from './json-runs.js';
import type {SessionState} from './session-state.js';
import {encodeWith, type StateForm} from './state-codec.js';
import {encodeUndo, undoColumnsJson} from './undo-columns.js';

const inRuns: StateForm = {
	list: (values) =>
		piecewiseJson(
			() => arrayJsonRuns(values()),
			() => [...values()],
		),
	decisions: (map, codes) =>
		piecewiseJson(
			() => decisionColumnsJson(map, codes),
			() => encodeDecisions(map, codes),
		),
	history: (history, pathCode) =>
		piecewiseJson(
			() => undoColumnsJson(history, pathCode),
			() => encodeUndo(history, pathCode),
		),
};

/**
`encodeState(state)` for writing: written through `jsonParts` (or `JSON.stringify`) it gives the
same text, made while written. Its parts code paths as they are written, so write it in order, as
a whole; writing it again gives the same text.
*/
export function encodeStateForWriting(state: SessionState) {
	return encodeWith(state, inRuns);
}

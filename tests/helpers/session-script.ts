import type {JournalRecord} from '../../source/core/journal-record.js';
import {type SessionAction, sessionReducer, transition} from '../../source/core/session-reducer.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';

/** Fixed values for the pure session tests. */
export const time = '2026-11-25T10:00:00.000Z';
export const item = (path: string) => ({path, size: 100, mtimeMs: 1});

/** A photo/screenshot session whose scan found `paths`. */
export function withItems(paths: string[]): SessionState {
	return sessionReducer(initialState(['photo', 'screenshot']), {type: 'items-found', paths});
}

/** Runs live actions and returns the final state plus the journal they produced. */
export function run(state: SessionState, actions: SessionAction[]) {
	const records: JournalRecord[] = [];
	for (const action of actions) {
		const next = transition(state, action);
		if (next) {
			state = next.state;
			if (next.record) {
				records.push(next.record);
			}
		}
	}

	return {state, records};
}

export const decide = (path: string, label: string): SessionAction => ({
	type: 'decide',
	item: item(path),
	label,
	time,
	ms: 50,
});

/** A grid cell a person confirmed on page 1, sent there by the audit of auto-accept. */
export const auditedGridOrigin = {
	kind: 'grid',
	page: 1,
	guessed: 'photo',
	outcome: 'confirmed',
	audit: true,
} as const;

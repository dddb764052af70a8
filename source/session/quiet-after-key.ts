import type {SessionState} from '../core/session-state.js';
import type {SessionStore} from './session-store.js';

/**
How long background checks hold off after a person's key. Measured on 100,000 files (a key every
~250 ms): with the checks running through keys, the label process spent 78 ms of main-thread CPU
a key, against 18 ms with them off.
*/
export const quietAfterKeyMs = 150;

export type PersonActivity = {
	/** True within `quietMs` of the last change a person made. */
	readonly recent: () => boolean;
	readonly stop: () => void;
};

/** A person's change moves the cursor or the undo history (decide, undo, skip, go back). */
const actedBetween = (before: SessionState, after: SessionState) =>
	before.cursor !== after.cursor || before.history !== after.history;

/** Watches `store` for a person's changes, so background work can keep out of a key's way. */
export function watchPersonActivity(
	store: Pick<SessionStore, 'getState' | 'subscribe'>,
	{quietMs = quietAfterKeyMs, now = () => performance.now()} = {},
): PersonActivity {
	let seen = store.getState();
	let lastChange = Number.NEGATIVE_INFINITY;
	const stop = store.subscribe((state) => {
		if (actedBetween(seen, state)) {
			lastChange = now();
		}

		seen = state;
	});
	return {recent: () => now() - lastChange < quietMs, stop};
}

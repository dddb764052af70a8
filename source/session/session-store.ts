import type {JournalRecord} from '../core/journal-record.js';
import {type SessionAction, type Transition, transition} from '../core/session-reducer.js';
import type {SessionState} from '../core/session-state.js';
import {Listeners} from '../shared/listeners.js';

export type JournalSink = {append(record: JournalRecord): Promise<void>};

export type SessionStore = {
	getState(): SessionState;
	/**
	Applies an action: its journal record is written before the new state is visible, so nothing the
	screen shows can be lost. Actions are applied one at a time, in call order. Resolves with the
	transition, or undefined when the action did not apply.
	*/
	apply(
		action: SessionAction | ((state: SessionState) => SessionAction | undefined),
	): Promise<Transition | undefined>;
	subscribe(listener: (state: SessionState) => void): () => void;
};

export function createSessionStore(initial: SessionState, journal: JournalSink): SessionStore {
	let state = initial;
	let queue: Promise<unknown> = Promise.resolve();
	const listeners = new Listeners<[SessionState]>();

	async function applyNow(
		actionOrBuilder: SessionAction | ((state: SessionState) => SessionAction | undefined),
	): Promise<Transition | undefined> {
		const action = typeof actionOrBuilder === 'function' ? actionOrBuilder(state) : actionOrBuilder;
		if (!action) {
			return undefined;
		}

		const next = transition(state, action);
		if (!next) {
			return undefined;
		}

		if (next.record) {
			await journal.append(next.record);
		}

		state = next.state;
		listeners.emit(state);

		return next;
	}

	return {
		getState: () => state,
		apply(action) {
			const result = queue.then(async () => applyNow(action));
			// A failed append must not wedge the queue; the caller sees the error.
			queue = result.catch(() => undefined);
			return result;
		},
		subscribe(listener) {
			return listeners.add(listener);
		},
	};
}

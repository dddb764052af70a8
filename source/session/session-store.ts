import type {JournalRecord} from '../core/journal-record.js';
import type {Edit} from '../core/persistent-map.js';
import {type SessionAction, type Transition, transition} from '../core/session-reducer.js';
import type {SessionState} from '../core/session-state.js';
import {Listeners} from '../shared/listeners.js';

export type JournalSink = {
	append(record: JournalRecord): Promise<void>;
	/** Appends records with one write (all land, or none): a grid page's decisions at once. */
	appendMany?(records: readonly JournalRecord[]): Promise<void>;
};

export type SessionStore = {
	getState(): SessionState;
	/**
	Applies an action: its journal record is written before the new state is visible, so nothing the
	screen shows can be lost. Actions are applied one at a time, in call order. Resolves with the
	transition, or undefined when the action did not apply.

	With `edit` (a commit's batch token), the step may change in place the maps that earlier steps
	under the same token made: the states shown between those steps share them. A commit moving
	90k files then does not copy a bucket of `moved` per file; states from before the first step
	under the token are never changed.
	*/
	apply(
		action: SessionAction | ((state: SessionState) => SessionAction | undefined),
		edit?: Edit,
	): Promise<Transition | undefined>;
	/**
	Applies actions as one step: each record is written in order, then the state after all of them
	is shown once (a grid page: one screen update, not one per cell). Actions that do not apply are
	left out. Resolves with the records' transitions.
	*/
	applyAll(actions: readonly SessionAction[]): Promise<Transition[]>;
	subscribe(listener: (state: SessionState) => void): () => void;
};

export function createSessionStore(initial: SessionState, journal: JournalSink): SessionStore {
	let state = initial;
	let queue: Promise<unknown> = Promise.resolve();
	const listeners = new Listeners<[SessionState]>();

	async function applyNow(
		actionOrBuilder: SessionAction | ((state: SessionState) => SessionAction | undefined),
		edit: Edit | undefined,
	): Promise<Transition | undefined> {
		const action = typeof actionOrBuilder === 'function' ? actionOrBuilder(state) : actionOrBuilder;
		if (!action) {
			return undefined;
		}

		const next = transition(state, action, edit);
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

	/**
	All steps first, then one write for all their records: a page costs one trip to the disk (the
	thread pool it shares with image decodes), not one per cell; the page lands whole or not at all.
	*/
	async function applyAllBatched(
		actions: readonly SessionAction[],
		appendMany: NonNullable<JournalSink['appendMany']>,
	): Promise<Transition[]> {
		const applied: Transition[] = [];
		let next = state;
		for (const action of actions) {
			const step = transition(next, action);
			if (step) {
				next = step.state;
				applied.push(step);
			}
		}

		const records = applied.flatMap((step) => (step.record ? [step.record] : []));
		if (records.length > 0) {
			await appendMany.call(journal, records);
		}

		if (next !== state) {
			state = next;
			listeners.emit(state);
		}

		return applied;
	}

	async function applyAllNow(actions: readonly SessionAction[]): Promise<Transition[]> {
		if (journal.appendMany && actions.length > 1) {
			return applyAllBatched(actions, journal.appendMany);
		}

		const applied: Transition[] = [];
		let next = state;
		try {
			for (const action of actions) {
				const step = transition(next, action);
				if (step) {
					if (step.record) {
						await journal.append(step.record);
					}

					next = step.state;
					applied.push(step);
				}
			}
		} finally {
			// What was written is shown, even when a later append failed.
			if (next !== state) {
				state = next;
				listeners.emit(state);
			}
		}

		return applied;
	}

	return {
		getState: () => state,
		applyAll(actions) {
			const result = queue.then(async () => applyAllNow(actions));
			queue = result.catch(() => undefined);
			return result;
		},
		apply(action, edit) {
			const result = queue.then(async () => applyNow(action, edit));
			// A failed append must not wedge the queue; the caller sees the error.
			queue = result.catch(() => undefined);
			return result;
		},
		subscribe(listener) {
			return listeners.add(listener);
		},
	};
}

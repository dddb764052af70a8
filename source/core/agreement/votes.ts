import {assertNever} from '../assert-never.js';
import type {Guess, JournalRecord} from '../journal-record.js';

/** One user's records (the shape the ledger's `readAll` returns). */
export type RecordsOfUser = {readonly user: string; readonly records: readonly JournalRecord[]};

export type Vote = {
	readonly user: string;
	readonly label: string;
	readonly seq: number;
	readonly time: string;
	/** The model's guess shown when the vote was cast, if any. */
	readonly guess?: Guess;
};

export type ItemVotes = {
	/** Each user's current vote (undone and reopened votes are gone). Adjudications excluded. */
	readonly votes: ReadonlyMap<string, Vote>;
	/** The newest adjudicated decision: final whatever the votes say. */
	readonly adjudication?: Vote;
};

type Entry = Vote & {readonly copyOf?: string; readonly adjudicated: boolean};

/**
Every item's current votes across users. Each journal is replayed on its own as the session's fold
does: a decision replaces the user's earlier one, an undo brings back what it replaced (and undoes
the exact copies decided with it), a reopen clears the item.
*/
export function votesByItem(users: readonly RecordsOfUser[]): Map<string, ItemVotes> {
	function* decided(): Generator<UserDecisions> {
		for (const {user, records} of users) {
			const decisions = userDecisions(user);
			for (const record of records) decisions.add(record);
			yield decisions;
		}
	}

	return votesOfUsers(decided());
}

/**
The same from each user's decisions, fed record by record (a journal streamed, never held whole):
users are taken one at a time, so only one user's replay is alive at once.
*/
export function votesOfUsers(users: Iterable<UserDecisions>): Map<string, ItemVotes> {
	const votes = new Map<string, Map<string, Vote>>();
	const adjudications = new Map<string, Vote>();
	for (const {user, current} of users) {
		for (const [path, entry] of current) {
			if (entry.adjudicated) {
				const earlier = adjudications.get(path);
				if (!earlier || earlier.time <= entry.time) {
					adjudications.set(path, entry);
				}

				continue;
			}

			const row = votes.get(path) ?? new Map<string, Vote>();
			row.set(user, entry);
			votes.set(path, row);
		}
	}

	const items = new Map<string, ItemVotes>();
	for (const path of new Set([...votes.keys(), ...adjudications.keys()])) {
		const adjudication = adjudications.get(path);
		items.set(path, {votes: votes.get(path) ?? new Map(), ...(adjudication ? {adjudication} : {})});
	}

	return items;
}

/** One user's current decisions, as their records come (see votesOfUsers). */
export type UserDecisions = {
	readonly user: string;
	add(record: JournalRecord): void;
	readonly current: ReadonlyMap<string, Entry>;
};

export function userDecisions(user: string): UserDecisions {
	const current = new Map<string, Entry>();
	// What each decide or copy replaced, by its seq, so an undo can put it back (as the fold does).
	const replaced = new Map<number, {readonly path: string; readonly previous: Entry | undefined}>();
	const copies = new Map<string, Set<string>>();
	const set = (path: string, entry: Entry) => {
		replaced.set(entry.seq, {path, previous: current.get(path)});
		current.set(path, entry);
	};

	const undo = (target: number) => {
		const change = replaced.get(target);
		if (change === undefined || current.get(change.path)?.seq !== target) {
			return;
		}

		if (change.previous === undefined) {
			current.delete(change.path);
		} else {
			current.set(change.path, change.previous);
		}

		// The exact copies decided with it after it go too.
		for (const copy of copies.get(change.path) ?? []) {
			const entry = current.get(copy);
			if (entry?.copyOf === change.path && entry.seq > target) {
				undo(entry.seq);
			}
		}
	};

	const add = (record: JournalRecord): void => {
		switch (record.op) {
			case 'decide': {
				const {path, label, seq, time, guess} = record;
				const adjudicated = record.origin === 'adjudicated';
				set(path, {user, label, seq, time, adjudicated, ...(guess ? {guess} : {})});
				break;
			}

			case 'copy': {
				const {path, label, seq, time, of} = record;
				set(path, {user, label, seq, time, adjudicated: false, copyOf: of});
				const group = copies.get(of) ?? new Set();
				copies.set(of, group.add(path));
				break;
			}

			case 'undo': {
				undo(record.target);
				break;
			}

			case 'reopen': {
				current.delete(record.path);
				break;
			}

			case 'skip':
			case 'moved':
			case 'restored':
			case 'broken':
			case 'session': {
				break;
			}

			default: {
				assertNever(record);
			}
		}
	};

	return {user, add, current};
}

import {assertNever} from '../../shared/assert-never.js';
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
	const votes = new Map<string, Map<string, Vote>>();
	const adjudications = new Map<string, Vote>();
	for (const {user, records} of users) {
		for (const [path, entry] of currentDecisions(user, records)) {
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

function currentDecisions(user: string, records: readonly JournalRecord[]): Map<string, Entry> {
	const stacks = new Map<string, Entry[]>();
	const pathOfSeq = new Map<number, string>();
	const copies = new Map<string, Set<string>>();
	const push = (path: string, entry: Entry) => {
		pathOfSeq.set(entry.seq, path);
		const stack = stacks.get(path) ?? [];
		stack.push(entry);
		stacks.set(path, stack);
	};

	const drop = (path: string, seq: number) => {
		const stack = stacks.get(path)?.filter((entry) => entry.seq !== seq) ?? [];
		stacks.set(path, stack);
	};

	for (const record of records) {
		switch (record.op) {
			case 'decide': {
				const {path, label, seq, time, guess} = record;
				const adjudicated = record.origin === 'adjudicated';
				push(path, {user, label, seq, time, adjudicated, ...(guess ? {guess} : {})});
				break;
			}

			case 'copy': {
				const {path, label, seq, time, of} = record;
				push(path, {user, label, seq, time, adjudicated: false, copyOf: of});
				const group = copies.get(of) ?? new Set();
				copies.set(of, group.add(path));
				break;
			}

			case 'undo': {
				const path = pathOfSeq.get(record.target);
				if (path !== undefined) {
					drop(path, record.target);
					for (const copy of copies.get(path) ?? []) {
						const stack = stacks.get(copy) ?? [];
						stacks.set(
							copy,
							stack.filter((entry) => entry.copyOf !== path || entry.seq < record.target),
						);
					}
				}

				break;
			}

			case 'reopen': {
				stacks.delete(record.path);
				break;
			}

			case 'skip': {
				pathOfSeq.set(record.seq, record.path);
				break;
			}

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
	}

	const current = new Map<string, Entry>();
	for (const [path, stack] of stacks) {
		const top = stack.at(-1);
		if (top) {
			current.set(path, top);
		}
	}

	return current;
}

/**
Who has seen which item, folded incrementally from every user's records: what claims need to know
(has anyone decided it, has this user already seen it). Pure; both adapters use it.
*/

import {assertNever} from '../core/assert-never.js';
import type {JournalRecord} from '../core/journal-record.js';

/** What one user did to an item: a vote (decide or copy) or a skip. */
export type Mark = 'vote' | 'skip';

/** A change of one user's mark on one item, for adapters that mirror votes elsewhere. */
export type MarkChange = {
	readonly path: string;
	readonly user: string;
	readonly mark: Mark | undefined;
};

/** Per mark, the path each seq marked, indexed by seq. */
export type SeqPaths = {vote: Array<string | undefined>; skip: Array<string | undefined>};

/** One user's mark of each item; a Map is one. */
export type MarkStore = {
	get(path: string): Mark | undefined;
	set(path: string, mark: Mark): unknown;
	delete(path: string): unknown;
};

/** A user's marks read off their replayed state, to seed them (see own-marks.ts). */
export type OwnMarks = {
	/** Each item's mark now: decided items are votes, skipped undecided ones skips. */
	readonly marks: MarkStore;
	/** Per mark, the path each seq on the undo stack marked: read when the first undo needs it. */
	readonly undoable: () => SeqPaths;
	readonly broken: readonly string[];
};

export type ItemVotes = {
	/** Applies one user's record; returns the mark changes it caused. */
	apply(user: string, record: JournalRecord): readonly MarkChange[];
	/** How many users voted on `path`. */
	votes(path: string): number;
	/** The users who voted on `path`. */
	voters(path: string): readonly string[];
	markOf(path: string, user: string): Mark | undefined;
	isBroken(path: string): boolean;
	/** Bumped whenever a mark is taken back, so callers can rescan items they passed over. */
	readonly retractions: number;
	/** Sets `user`'s marks wholesale, as read off a replayed state (see own-marks.ts); takes `own`. */
	seed(user: string, own: OwnMarks): void;
};

export function createItemVotes(): ItemVotes {
	/**
	Per user, each item's mark: one map per user, not one per item (100k small maps held ~12 MB).
	Users are few; items are many.
	*/
	const marks = new Map<string, MarkStore>();
	/**
	Per user, what each seq marked, so an undo knows what it takes back: a path per mark, in arrays
	indexed by seq (a user's seqs are dense; two 100k-entry maps held ~6 MB more at 100k records).
	*/
	const bySeq = new Map<string, SeqPaths>();
	/** A seeded user's undo stack, read only when their first undo needs it (see seed). */
	const unreadStacks = new Map<string, () => SeqPaths>();
	const seqsOf = (user: string): SeqPaths | undefined => {
		const unread = unreadStacks.get(user);
		if (unread !== undefined) {
			unreadStacks.delete(user);
			const stack = unread();
			// Seqs recorded since the seed are all higher: they go on top of the stack's.
			const since = bySeq.get(user);
			since?.vote.forEach((path, seq) => {
				stack.vote[seq] = path;
			});
			since?.skip.forEach((path, seq) => {
				stack.skip[seq] = path;
			});
			bySeq.set(user, stack);
		}

		return bySeq.get(user);
	};

	const broken = new Set<string>();
	let retractions = 0;

	const markOf = (path: string, user: string): Mark | undefined => marks.get(user)?.get(path);

	const set = (path: string, user: string, mark: Mark | undefined): MarkChange[] => {
		let paths = marks.get(user);
		const before = paths?.get(path);
		if (before === mark) {
			return [];
		}

		if (mark === undefined) {
			paths?.delete(path);
			retractions++;
		} else {
			if (paths === undefined) {
				paths = new Map();
				marks.set(user, paths);
			}

			paths.set(path, mark);
		}

		return [{path, user, mark}];
	};

	const remember = (user: string, seq: number, path: string, mark: Mark): void => {
		// Not seqsOf: a seeded stack is read at the first undo, never on the hot path of a decision.
		let seqs = bySeq.get(user);
		if (seqs === undefined) {
			seqs = {vote: [], skip: []};
			bySeq.set(user, seqs);
		}

		// A seq marks once: the other list must not keep an older meaning of it.
		const other = seqs[mark === 'vote' ? 'skip' : 'vote'];
		if (other[seq] !== undefined) other[seq] = undefined;
		seqs[mark][seq] = path;
	};

	/** What `seq` of `user` marked, or undefined. */
	const remembered = (user: string, seq: number): {path: string; mark: Mark} | undefined => {
		const seqs = seqsOf(user);
		const vote = seqs?.vote[seq];
		if (vote !== undefined) return {path: vote, mark: 'vote'};
		const skip = seqs?.skip[seq];
		return skip === undefined ? undefined : {path: skip, mark: 'skip'};
	};

	const apply = (user: string, record: JournalRecord): MarkChange[] => {
		switch (record.op) {
			case 'decide':
			case 'copy': {
				remember(user, record.seq, record.path, 'vote');
				return set(record.path, user, 'vote');
			}

			case 'skip': {
				remember(user, record.seq, record.path, 'skip');
				// A skip never takes back a vote (the reducer refuses that); it only marks "seen".
				return markOf(record.path, user) === 'vote' ? [] : set(record.path, user, 'skip');
			}

			case 'undo': {
				const target = remembered(user, record.target);
				if (target === undefined || markOf(target.path, user) !== target.mark) {
					return [];
				}

				const seqs = seqsOf(user)?.[target.mark];
				if (seqs) seqs[record.target] = undefined;
				return set(target.path, user, undefined);
			}

			case 'reopen': {
				return set(record.path, user, undefined);
			}

			case 'broken': {
				broken.add(record.path);
				return [];
			}

			case 'moved':
			case 'restored':
			case 'session': {
				return [];
			}

			default: {
				return assertNever(record);
			}
		}
	};

	return {
		apply,
		votes(path) {
			let count = 0;
			for (const paths of marks.values()) {
				count += paths.get(path) === 'vote' ? 1 : 0;
			}

			return count;
		},
		voters(path) {
			const users: string[] = [];
			for (const [user, paths] of marks) {
				if (paths.get(path) === 'vote') users.push(user);
			}

			return users;
		},
		markOf,
		isBroken: (path) => broken.has(path),
		seed(user, own) {
			marks.set(user, own.marks);
			bySeq.delete(user);
			unreadStacks.set(user, own.undoable);
			for (const path of own.broken) broken.add(path);
		},
		get retractions() {
			return retractions;
		},
	};
}

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

export type ItemVotes = {
	/** Applies one user's record; returns the mark changes it caused. */
	apply(user: string, record: JournalRecord): readonly MarkChange[];
	/** How many users voted on `path`. */
	votes(path: string): number;
	/** The users who voted on `path`. */
	voters(path: string): readonly string[];
	markOf(path: string, user: string): Mark | undefined;
	isBroken(path: string): boolean;
	/** Bumped whenever a vote is taken back, so callers can rescan items they thought settled. */
	readonly retractions: number;
};

/**
The marks on one item: one user's as a pair, several users' as a Map. Most items only ever have one,
and a Map per item cost 30 MB of a 100k-item import's heap against 3 MB for pairs.
*/
type ItemMarks = readonly [user: string, mark: Mark] | Map<string, Mark>;

function markIn(marks: ItemMarks | undefined, user: string): Mark | undefined {
	if (marks === undefined || marks instanceof Map) {
		return marks?.get(user);
	}

	return marks[0] === user ? marks[1] : undefined;
}

function pairsOf(marks: ItemMarks | undefined): Iterable<readonly [string, Mark]> {
	return marks === undefined ? [] : marks instanceof Map ? marks : [marks];
}

export function createItemVotes(): ItemVotes {
	const marks = new Map<string, ItemMarks>();
	/** Per user, what each seq marked, so an undo knows what it takes back. */
	const bySeq = new Map<string, Map<number, {path: string; mark: Mark}>>();
	const broken = new Set<string>();
	let retractions = 0;

	const set = (path: string, user: string, mark: Mark | undefined): MarkChange[] => {
		const users = marks.get(path);
		const before = markIn(users, user);
		if (before === mark) {
			return [];
		}

		if (mark === undefined) {
			if (users instanceof Map) {
				users.delete(user);
			} else {
				// The pair held this user's mark (before !== undefined): the item has none left.
				marks.delete(path);
			}

			if (before === 'vote') {
				retractions++;
			}
		} else if (users instanceof Map) {
			users.set(user, mark);
		} else if (users === undefined || users[0] === user) {
			marks.set(path, [user, mark]);
		} else {
			marks.set(path, new Map([users, [user, mark]]));
		}

		return [{path, user, mark}];
	};

	const remember = (user: string, seq: number, path: string, mark: Mark): void => {
		let seqs = bySeq.get(user);
		if (seqs === undefined) {
			seqs = new Map();
			bySeq.set(user, seqs);
		}

		seqs.set(seq, {path, mark});
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
				return markIn(marks.get(record.path), user) === 'vote'
					? []
					: set(record.path, user, 'skip');
			}

			case 'undo': {
				const target = bySeq.get(user)?.get(record.target);
				if (target === undefined || markIn(marks.get(target.path), user) !== target.mark) {
					return [];
				}

				bySeq.get(user)?.delete(record.target);
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
			for (const [, mark] of pairsOf(marks.get(path))) {
				count += mark === 'vote' ? 1 : 0;
			}

			return count;
		},
		voters(path) {
			return [...pairsOf(marks.get(path))].filter(([, mark]) => mark === 'vote').map(([u]) => u);
		},
		markOf: (path, user) => markIn(marks.get(path), user),
		isBroken: (path) => broken.has(path),
		get retractions() {
			return retractions;
		},
	};
}

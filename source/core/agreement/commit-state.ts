/**
What a team's commit moves: every item with a final label (settled, or adjudicated) that nobody is
looking at, with its label. Pure: the caller folds each user's records and reads the claims.
*/
import {
	beginEdit,
	deleteEntry,
	entries,
	forEachKey,
	getEntry,
	hasEntry,
	type PersistentMap,
	sealMap,
	setEntry,
} from '../persistent-map.js';
import {type Decision, initialState, type SessionState} from '../session-state.js';
import type {Consensus} from './consensus.js';

/** One user's journal, folded: their standing decisions (with file identity) and their moves. */
export type UserFold = {
	readonly user: string;
	readonly decisions: PersistentMap<Decision>;
	readonly moved: PersistentMap<string>;
};

/** Items the commit leaves in place, by why. */
export type CommitHeld = {
	/** A final label, but a labeler holds the item now: it moves once they let it go. */
	readonly claimed: number;
	/** Enough votes and no clear winner: an adjudicator settles it first. */
	readonly contested: number;
	/** Fewer votes than the team asks for, so far. */
	readonly pending: number;
};

export const nothingHeld: CommitHeld = {claimed: 0, contested: 0, pending: 0};

export type TeamCommitInput = {
	readonly classes: readonly string[];
	readonly folds: readonly UserFold[];
	readonly consensus: Consensus;
	/** Users to the items they hold under a live lease. */
	readonly claims: ReadonlyMap<string, readonly string[]>;
	/** Who commits: their own claim on an item they voted on does not hold it back. */
	readonly self: string;
};

/**
A state for the commit's plan: `decisions` the committable items, each with its final label and
the file identity from a vote for that label (the adjudicator's when adjudicated); `moved`
everyone's moves, so nothing moved by anyone is planned again.
*/
export function teamCommitState(input: TeamCommitInput): {state: SessionState; held: CommitHeld} {
	const edit = beginEdit();
	let moved: PersistentMap<string> = initialState(input.classes).moved;
	for (const fold of input.folds) {
		for (const [path, to] of entries(fold.moved)) {
			moved = hasEntry(moved, path) ? moved : setEntry(moved, path, to, edit);
		}
	}

	const claimers = new Map<string, string[]>();
	for (const [user, paths] of input.claims) {
		for (const path of paths) claimers.set(path, [...(claimers.get(path) ?? []), user]);
	}

	const folds = [...input.folds].sort((left, right) => (left.user < right.user ? -1 : 1));
	// The committer's own decisions are the start: an item they decided with the final label stays
	// as it is (at 100k a resumed session's are its snapshot's columns; a copy was 20 MB more).
	const own = folds.find((fold) => fold.user === input.self)?.decisions;
	let decisions: PersistentMap<Decision> = own ?? initialState(input.classes).decisions;
	const placed = new Set<string>();
	let claimed = 0;
	let contested = 0;
	let pending = 0;
	for (const [path, item] of input.consensus.items) {
		if (hasEntry(moved, path)) continue;
		if (item.status === 'contested' || item.status === 'pending') {
			contested += item.status === 'contested' ? 1 : 0;
			pending += item.status === 'pending' ? 1 : 0;
			continue;
		}

		const label = item.label;
		if (label === undefined) continue;
		const voted = (user: string) => item.votes.some((vote) => vote.user === user);
		const holders = claimers.get(path) ?? [];
		if (holders.some((user) => user !== input.self || !voted(user))) {
			claimed++;
			continue;
		}

		const from = item.adjudication?.user;
		const source = folds.find(
			(fold) =>
				(from === undefined
					? item.votes.some((vote) => vote.user === fold.user && vote.label === label)
					: fold.user === from) && hasEntry(fold.decisions, path),
		);
		const decision = source && getEntry(source.decisions, path);
		if (decision === undefined) continue;
		placed.add(path);
		if (source?.decisions !== own || decision.label !== label) {
			// Another's decision, or a relabel: the fold's own object when the label agrees.
			const final = decision.label === label ? decision : {...decision, label};
			decisions = setEntry(decisions, path, final, edit);
		}
	}

	// What the committer decided that does not move now (held, contested, moved, another's label).
	if (own) {
		forEachKey(own, (path) => {
			if (!placed.has(path)) decisions = deleteEntry(decisions, path, edit);
		});
	}

	const state = {
		...initialState(input.classes),
		decisions: sealMap(decisions),
		moved: sealMap(moved),
	};
	return {state, held: {claimed, contested, pending}};
}

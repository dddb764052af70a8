/**
The manager's view of a team on one dataset, from every user's records and the clock: who is
working, how fast, how much is left, and how well people agree. Pure: the caller reads the records
(from the ledger) and passes `now`, so the same records always give the same report.
*/

import {type PairKappa, pairwiseCohen} from '../core/agreement/cohen.js';
import {accuracyAgainstFinal, type PersonAccuracy} from '../core/agreement/confusion.js';
import {type Consensus, consensusOf, overlapTable} from '../core/agreement/consensus.js';
import {type TeamMode, votesNeeded} from '../core/agreement/consensus-rule.js';
import {type FleissResult, fleissOfTable} from '../core/agreement/fleiss.js';
import {type AlphaResult, krippendorffAlpha} from '../core/agreement/krippendorff.js';
import {ratersOf} from '../core/agreement/ratings.js';
import {type ItemVotes, type RecordsOfUser, votesByItem} from '../core/agreement/votes.js';
import {activityOf, rateWindowMs} from './team-activity.js';

export type PersonStatus = {
	readonly user: string;
	/** Current votes (undone ones not counted; adjudications counted apart). */
	readonly decisions: number;
	readonly adjudications: number;
	/** Decisions per hour over the last 10 minutes. */
	readonly ratePerHour: number;
	/** Items this person holds now; null when the ledger cannot say (kept in JSON as unknown). */
	readonly activeClaims: number | null;
	/** Time of this person's newest record. */
	readonly lastSeen: string | undefined;
};

export type TeamAgreement = {
	readonly method: Consensus['method'];
	/** Items with two or more votes, and how many Dawid–Skene needs. */
	readonly overlapItems: number;
	readonly minOverlap: number;
	readonly pairs: readonly PairKappa[];
	readonly fleiss: FleissResult;
	readonly alpha: Omit<AlphaResult, 'coincidences'>;
	readonly accuracy: readonly PersonAccuracy[];
};

export type TeamStatus = {
	readonly mode: TeamMode;
	readonly now: string;
	readonly people: readonly PersonStatus[];
	readonly team: {
		readonly ratePerHour: number;
		/** Votes still to cast: every item needs `votesNeeded` (1 in exclusive mode). */
		readonly remainingVotes: number;
		/** Milliseconds to the end at the team's current rate; undefined when nobody is labeling. */
		readonly etaMs: number | undefined;
	};
	readonly items: Consensus['counts'];
	readonly agreement: TeamAgreement;
};

export type TeamStatusInput = {
	readonly users: readonly RecordsOfUser[];
	readonly mode: TeamMode;
	readonly classes: readonly string[];
	/** Images in the dataset, decided or not. */
	readonly total: number;
	readonly now: number;
	/** Active claims per user, from the ledger when it can say. */
	readonly claims?: ReadonlyMap<string, number>;
};

export function teamStatusOf(input: TeamStatusInput): TeamStatus {
	const items = votesByItem(input.users);
	const consensus = consensusOf(items, input.mode, {classes: input.classes});
	const people = input.users
		.map(({user, records}) => personOf(user, records, items, input))
		.sort((left, right) => (left.user < right.user ? -1 : left.user > right.user ? 1 : 0));
	const ratePerHour = people.reduce((sum, person) => sum + person.ratePerHour, 0);
	const remainingVotes = remainingVotesOf(items, input.total, votesNeeded(input.mode));
	return {
		mode: input.mode,
		now: new Date(input.now).toISOString(),
		people,
		team: {
			ratePerHour,
			remainingVotes,
			etaMs: ratePerHour > 0 ? Math.round((remainingVotes / ratePerHour) * 3_600_000) : undefined,
		},
		items: consensus.counts,
		agreement: agreementOf(items, consensus),
	};
}

function personOf(
	user: string,
	records: RecordsOfUser['records'],
	items: ReadonlyMap<string, ItemVotes>,
	input: TeamStatusInput,
): PersonStatus {
	let decisions = 0;
	let adjudications = 0;
	for (const item of items.values()) {
		decisions += item.votes.has(user) ? 1 : 0;
		adjudications += item.adjudication?.user === user ? 1 : 0;
	}

	const activity = activityOf(records, input.now);
	return {
		user,
		decisions,
		adjudications,
		ratePerHour: Math.round((activity.recentDecisions * 3_600_000) / rateWindowMs),
		activeClaims: input.claims === undefined ? null : (input.claims.get(user) ?? 0),
		lastSeen: activity.lastSeen,
	};
}

/** Votes still needed: an item counts at most `needed` votes; a final item needs none. */
function remainingVotesOf(
	items: ReadonlyMap<string, ItemVotes>,
	total: number,
	needed: number,
): number {
	let cast = 0;
	for (const item of items.values()) {
		cast += item.adjudication ? needed : Math.min(needed, item.votes.size);
	}

	return Math.max(0, total * needed - cast);
}

function agreementOf(items: ReadonlyMap<string, ItemVotes>, consensus: Consensus): TeamAgreement {
	const table = overlapTable(items);
	const finals = new Map<string, string>();
	for (const [path, item] of consensus.items) {
		if ((item.status === 'settled' || item.status === 'adjudicated') && item.label !== undefined) {
			finals.set(path, item.label);
		}
	}

	const {coincidences: _dropped, ...alpha} = krippendorffAlpha(table);
	return {
		method: consensus.method,
		overlapItems: consensus.overlapItems,
		minOverlap: consensus.minOverlap,
		pairs: pairwiseCohen(table),
		fleiss: fleissOfTable(table),
		alpha,
		accuracy: accuracyAgainstFinal(table, finals, ratersOf(table)),
	};
}

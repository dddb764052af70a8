import {type Consensus, type ConsensusOptions, consensusOf} from './consensus.js';
import type {TeamMode} from './consensus-rule.js';
import {type RecordsOfUser, votesByItem} from './votes.js';

export type FinalLabel = {
	readonly label: string;
	/** Posterior of the label under the consensus model; 1 when an adjudicator decided. */
	readonly confidence: number;
	readonly how: 'settled' | 'adjudicated';
	/** Who voted, and who adjudicated (for export metadata). */
	readonly voters: readonly string[];
	readonly adjudicator?: string;
};

/** The consensus over every user's records: statuses, labels, the model and counts. */
export function teamConsensus(
	users: readonly RecordsOfUser[],
	mode: TeamMode,
	options: ConsensusOptions = {},
): Consensus {
	return consensusOf(votesByItem(users), mode, options);
}

/**
The final label of each item that has one (settled or adjudicated), from all users' records. The
one rule `commit` and every export use: pending and contested items have no final label.
*/
export function finalLabels(
	users: readonly RecordsOfUser[],
	mode: TeamMode,
	options: ConsensusOptions = {},
): Map<string, FinalLabel> {
	return finalLabelsOf(teamConsensus(users, mode, options));
}

export function finalLabelsOf(consensus: Consensus): Map<string, FinalLabel> {
	const finals = new Map<string, FinalLabel>();
	for (const [path, item] of consensus.items) {
		if ((item.status === 'settled' || item.status === 'adjudicated') && item.label !== undefined) {
			finals.set(path, {
				label: item.label,
				confidence: item.confidence,
				how: item.status,
				voters: item.votes.map((vote) => vote.user),
				...(item.adjudication ? {adjudicator: item.adjudication.user} : {}),
			});
		}
	}

	return finals;
}

/**
What `commit` may move now: items with a final label that no session holds a claim on. A contested
or pending item never has a final label, so it is never in the list.
*/
export function committable(
	finals: ReadonlyMap<string, FinalLabel>,
	claimed: ReadonlySet<string> = new Set(),
): Map<string, FinalLabel> {
	return new Map([...finals].filter(([path]) => !claimed.has(path)));
}

import {type AdjudicationItem, adjudicationQueue} from '../core/agreement/adjudication-queue.js';
import type {TeamMode} from '../core/agreement/consensus-rule.js';
import {teamConsensus} from '../core/agreement/final-labels.js';
import {safeUserName} from '../store/paths.js';
import {readTeamRecords} from './team-records.js';

export type AdjudicationPlan = {
	/** The contested images this person may settle, in path order. */
	readonly queue: readonly AdjudicationItem[];
	/** Contested images this person voted on: someone else settles those. */
	readonly ownVotes: number;
};

/**
What `imgsift label DIR --adjudicate` shows: the contested images, each with every vote and the
guess the voters saw, less those the adjudicator voted on (nobody settles their own dispute).
*/
export async function planAdjudication(
	dir: string,
	user: string,
	mode: TeamMode,
	classes: readonly string[],
): Promise<AdjudicationPlan> {
	const consensus = teamConsensus(await readTeamRecords(dir), mode, {classes});
	const self = safeUserName(user);
	const queue = adjudicationQueue(consensus);
	const mine = (item: AdjudicationItem) => item.votes.some((vote) => vote.user === self);
	return {queue: queue.filter((item) => !mine(item)), ownVotes: queue.filter(mine).length};
}

export function adjudicationSummary(plan: AdjudicationPlan): string {
	const own =
		plan.ownVotes === 0
			? ''
			: ` ${plan.ownVotes} more ${plan.ownVotes === 1 ? 'has' : 'have'} your own vote: another person settles ${plan.ownVotes === 1 ? 'it' : 'them'}.`;
	return plan.queue.length === 0
		? `Nothing to adjudicate: no contested image is waiting.${own}`
		: `${plan.queue.length} contested ${plan.queue.length === 1 ? 'image' : 'images'} to adjudicate.${own}`;
}

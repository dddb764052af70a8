/** Checks a team run's records: every item decided by the right number of people, none twice. */

import {createItemVotes} from '../source/ledger/item-votes.js';
import type {UserRecords} from '../source/ledger/ledger.js';

export type TeamCount = {
	readonly decisions: number;
	/** Items with exactly the votes asked for, from that many different people. */
	readonly settled: number;
	/** Items with more votes than asked (decided twice in exclusive mode). */
	readonly doubled: number;
	/** Items with fewer votes than asked. */
	readonly lost: number;
	/** Times one person decided one item more than once. */
	readonly sameUserTwice: number;
};

export function countTeamRecords(
	all: readonly UserRecords[],
	paths: readonly string[],
	needed: number,
): TeamCount {
	const votes = createItemVotes();
	const perUserItem = new Map<string, number>();
	let decisions = 0;
	for (const {user, records} of all) {
		for (const record of records) {
			votes.apply(user, record);
			if (record.op === 'decide') {
				decisions++;
				const key = `${user}\u0000${record.path}`;
				perUserItem.set(key, (perUserItem.get(key) ?? 0) + 1);
			}
		}
	}

	let settled = 0;
	let doubled = 0;
	let lost = 0;
	for (const path of paths) {
		const count = votes.votes(path);
		if (count === needed) settled++;
		else if (count > needed) doubled++;
		else lost++;
	}

	const sameUserTwice = [...perUserItem.values()].filter((count) => count > 1).length;
	return {decisions, settled, doubled, lost, sameUserTwice};
}

import {type RecordsOfUser, votesByItem} from './votes.js';

/**
The images that somebody other than `user` also holds a current vote on. One person's commit must
leave these in place: in overlap mode (or after a lease race) moving them by this person's label
would take them away from the other voters; the team's final label is what counts for them
(see `finalLabels`, and `imgsift export --overlap N`).
*/
export function itemsSharedWithOthers(
	users: readonly RecordsOfUser[],
	user: string,
): ReadonlySet<string> {
	const shared = new Set<string>();
	if (!users.some((entry) => entry.user !== user && entry.records.length > 0)) {
		return shared;
	}

	for (const [item, {votes, adjudication}] of votesByItem(users)) {
		const others = [...votes.keys()].some((voter) => voter !== user);
		if (others || (adjudication !== undefined && adjudication.user !== user)) {
			shared.add(item);
		}
	}

	return shared;
}

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
	// Only the others' journals count; this user's own votes never hold an image back.
	const others = users.filter((entry) => entry.user !== user && entry.records.length > 0);
	return new Set(others.length === 0 ? [] : votesByItem(others).keys());
}

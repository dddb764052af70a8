export type MajorityResult = {
	/** The label with the most votes; undefined on a tie for first place or with no votes. */
	readonly label: string | undefined;
	/** Votes for the leading label (or for each tied leader). */
	readonly count: number;
	readonly total: number;
};

/** Plain majority (plurality) vote over one item's votes. */
export function majorityVote(votes: Iterable<string>): MajorityResult {
	const counts = new Map<string, number>();
	let total = 0;
	for (const label of votes) {
		counts.set(label, (counts.get(label) ?? 0) + 1);
		total++;
	}

	let label: string | undefined;
	let count = 0;
	let tied = false;
	for (const [candidate, votesFor] of counts) {
		if (votesFor > count) {
			label = candidate;
			count = votesFor;
			tied = false;
		} else if (votesFor === count) {
			tied = true;
		}
	}

	return {label: tied ? undefined : label, count, total};
}

/** Exclusive: one person decides each item. Overlap: `votes` different people do. */
export type TeamMode =
	| {readonly kind: 'exclusive'}
	| {readonly kind: 'overlap'; readonly votes: number};

/** The posterior an item's leading label needs to be settled. */
export const defaultSettleThreshold = 0.75;

/**
Dawid–Skene replaces majority vote once this many items have two or more votes. Each person's
confusion matrix has K×(K−1) free cells, and a person meets each true class on about 1/K of their
items; with fewer than about 10 overlapping items per class the estimate is mostly its smoothing
prior, and EM can swing a majority on noise. Below it, majority vote is the more honest rule.
*/
export function dawidSkeneMinOverlap(classCount: number): number {
	return Math.max(20, 10 * classCount);
}

export function votesNeeded(mode: TeamMode): number {
	switch (mode.kind) {
		case 'exclusive': {
			return 1;
		}

		case 'overlap': {
			return mode.votes;
		}

		default: {
			const unknown: never = mode;
			return unknown;
		}
	}
}

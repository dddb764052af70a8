/** Which pool items a user may claim next: pure, so both adapters' rules can be tested alike. */
import type {LabelingMode} from './ledger.js';

export type PickInput = {
	readonly pool: readonly string[];
	/** Index before which every item is known settled (a scan starts there). */
	readonly from: number;
	readonly count: number;
	readonly user: string;
	readonly mode: LabelingMode;
	readonly isBroken: (path: string) => boolean;
	/** Whether `user` already voted on or skipped `path`. */
	readonly seen: (path: string) => boolean;
	readonly voters: (path: string) => readonly string[];
	/** Other users holding a live claim on `path`. */
	readonly holders: (path: string) => readonly string[];
};

export type PickResult = {
	readonly picked: readonly string[];
	/** The new `from`: the first item not yet settled for good. */
	readonly settledBefore: number;
};

export function neededVotes(mode: LabelingMode): number {
	return mode.kind === 'exclusive' ? 1 : mode.votes;
}

export function pickItems(input: PickInput): PickResult {
	const needed = neededVotes(input.mode);
	const picked: string[] = [];
	let settledBefore = input.from;
	let prefixSettled = true;
	for (let index = input.from; index < input.pool.length && picked.length < input.count; index++) {
		const path = input.pool[index] as string;
		const voters = input.voters(path);
		const settled = input.isBroken(path) || voters.length >= needed;
		if (settled && prefixSettled) {
			settledBefore = index + 1;
			continue;
		}

		prefixSettled = false;
		if (settled || input.seen(path)) {
			continue;
		}

		// A holder who already voted is counted once.
		const others = input.holders(path).filter((user) => !voters.includes(user));
		if (voters.length + others.length < needed) {
			picked.push(path);
		}
	}

	return {picked, settledBefore};
}

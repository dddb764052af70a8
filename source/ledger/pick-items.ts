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
	/** Whether `user` has a mark (a vote or a skip) on `path`: not theirs to pick until it is taken back. */
	readonly marked: (path: string) => boolean;
	/** Whether `user` already voted on, skipped or holds `path`. */
	readonly seen: (path: string) => boolean;
	readonly voters: (path: string) => readonly string[];
	/** Other users holding a live claim on `path`. */
	readonly holders: (path: string) => readonly string[];
};

export type PickResult = {
	readonly picked: readonly string[];
	/**
	The new `from`: every item before it is settled or marked by this user. The caller starts over
	when a mark is taken back (a resumed session skipped here and there: without the marks, each pick
	rescanned every decided item after the first skip, 3 s of a 100k resume).
	*/
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
		if (prefixSettled && (settled || input.marked(path))) {
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

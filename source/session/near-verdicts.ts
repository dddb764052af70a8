import {nearMaxDifference} from '../image/near-match.js';
import type {NearJudge} from '../scan/groups.js';

const pairKey = (one: string, other: string) =>
	one < other ? `${one}\u0000${other}` : `${other}\u0000${one}`;

/**
The thumbnail test of the labeling loop's near-copy offer, the same rule as `imgsift check`:
verdicts by pair, judged once in the background. `passes` answers at once from what is known and
starts the judging the first time it is asked; `onNear` fires when a pair turns out near.
*/
export class NearVerdicts {
	readonly #judge: NearJudge;
	readonly #onNear: () => void;
	readonly #verdicts = new Map<string, number | 'pending'>();
	/** Pair keys by path, so forgetting a file drops its verdicts without a scan. */
	readonly #pairsOf = new Map<string, Set<string>>();

	constructor(judge: NearJudge, onNear: () => void) {
		this.#judge = judge;
		this.#onNear = onNear;
	}

	passes(path: string, other: string): boolean {
		const key = pairKey(path, other);
		const verdict = this.#verdicts.get(key);
		if (verdict === undefined) {
			this.#verdicts.set(key, 'pending');
			for (const member of [path, other]) {
				const pairs = this.#pairsOf.get(member) ?? new Set<string>();
				pairs.add(key);
				this.#pairsOf.set(member, pairs);
			}

			this.#judge(path, other).then(
				(difference) => this.#judged(key, difference ?? Number.POSITIVE_INFINITY),
				() => this.#judged(key, Number.POSITIVE_INFINITY),
			);
		}

		return typeof verdict === 'number' && verdict <= nearMaxDifference;
	}

	/** Drops what is known about a file whose content changed. */
	forget(path: string): void {
		for (const key of this.#pairsOf.get(path) ?? []) {
			this.#verdicts.delete(key);
		}

		this.#pairsOf.delete(path);
	}

	#judged(key: string, difference: number): void {
		if (this.#verdicts.get(key) !== 'pending') {
			return; // Forgotten meanwhile: a file changed, and its new content is judged afresh.
		}

		this.#verdicts.set(key, difference);
		if (difference <= nearMaxDifference) {
			this.#onNear();
		}
	}
}

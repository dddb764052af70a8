import {wilsonInterval} from '../stats/wilson.js';
import type {RatingTable} from './ratings.js';

export type PersonAccuracy = {
	readonly rater: string;
	/** Items this person rated that have a final label. */
	readonly compared: number;
	readonly correct: number;
	/** Undefined when nothing could be compared. */
	readonly accuracy: number | undefined;
	/** Wilson 95% interval of the accuracy. */
	readonly interval: {readonly low: number; readonly high: number};
	/** confusion[final][given]: how often this person gave `given` when the final label was `final`. */
	readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
};

/**
Each person's accuracy against the final labels, with a confusion table. An item whose final
label came from this person's own vote alone still counts; items without a final label do not.
*/
export function accuracyAgainstFinal(
	table: RatingTable,
	finals: ReadonlyMap<string, string>,
	raters: readonly string[],
): PersonAccuracy[] {
	return raters.map((rater) => {
		const confusion: Record<string, Record<string, number>> = {};
		let compared = 0;
		let correct = 0;
		for (const [item, row] of table) {
			const given = row.get(rater);
			const final = finals.get(item);
			if (given === undefined || final === undefined) {
				continue;
			}

			compared++;
			correct += given === final ? 1 : 0;
			const line = confusion[final] ?? {};
			line[given] = (line[given] ?? 0) + 1;
			confusion[final] = line;
		}

		return {
			rater,
			compared,
			correct,
			accuracy: compared === 0 ? undefined : correct / compared,
			interval: wilsonInterval(correct, compared),
			confusion,
		};
	});
}

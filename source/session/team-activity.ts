import type {JournalRecord} from '../core/journal-record.js';

/** The window the rate is measured over: long enough to smooth a pause, short enough to be now. */
export const rateWindowMs = 10 * 60 * 1000;

export type Activity = {
	/** Decisions (key or guess, not exact copies) in the last `rateWindowMs`. */
	readonly recentDecisions: number;
	/** Time of the newest record of any kind. */
	readonly lastSeen: string | undefined;
};

/** One person's recent pace and last sign of life, from their records. */
export function activityOf(records: readonly JournalRecord[], now: number): Activity {
	const since = now - rateWindowMs;
	let recentDecisions = 0;
	let newest = Number.NEGATIVE_INFINITY;
	let lastSeen: string | undefined;
	for (const record of records) {
		const time = Date.parse(record.time);
		if (Number.isNaN(time)) {
			continue;
		}

		if (time > newest) {
			newest = time;
			lastSeen = record.time;
		}

		if (record.op === 'decide' && time > since && time <= now) {
			recentDecisions++;
		}
	}

	return {recentDecisions, lastSeen};
}

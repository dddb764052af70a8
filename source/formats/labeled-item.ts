/**
The neutral item every export writes and every import reads: one decided image with its final
label, who decided it and how, the votes behind it, and its history. Formats map to and from this.
*/
import type {Guess} from '../core/journal-record.js';

/**
How a label came to be: `key` (a class key), `guess` (the model's guess accepted), `copy` (an
exact copy decided with its group), `import` (from a file). Open to the origins other rooms add.
*/
export type Origin = 'key' | 'guess' | 'copy' | 'import' | (string & {});

export type HistoryEntry = {
	readonly label: string;
	readonly annotator: string;
	readonly origin: Origin;
	readonly decidedAt: string;
	readonly guess?: Guess;
	/** The confidence an imported file gave; absent for a person's key. */
	readonly confidence?: number;
	/** For an imported label: its origin in the tool it came from, when the file said. */
	readonly sourceOrigin?: string;
};

export type LabeledItem = {
	/** Relative to the dataset folder, `/` separators. */
	readonly path: string;
	readonly absolutePath: string;
	readonly sha1?: string;
	readonly label: string;
	readonly annotator: string;
	/** 0..1: with several people, the consensus posterior; else the imported confidence, else 1. */
	readonly confidence: number;
	readonly origin: Origin;
	readonly decidedAt: string;
	/** User to the label they gave. */
	readonly votes: Readonly<Record<string, string>>;
	/** Decisions that stand (not undone), oldest first, all users. */
	readonly history: readonly HistoryEntry[];
	/** The model's guess shown when the final decision was made, if any. */
	readonly guess?: Guess;
};

/** One user's standing decision of an item, as the consensus step sees it. */
export type Vote = {
	readonly user: string;
	readonly entry: HistoryEntry;
};

/** The vote behind a final label: the latest one that gave it (an adjudicator's, when one did). */
export function voteFor(votes: readonly Vote[], label: string, user?: string): Vote | undefined {
	let chosen: Vote | undefined;
	for (const vote of votes) {
		if (vote.entry.label !== label) {
			continue;
		}

		if (user !== undefined && vote.user === user) {
			return vote;
		}

		if (chosen === undefined || vote.entry.decidedAt > chosen.entry.decidedAt) {
			chosen = vote;
		}
	}

	return chosen;
}

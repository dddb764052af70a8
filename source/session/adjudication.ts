/**
An adjudicator's session: every decision it journals is marked `origin: "adjudicated"` (final,
whatever the votes say), and each image on screen comes with every person's vote.
*/
import type {AdjudicationItem} from '../core/agreement/adjudication-queue.js';
import type {JournalRecord} from '../core/journal-record.js';
import type {AdjudicationView} from './screen-contract.js';
import type {JournalSink} from './session-store.js';

/** Wraps where records go so that decisions (by key or by accepting the guess) are final. */
export function adjudicatingSink<Sink extends JournalSink>(sink: Sink): JournalSink {
	return {
		append: async (record: JournalRecord) =>
			sink.append(record.op === 'decide' ? {...record, origin: 'adjudicated'} : record),
	};
}

/** The votes beside each contested image, by path. */
export function adjudicationViews(
	queue: readonly AdjudicationItem[],
): (path: string) => AdjudicationView | undefined {
	const views = new Map<string, AdjudicationView>(
		queue.map((item) => [
			item.path,
			{
				votes: item.votes,
				...(item.guess
					? {shownGuess: {label: item.guess.label, confidence: item.guess.confidence}}
					: {}),
			},
		]),
	);
	return (path) => views.get(path);
}

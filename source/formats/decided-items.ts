/**
Every user's records (from the ledger port) folded into LabeledItems: one fold per user (the same
replay as a labeling session); with several users the team's final labels (core/agreement) decide.
Items are built one at a time as they are written, so an export holds the folds, not the output.
*/
import path from 'node:path';
import type {TeamMode} from '../core/agreement/consensus-rule.js';
import {type FinalLabel, finalLabels} from '../core/agreement/final-labels.js';
import {foldJournal} from '../core/fold.js';
import type {JournalRecord} from '../core/journal-record.js';
import type {Mutable} from '../core/mutable.js';
import {entries} from '../core/persistent-map.js';
import {type Decision, initialState} from '../core/session-state.js';
import type {UserRecords} from '../ledger/ledger.js';
import {readKnownHashes} from './known-hashes.js';
import {type HistoryEntry, type LabeledItem, type Vote, voteFor} from './labeled-item.js';

export type DecidedItems = {
	readonly count: number;
	/** Decided items left out so far: with several users, those without a final label yet. */
	readonly notFinal: () => number;
	readonly users: readonly string[];
	/** The items sorted by path, built as they are asked for. */
	items(): AsyncGenerator<LabeledItem>;
};

type Note = Pick<Decision, 'label' | 'time' | 'via' | 'guess' | 'imported'>;

/** By assignment, in the order the spreads gave: an export makes one per decision. */
function entryOf(note: Note, user: string, origin: string): HistoryEntry {
	const {imported} = note;
	const entry: Mutable<HistoryEntry> = {
		label: note.label,
		annotator: imported?.annotator ?? user,
		origin,
		decidedAt: note.time,
	};
	if (note.guess) entry.guess = note.guess;
	if (imported?.confidence !== undefined) entry.confidence = imported.confidence;
	if (imported?.origin) entry.sourceOrigin = imported.origin;
	return entry;
}

type UserFold = {
	readonly user: string;
	readonly final: ReadonlyMap<string, Decision>;
	readonly moved: ReadonlyMap<string, string>;
	/** Standing decide records per path before the final one: only for items decided twice. */
	readonly earlier: ReadonlyMap<string, HistoryEntry[]>;
};

function earlierDecisions(
	records: readonly JournalRecord[],
	final: ReadonlyMap<string, Decision>,
	user: string,
): Map<string, HistoryEntry[]> {
	const undone = new Set<number>();
	for (const record of records) {
		if (record.op === 'undo') {
			undone.add(record.target);
		}
	}

	const earlier = new Map<string, HistoryEntry[]>();
	for (const record of records) {
		const last = record.op === 'decide' ? final.get(record.path) : undefined;
		if (record.op !== 'decide' || !last || record.seq >= last.seq || undone.has(record.seq)) {
			continue;
		}

		const list = earlier.get(record.path) ?? [];
		list.push(entryOf(record, user, record.via));
		earlier.set(record.path, list);
	}

	return earlier;
}

function foldUser(classes: readonly string[], {user, records}: UserRecords): UserFold {
	const folded = foldJournal(initialState(classes), records);
	const final = new Map(entries(folded.state.decisions));
	const moved = new Map(entries(folded.state.moved));
	return {user, final, moved, earlier: earlierDecisions(records, final, user)};
}

/** The dataset's decided items, from every user's records, sorted by path. */
export async function decidedItems(
	dir: string,
	classes: readonly string[],
	journals: readonly UserRecords[],
	mode: TeamMode = {kind: 'exclusive'},
): Promise<DecidedItems> {
	// With several people, the team's one rule decides (settled or adjudicated items only).
	const finals: ReadonlyMap<string, FinalLabel> | undefined =
		journals.length > 1 ? finalLabels(journals, mode) : undefined;
	let notFinal = 0;
	const folds = journals.map((journal) => foldUser(classes, journal));
	const single = folds.length === 1 ? folds[0] : undefined;
	const paths = single
		? [...single.final.keys()]
		: [...new Set(folds.flatMap((fold) => [...fold.final.keys()]))];
	paths.sort();
	const hashes = await readKnownHashes(dir);
	// Journal paths are relative with `/`, or absolute (a file moved out of the folder).
	const absolute = (itemPath: string) =>
		path.isAbsolute(itemPath)
			? itemPath
			: path.sep === '/'
				? `${dir}/${itemPath}`
				: path.join(dir, ...itemPath.split('/'));

	function itemOf(itemPath: string): LabeledItem | undefined {
		const votes: Vote[] = [];
		const history: HistoryEntry[] = [];
		let movedTo: string | undefined;
		let decision: Decision | undefined;
		for (const fold of folds) {
			const mine = fold.final.get(itemPath);
			if (mine) {
				const entry = entryOf(mine, fold.user, mine.copyOf === undefined ? mine.via : 'copy');
				votes.push({user: fold.user, entry});
				const earlier = fold.earlier.get(itemPath);
				if (earlier) {
					history.push(...earlier);
				}

				history.push(entry);
				movedTo ??= fold.moved.get(itemPath);
				decision ??= mine;
			}
		}

		// A team's commit is journaled by whoever ran it, voter or not.
		for (const fold of folds) {
			movedTo ??= fold.moved.get(itemPath);
		}

		const final = finals?.get(itemPath);
		const label = finals ? final?.label : votes[0]?.entry.label;
		const winner = label === undefined ? undefined : voteFor(votes, label, final?.adjudicator);
		if (!winner || !decision) {
			notFinal++;
			return undefined;
		}

		const sha1 = hashes.get(itemPath, decision.size, decision.mtimeMs);
		if (history.length > 1) {
			history.sort((left, right) => left.decidedAt.localeCompare(right.decidedAt));
		}

		const votesByUser: Record<string, string> = {};
		for (const vote of votes) {
			votesByUser[vote.user] = vote.entry.label;
		}

		const item: Mutable<LabeledItem> = {
			path: itemPath,
			absolutePath: absolute(movedTo ?? itemPath),
		} as Mutable<LabeledItem>;
		if (sha1) item.sha1 = sha1;
		item.label = winner.entry.label;
		item.annotator = winner.entry.annotator;
		item.confidence = final?.confidence ?? winner.entry.confidence ?? 1;
		item.origin = final?.how === 'adjudicated' ? 'adjudicated' : winner.entry.origin;
		item.decidedAt = winner.entry.decidedAt;
		item.votes = votesByUser;
		item.history = history;
		if (winner.entry.guess) item.guess = winner.entry.guess;
		return item;
	}

	return {
		count: paths.length,
		notFinal: () => notFinal,
		users: folds.map((fold) => fold.user),
		async *items() {
			for (const itemPath of paths) {
				const item = itemOf(itemPath);
				if (item) {
					yield item;
				}
			}
		},
	};
}

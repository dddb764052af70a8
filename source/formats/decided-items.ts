/**
Folds every user's journal of a dataset into LabeledItems: one fold per journal (the same replay
as a labeling session), then one final label per item from the users' votes (consensusOf).
*/
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {foldJournal} from '../core/fold.js';
import type {JournalRecord} from '../core/journal-record.js';
import {entries} from '../core/persistent-map.js';
import {type Decision, initialState} from '../core/session-state.js';
import {checkCachePath, openCheckCache} from '../scan/check-cache.js';
import {resolveRecordPath} from '../store/commit/paths.js';
import {errorCode} from '../store/fs-errors.js';
import {readJournalFile} from '../store/journal-file.js';
import {journalDir} from '../store/paths.js';
import {consensusOf, type HistoryEntry, type LabeledItem, type Vote} from './labeled-item.js';

export type DecidedItems = {
	/** Sorted by path. */
	readonly items: readonly LabeledItem[];
	readonly users: readonly string[];
	readonly warnings: readonly string[];
};

function entryOf(decision: Decision, user: string): HistoryEntry {
	return {
		label: decision.label,
		annotator: decision.imported?.annotator ?? user,
		origin: decision.copyOf === undefined ? decision.via : 'copy',
		decidedAt: decision.time,
		...(decision.guess ? {guess: decision.guess} : {}),
		...(decision.imported?.confidence === undefined
			? {}
			: {confidence: decision.imported.confidence}),
		...(decision.imported?.origin ? {sourceOrigin: decision.imported.origin} : {}),
	};
}

/** The users whose journals a dataset holds (file names without `.jsonl`). */
export async function journalUsers(dir: string): Promise<string[]> {
	try {
		const names = await readdir(journalDir(dir));
		return names
			.filter((name) => name.endsWith('.jsonl'))
			.map((name) => name.slice(0, -'.jsonl'.length))
			.sort();
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return [];
		}

		throw error;
	}
}

type UserFold = {
	readonly final: Map<string, Decision>;
	readonly moved: Map<string, string>;
	/** Standing decide records per path, before the final one. */
	readonly earlier: Map<string, HistoryEntry[]>;
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
		list.push({
			label: record.label,
			annotator: record.imported?.annotator ?? user,
			origin: record.via,
			decidedAt: record.time,
			...(record.guess ? {guess: record.guess} : {}),
			...(record.imported?.confidence === undefined
				? {}
				: {confidence: record.imported.confidence}),
			...(record.imported?.origin ? {sourceOrigin: record.imported.origin} : {}),
		});
		earlier.set(record.path, list);
	}

	return earlier;
}

async function foldUser(
	dir: string,
	classes: readonly string[],
	user: string,
	warnings: string[],
): Promise<UserFold> {
	const file = path.join(journalDir(dir), `${user}.jsonl`);
	const journal = await readJournalFile(file);
	const lineOf = (index: number) => journal.recordLines?.[index] ?? index + 1;
	const folded = foldJournal(initialState(classes), journal.records, lineOf);
	const skipped = journal.problems.length + folded.rejected.length;
	if (skipped > 0) {
		warnings.push(`${file}: ${skipped} line(s) skipped; run imgsift status for details`);
	}

	const final = new Map(entries(folded.state.decisions));
	const moved = new Map(entries(folded.state.moved));
	return {final, moved, earlier: earlierDecisions(journal.records, final, user)};
}

/** Every decided item of the dataset with its votes and history, sorted by path. */
export async function readDecidedItems(
	dir: string,
	classes: readonly string[],
): Promise<DecidedItems> {
	const users = await journalUsers(dir);
	const warnings: string[] = [];
	const folds = new Map<string, UserFold>();
	for (const user of users) {
		folds.set(user, await foldUser(dir, classes, user, warnings));
	}

	const paths = new Set<string>();
	for (const fold of folds.values()) {
		for (const key of fold.final.keys()) {
			paths.add(key);
		}
	}

	const cache = await openCheckCache(checkCachePath(dir));
	const items: LabeledItem[] = [];
	for (const itemPath of [...paths].sort()) {
		const votes: Vote[] = [];
		const history: HistoryEntry[] = [];
		let movedTo: string | undefined;
		for (const [user, fold] of folds) {
			const decision = fold.final.get(itemPath);
			if (decision) {
				const entry = entryOf(decision, user);
				votes.push({user, entry});
				history.push(...(fold.earlier.get(itemPath) ?? []), entry);
				movedTo ??= fold.moved.get(itemPath);
			}
		}

		const chosen = consensusOf(votes);
		if (!chosen) {
			continue;
		}

		const {winner, agreeing} = chosen;
		const decision = folds.get(winner.user)?.final.get(itemPath);
		const sha1 = decision && cache.get(itemPath, decision.size, decision.mtimeMs)?.sha1;
		history.sort((left, right) => left.decidedAt.localeCompare(right.decidedAt));
		items.push({
			path: itemPath,
			absolutePath: resolveRecordPath(dir, movedTo ?? itemPath),
			...(sha1 ? {sha1} : {}),
			label: winner.entry.label,
			annotator: winner.entry.annotator,
			confidence: winner.entry.confidence ?? agreeing / votes.length,
			origin: winner.entry.origin,
			decidedAt: winner.entry.decidedAt,
			votes: Object.fromEntries(votes.map((vote) => [vote.user, vote.entry.label])),
			history,
			...(winner.entry.guess ? {guess: winner.entry.guess} : {}),
		});
	}

	return {items, users, warnings};
}

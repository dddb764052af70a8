/**
Imported labels as decide records (via `import`): planned against the current decisions, then
written to the ledger in chunks, each chunk in one write. The records are built, not folded: the
import exits after writing them, and the ledger's snapshot folds them once at close.
*/
import {type Stats, statSync} from 'node:fs';
import path from 'node:path';
import type {ImportNote, JournalRecord} from '../core/journal-record.js';
import {decideRecord} from '../core/labeling-steps.js';
import {decisionOf, type SessionState} from '../core/session-state.js';
import type {HumanLabel} from '../formats/format-types.js';
import type {Ledger} from '../ledger/ledger.js';
import type {ItemWord} from './import-match.js';

export type Conflict = {
	readonly path: string;
	readonly existing: string;
	readonly imported: string;
};

export type AppliedLabels = {
	decided: number;
	replaced: number;
	unchanged: number;
	readonly conflicts: Conflict[];
	/** Matched files that vanished before their record was written. */
	readonly gone: string[];
};

/** Records per ledger write: big enough to be fast, small enough that a kill loses little. */
const chunkRecords = 5000;

/**
`statSync`: an import is a batch with nothing else to do meanwhile, and at 100k files the sync
call costs 0.24 s of CPU against 0.59 s for the callback `stat` (and 3.6 s for `fs/promises`).
*/
function statOrNothing(file: string): Stats | undefined {
	try {
		return statSync(file, {throwIfNoEntry: false});
	} catch {
		return undefined;
	}
}

async function appendAll(ledger: Ledger, records: readonly JournalRecord[]): Promise<void> {
	if (ledger.appendMany) {
		await ledger.appendMany(records);
		return;
	}

	for (const record of records) {
		await ledger.append(record);
	}
}

/**
Built by assignment, not by spreading `{...(a ? {a} : {})}`: V8 gave each spread-built note a
property array and two hidden classes of its own, 22 MB of a 100k-item import's heap.
*/
function newNote({annotator, confidence, origin}: HumanLabel): ImportNote {
	const note: {annotator?: string; confidence?: number; origin?: string} = {};
	if (annotator) {
		note.annotator = annotator;
	}

	if (confidence !== undefined) {
		note.confidence = confidence;
	}

	if (origin) {
		note.origin = origin;
	}

	return note;
}

/** One note object per distinct note: an import from one tool repeats a handful of them. */
function noteMaker(): (human: HumanLabel) => ImportNote {
	const made = new Map<string, ImportNote>();
	return (human) => {
		const key = `${human.annotator ?? ''}\0${human.confidence ?? ''}\0${human.origin ?? ''}`;
		let note = made.get(key);
		if (note === undefined) {
			note = newNote(human);
			// Only while few: notes that differ per item (a confidence each) gain nothing here.
			if (made.size < 1000) {
				made.set(key, note);
			}
		}

		return note;
	};
}

type Planned = {path: string; human: HumanLabel; replaces: boolean};

/**
Plans each matched item against the current decisions and writes the records a chunk at a time.
`words` is consumed: each entry is deleted once planned, so at 100k items the words (and no list of
what to do) are let go as their records are written, not held until the end.
*/
export async function applyImportedLabels(options: {
	readonly dir: string;
	readonly ledger: Ledger;
	readonly state: SessionState;
	readonly words: Map<string, ItemWord>;
	readonly classes: readonly string[];
	readonly preferImport: boolean;
}): Promise<AppliedLabels> {
	const {dir, ledger, words, classes, preferImport} = options;
	const applied: AppliedLabels = {decided: 0, replaced: 0, unchanged: 0, conflicts: [], gone: []};
	// A matched path is a clean relative POSIX path: on POSIX, joining is gluing (path.join was a
	// twentieth of an import's time).
	const fileOf =
		path.sep === '/'
			? (itemPath: string) => `${dir}/${itemPath}`
			: (itemPath: string) => path.join(dir, ...itemPath.split('/'));
	const time = new Date().toISOString();
	let seq = options.state.lastSeq;
	const noteOf = noteMaker();
	const write = async (chunk: readonly Planned[]) => {
		const records: JournalRecord[] = [];
		for (const entry of chunk) {
			const found = statOrNothing(fileOf(entry.path));
			if (!found) {
				applied.gone.push(entry.path);
				continue;
			}

			const item = {path: entry.path, size: found.size, mtimeMs: found.mtimeMs};
			const {label} = entry.human;
			seq++;
			records.push(
				decideRecord(seq, {time, item, label, ms: 0, imported: noteOf(entry.human)}, 'import'),
			);
			applied[entry.replaces ? 'replaced' : 'decided']++;
		}

		await appendAll(ledger, records);
	};

	let chunk: Planned[] = [];
	for (const [itemPath, {human}] of words) {
		words.delete(itemPath);
		if (!human || !classes.includes(human.label)) {
			continue;
		}

		const existing = decisionOf(options.state, itemPath);
		if (existing?.label === human.label) {
			applied.unchanged++;
		} else if (existing && !preferImport) {
			applied.conflicts.push({path: itemPath, existing: existing.label, imported: human.label});
		} else {
			chunk.push({path: itemPath, human, replaces: existing !== undefined});
			if (chunk.length === chunkRecords) {
				await write(chunk);
				chunk = [];
			}
		}
	}

	await write(chunk);
	return applied;
}

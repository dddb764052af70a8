import {type ImportNote, isImportNote} from './import-note.js';

export type {ImportNote} from './import-note.js';

/**
Journal records: one JSON object per line in `.labels/journal/<user>.jsonl`.
The journal is the only source of truth for decisions; state is a fold of these records.
*/
export const journalVersion = 1;

type RecordBase = {
	/** Format version. */
	readonly v: 1;
	/** Strictly increasing within one journal. */
	readonly seq: number;
	/** ISO 8601 time of the record. */
	readonly time: string;
};

export type ItemStat = {
	/** Path relative to the dataset folder, with `/` separators. */
	readonly path: string;
	readonly size: number;
	readonly mtimeMs: number;
};

export type Guess = {
	readonly label: string;
	readonly confidence: number;
	readonly source: string;
};

export type DecideRecord = RecordBase &
	ItemStat & {
		readonly op: 'decide';
		readonly label: string;
		/** Milliseconds the image was on screen before the decision. */
		readonly ms: number;
		/** `key` for a class key, `guess` when the model's guess was accepted, `import` from a file. */
		readonly via: 'key' | 'guess' | 'import';
		readonly guess?: Guess;
		readonly imported?: ImportNote; // only with via 'import'
		/** Set when an adjudicator settled a contested item: final, whatever the votes say. */
		readonly origin?: 'adjudicated';
	};

export type SkipRecord = RecordBase &
	ItemStat & {
		readonly op: 'skip';
		readonly ms: number;
	};

export type UndoRecord = RecordBase & {
	readonly op: 'undo';
	readonly path: string;
	/** The seq of the decide or skip record this undoes. */
	readonly target: number;
};

export type MovedRecord = RecordBase & {
	readonly op: 'moved';
	readonly path: string;
	/** Where the file went, relative to the dataset folder when inside it, else absolute. */
	readonly to: string;
	readonly label: string;
};

export type RestoredRecord = RecordBase & {
	readonly op: 'restored';
	readonly path: string;
	/** Where the file was before it was moved back to `path`. */
	readonly from: string;
};

/** An item set aside as not a usable image (found by the hygiene feed); never shown. */
export type BrokenRecord = RecordBase &
	ItemStat & {
		readonly op: 'broken';
		/** A stable code from the check (`truncated`, `corrupt`, …). */
		readonly reason: string;
		/** What is wrong, in a few words. */
		readonly detail: string;
	};

/** An exact copy (same SHA-1) of `of`, decided with `of`'s label; undone with `of`'s decision. */
export type CopyRecord = RecordBase &
	ItemStat & {
		readonly op: 'copy';
		readonly of: string;
		readonly label: string;
	};

export type ReopenReason = 'changed' | 'missing';

/**
A decision set aside by a commit, since its file changed or vanished after it was decided: the
item is undecided again (and no longer skipped). Written by the commit, never by a key.
*/
export type ReopenRecord = RecordBase & {
	readonly op: 'reopen';
	readonly path: string;
	readonly reason: ReopenReason;
	/** The file's size and mtime when the commit found it changed; absent when it is missing. */
	readonly size?: number;
	readonly mtimeMs?: number;
};

export type SessionRecord = RecordBase & {
	readonly op: 'session';
	readonly user: string;
	readonly host: string;
	readonly pid: number;
};

export type JournalRecord =
	| DecideRecord
	| SkipRecord
	| UndoRecord
	| MovedRecord
	| RestoredRecord
	| BrokenRecord
	| CopyRecord
	| ReopenRecord
	| SessionRecord;

export type JournalProblem = {
	/** 1-based line number in the journal file. */
	readonly line: number;
	readonly reason: string;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0;

function hasItemStat(value: Record<string, unknown>): boolean {
	return isText(value['path']) && isCount(value['size']) && isCount(value['mtimeMs']);
}

function isGuess(value: unknown): value is Guess {
	return (
		isObject(value) &&
		isText(value['label']) &&
		isCount(value['confidence']) &&
		isText(value['source'])
	);
}

/** Why a parsed value is not a valid record, or undefined when it is one. */
export function recordProblem(value: unknown): string | undefined {
	if (!isObject(value)) {
		return 'not a JSON object';
	}

	if (value['v'] !== journalVersion) {
		return `unknown journal version ${JSON.stringify(value['v'])}`;
	}

	if (!Number.isSafeInteger(value['seq']) || (value['seq'] as number) < 1) {
		return 'missing or invalid seq';
	}

	if (!isText(value['time'])) {
		return 'missing time';
	}

	switch (value['op']) {
		case 'decide': {
			const valid =
				hasItemStat(value) &&
				isText(value['label']) &&
				isCount(value['ms']) &&
				(value['via'] === 'key' || value['via'] === 'guess' || value['via'] === 'import') &&
				(value['guess'] === undefined || isGuess(value['guess'])) &&
				(value['imported'] === undefined || isImportNote(value['imported'])) &&
				(value['origin'] === undefined || value['origin'] === 'adjudicated');
			return valid ? undefined : 'decide record is missing fields';
		}

		case 'skip': {
			return hasItemStat(value) && isCount(value['ms'])
				? undefined
				: 'skip record is missing fields';
		}

		case 'undo': {
			return isText(value['path']) && Number.isSafeInteger(value['target'])
				? undefined
				: 'undo record is missing fields';
		}

		case 'moved': {
			return isText(value['path']) && isText(value['to']) && isText(value['label'])
				? undefined
				: 'moved record is missing fields';
		}

		case 'restored': {
			return isText(value['path']) && isText(value['from'])
				? undefined
				: 'restored record is missing fields';
		}

		case 'broken': {
			return hasItemStat(value) && isText(value['reason']) && typeof value['detail'] === 'string'
				? undefined
				: 'broken record is missing fields';
		}

		case 'copy': {
			return hasItemStat(value) && isText(value['of']) && isText(value['label'])
				? undefined
				: 'copy record is missing fields';
		}

		case 'reopen': {
			const valid =
				isText(value['path']) &&
				(value['reason'] === 'changed' || value['reason'] === 'missing') &&
				(value['size'] === undefined || isCount(value['size'])) &&
				(value['mtimeMs'] === undefined || isCount(value['mtimeMs']));
			return valid ? undefined : 'reopen record is missing fields';
		}

		case 'session': {
			return isText(value['user']) && typeof value['host'] === 'string' && isCount(value['pid'])
				? undefined
				: 'session record is missing fields';
		}

		default: {
			return `unknown operation ${JSON.stringify(value['op'])}`;
		}
	}
}

export type ParsedJournal = {
	readonly records: readonly JournalRecord[];
	readonly problems: readonly JournalProblem[];
	/** The 1-based line of each record, by index: a record's place once bad lines were skipped. */
	readonly recordLines?: readonly number[];
	/** True when the last line had no newline and did not parse: a write cut short by a kill. */
	readonly tornTail: boolean;
};

/**
Parses journal text. A torn last line (no trailing newline, not a whole record) is dropped quietly,
since a kill mid-write leaves exactly that; an invalid line elsewhere is reported and skipped.
*/
export function parseJournal(text: string): ParsedJournal {
	const records: JournalRecord[] = [];
	const recordLines: number[] = [];
	const problems: JournalProblem[] = [];
	let tornTail = false;
	const lines = text.split('\n');
	const endsWithNewline = text.endsWith('\n');
	for (const [index, line] of lines.entries()) {
		if (line.trim() === '') {
			continue;
		}

		// A last line without its newline was cut short by a kill mid-write: drop it quietly, unless
		// it is a whole record (only its newline missing), which the writer keeps too.
		const isTornCandidate = index === lines.length - 1 && !endsWithNewline;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			if (isTornCandidate) {
				tornTail = true;
			} else {
				problems.push({line: index + 1, reason: 'not valid JSON'});
			}

			continue;
		}

		const problem = recordProblem(value);
		if (problem === undefined) {
			records.push(value as JournalRecord);
			recordLines.push(index + 1);
		} else if (isTornCandidate) {
			tornTail = true;
		} else {
			problems.push({line: index + 1, reason: problem});
		}
	}

	return {records, problems, recordLines, tornTail};
}

export function serializeRecord(record: JournalRecord): string {
	return `${JSON.stringify(record)}\n`;
}

/** Reading and writing journal lines: validation of each record, and the torn-tail rule. */
import {isDecisionOrigin} from './decision-origin.js';
import {isImportNote} from './import-note.js';
import type {Guess, JournalRecord} from './journal-record.js';
import {journalVersion} from './journal-version.js';

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
	return (
		isText(value['path']) &&
		isCount(value['size']) &&
		isCount(value['mtimeMs']) &&
		(value['ctimeMs'] === undefined || isCount(value['ctimeMs'])) &&
		(value['ino'] === undefined || isCount(value['ino']))
	);
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
				(value['origin'] === undefined ||
					value['origin'] === 'adjudicated' ||
					isDecisionOrigin(value['origin']));
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

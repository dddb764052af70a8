/** Reading journals without a lock: one user's (status) or everyone's (readAll, export). */
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {errorCode} from '../../shared/fs-errors.js';
import {journalDir, journalPath, userOfJournal} from '../../store/paths.js';
import type {LedgerReplay, UserJournal, UserRecords} from '../ledger.js';
import {readJournalFile} from './journal-file.js';
import {eachJournalRecord} from './journal-stream.js';

/** Reads one user's journal as the fold needs it, without the lock (for status and export). */
export async function readUserJournal(dataset: string, user: string): Promise<LedgerReplay> {
	const journal = await readJournalFile(journalPath(dataset, user));
	return {
		records: journal.records,
		problems: journal.problems,
		warnings: [],
		// A record's own line, not its index: they differ once a bad line came before it.
		lineOf: (index) => journal.recordLines?.[index] ?? index + 1,
	};
}

/** The journal files in the dataset, by user, sorted by user. */
async function journalFiles(dataset: string): Promise<{user: string; file: string}[]> {
	let names: string[];
	try {
		names = await readdir(journalDir(dataset));
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return [];
		}

		throw error;
	}

	// Each file as listed: a name written by hand or by an older imgsift is read as it is.
	const journals = names.flatMap((name) => {
		const user = userOfJournal(name);
		return user === undefined ? [] : [{user, file: path.join(journalDir(dataset), name)}];
	});
	return journals.sort((left, right) =>
		left.user < right.user ? -1 : left.user > right.user ? 1 : 0,
	);
}

/** Who has a journal in the dataset, without reading any: the users readAllJournals returns. */
export async function journalUsers(dataset: string): Promise<string[]> {
	return (await journalFiles(dataset)).map(({user}) => user);
}

/** Every journal in the dataset, by user (the file name, less `.jsonl`). */
export async function readAllJournals(dataset: string): Promise<UserRecords[]> {
	return Promise.all(
		(await journalFiles(dataset)).map(async ({user, file}) => ({
			user,
			records: (await readJournalFile(file)).records,
		})),
	);
}

/** The same, one journal at a time, each streamed: no journal is held whole. */
export async function* eachJournal(dataset: string): AsyncGenerator<UserJournal> {
	for (const {user, file} of await journalFiles(dataset)) {
		yield {user, forEachRecord: (onRecord) => eachJournalRecord(file, onRecord)};
	}
}

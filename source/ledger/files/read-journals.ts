/** Reading journals without a lock: one user's (status) or everyone's (readAll, export). */
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {errorCode} from '../../shared/fs-errors.js';
import {journalDir, journalPath} from '../../store/paths.js';
import type {LedgerReplay, UserRecords} from '../ledger.js';
import {readJournalFile} from './journal-file.js';

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

/** Every journal in the dataset, by user (the file name, less `.jsonl`). */
export async function readAllJournals(dataset: string): Promise<UserRecords[]> {
	let names: string[];
	try {
		names = await readdir(journalDir(dataset));
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return [];
		}

		throw error;
	}

	const users = names.filter((name) => name.endsWith('.jsonl')).map((name) => name.slice(0, -6));
	return Promise.all(
		users.sort().map(async (user) => ({
			user,
			records: (await readJournalFile(path.join(journalDir(dataset), `${user}.jsonl`))).records,
		})),
	);
}

import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {errorCode} from '../../store/fs-errors.js';
import {readJournalFile} from '../../store/journal-file.js';
import type {UserRecords} from '../ledger.js';

/** Every user's journal in `folder` (`<user>.jsonl`), sorted by user. */
export async function readAllJournals(folder: string): Promise<readonly UserRecords[]> {
	let names: string[];
	try {
		names = (await readdir(folder)).filter((name) => name.endsWith('.jsonl')).sort();
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return [];
		}

		throw error;
	}

	const all: UserRecords[] = [];
	for (const name of names) {
		const journal = await readJournalFile(path.join(folder, name));
		all.push({user: name.slice(0, -'.jsonl'.length), records: journal.records});
	}

	return all;
}

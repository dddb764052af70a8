/**
Every user's journal records, for status, consensus and export. Until the ledger's `readAll()` is
wired here, this reads `.labels/journal/<user>.jsonl` for each user directly.
*/
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import type {RecordsOfUser} from '../core/agreement/votes.js';
import {readJournalFile} from '../ledger/files/journal-file.js';
import {describeFsError, errorCode} from '../shared/fs-errors.js';
import {UserError} from '../shared/user-error.js';
import {journalDir} from '../store/paths.js';

/** The users who have a journal in the folder, by file name stem, sorted. */
export async function journalUsers(dir: string): Promise<string[]> {
	const folder = journalDir(dir);
	try {
		const names = await readdir(folder);
		return names
			.filter((name) => name.endsWith('.jsonl'))
			.map((name) => name.slice(0, -'.jsonl'.length))
			.sort();
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return [];
		}

		throw new UserError(
			`could not list the journals in ${folder}: ${describeFsError(error)}. Check that the folder is readable for you.`,
			{cause: error},
		);
	}
}

/** Reads every user's journal; damaged lines are left out (each user's own status reports them). */
export async function readTeamRecords(dir: string): Promise<RecordsOfUser[]> {
	const users = await journalUsers(dir);
	const folder = journalDir(dir);
	return Promise.all(
		users.map(async (user) => ({
			user,
			records: (await readJournalFile(path.join(folder, `${user}.jsonl`))).records,
		})),
	);
}

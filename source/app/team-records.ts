/**
Every user's records, for status, consensus and export: the ledger's read of all journals, with a
failure worded for a person.
*/
import type {RecordsOfUser} from '../core/agreement/votes.js';
import {readAllJournals} from '../ledger/files/read-journals.js';
import {describeFsError} from '../shared/fs-errors.js';
import {UserError} from '../shared/user-error.js';
import {journalDir} from '../store/paths.js';

export async function readTeamRecords(dir: string): Promise<readonly RecordsOfUser[]> {
	try {
		return await readAllJournals(dir);
	} catch (error) {
		if (error instanceof UserError) {
			throw error;
		}

		throw new UserError(
			`could not read the journals in ${journalDir(dir)}: ${describeFsError(error)}. Check that the folder and its files are readable for you (a team shares one group: see the README).`,
			{cause: error},
		);
	}
}

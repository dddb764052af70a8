/**
Every user's records, for status, consensus and export: the ledger's read of all journals, with a
failure worded for a person.
*/
import type {RecordsOfUser} from '../core/agreement/votes.js';
import {readAllJournals} from '../ledger/files/read-journals.js';
import {describeFsError} from '../shared/fs-errors.js';
import {UserError} from '../shared/user-error.js';
import {journalDir} from '../store/paths.js';

/** From the journals in `dir`, or with `db` from the team's database. */
export async function readTeamRecords(
	dir: string,
	db?: string | undefined,
): Promise<readonly RecordsOfUser[]> {
	if (db !== undefined) {
		// pg loads only when asked for: status on a folder alone need not pay for it.
		const {readDatabaseRecords} = await import('../ledger/postgres/read-records.js');
		return readDatabaseRecords(db, dir);
	}

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

/**
Every user's records and live claims, for status, consensus and export: the ledger's read of all
journals and claims logs (or the team's database), with a failure worded for a person.
*/
import type {RecordsOfUser} from '../core/agreement/votes.js';
import {claimsDir, readLiveClaims} from '../ledger/files/claims-log.js';
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

/** Each user's number of live claims, from the claims logs in `dir` or the team's database. */
export async function readTeamClaims(
	dir: string,
	db?: string | undefined,
): Promise<ReadonlyMap<string, number>> {
	let claims: ReadonlyMap<string, readonly string[]>;
	if (db === undefined) {
		try {
			claims = await readLiveClaims(dir);
		} catch (error) {
			throw new UserError(
				`could not read the claims in ${claimsDir(dir)}: ${describeFsError(error)}. Check that the folder and its files are readable for you (a team shares one group: see the README).`,
				{cause: error},
			);
		}
	} else {
		const {readDatabaseClaims} = await import('../ledger/postgres/read-records.js');
		claims = await readDatabaseClaims(db, dir);
	}

	return new Map([...claims].map(([user, paths]) => [user, paths.length]));
}

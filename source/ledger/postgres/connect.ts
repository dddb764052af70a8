/** Opening the pool, checking the schema, and finding (or making) the dataset's row. */
import pg from 'pg';
import {UserError} from '../../shared/user-error.js';
import type {LabelingMode} from '../ledger.js';
import {neededVotes} from '../pick-items.js';
import {type DatabaseAddress, describeDatabaseError} from './database-url.js';
import {latestVersion, schemaVersion} from './migrations.js';

/** One connection per session: its operations run one at a time, so they never deadlock. */
export function createPool(address: DatabaseAddress, max = 1): pg.Pool {
	const pool = new pg.Pool({
		connectionString: address.url,
		max,
		connectionTimeoutMillis: 3000,
		query_timeout: 15_000,
		application_name: 'imgsift',
	});
	// An idle connection dropped by a server restart must not crash the session: the next query
	// fails, reports offline, and retries on a new connection.
	pool.on('error', () => undefined);
	// Nor may a checked-out one: the pool listens only to idle clients, and the server's goodbye
	// (57P01 on a restart) can arrive between queries. Failed queries still reject on their own.
	pool.on('connect', (client) => {
		client.on('error', () => undefined);
	});
	return pool;
}

export function unreachable(address: DatabaseAddress, error: unknown): UserError {
	return new UserError(
		`could not use the database at ${address.shown}: ${describeDatabaseError(error, address)}. Check the address, that the server runs and accepts you, then start again.`,
	);
}

/** Refuses, saying what to run, unless the schema is exactly the one this imgsift knows. */
export async function checkSchema(pool: pg.Pool, address: DatabaseAddress): Promise<void> {
	let version: number;
	try {
		version = await schemaVersion(pool);
	} catch (error) {
		throw unreachable(address, error);
	}

	if (version < latestVersion) {
		throw new UserError(
			`the database at ${address.shown} has imgsift schema version ${version}, and this imgsift needs version ${latestVersion}. Run: imgsift db migrate --db ${address.shown} (with the password in IMGSIFT_DATABASE_URL or ~/.pgpass), then start again.`,
		);
	}

	if (version > latestVersion) {
		throw new UserError(
			`the database at ${address.shown} has imgsift schema version ${version}, newer than this imgsift knows (${latestVersion}). Update imgsift on this machine.`,
		);
	}
}

/** The dataset's id; refuses a mode other than the one the dataset was started with. */
export async function datasetRow(
	pool: pg.Pool,
	address: DatabaseAddress,
	key: string,
	mode: LabelingMode,
): Promise<string> {
	const wanted = neededVotes(mode);
	let row: {id: string; votes_needed: number} | undefined;
	try {
		const result = await pool.query<{id: string; votes_needed: number}>(
			`INSERT INTO imgsift_datasets (key, votes_needed) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id, votes_needed`,
			[key, wanted],
		);
		row = result.rows[0];
	} catch (error) {
		throw unreachable(address, error);
	}

	if (row === undefined) {
		throw new UserError(`the database at ${address.shown} did not return the dataset ${key}.`);
	}

	if (row.votes_needed !== wanted) {
		const was = row.votes_needed === 1 ? 'exclusive mode' : `--overlap ${row.votes_needed}`;
		throw new UserError(
			`${key} is labeled in ${was} in the database at ${address.shown}; start this session the same way (${row.votes_needed === 1 ? 'without --overlap' : `--overlap ${row.votes_needed}`}).`,
		);
	}

	return row.id;
}

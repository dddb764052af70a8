/** One dataset's records and claims, read from the team's database without opening a session. */
import type {JournalRecord} from '../../core/journal-record.js';
import type {UserRecords} from '../ledger.js';
import {checkSchema, createPool, unreachable} from './connect.js';
import {parseDatabaseUrl} from './database-url.js';
import {listClaims} from './seats-sql.js';

export async function readDatabaseRecords(url: string, dataset: string): Promise<UserRecords[]> {
	const address = parseDatabaseUrl(url);
	const pool = createPool(address);
	try {
		await checkSchema(pool, address);
		const result = await pool
			.query<{user_name: string; record: JournalRecord}>(
				`SELECT r.user_name, r.record FROM imgsift_records r
				JOIN imgsift_datasets d ON d.id = r.dataset_id
				WHERE d.key = $1 ORDER BY r.user_name, r.seq`,
				[dataset],
			)
			.catch((error: unknown) => {
				throw unreachable(address, error);
			});
		const byUser = new Map<string, JournalRecord[]>();
		for (const row of result.rows) {
			const records = byUser.get(row.user_name) ?? [];
			records.push(row.record);
			byUser.set(row.user_name, records);
		}

		return [...byUser].map(([user, records]) => ({user, records}));
	} finally {
		await pool.end().catch(() => undefined);
	}
}

/** Every user's live claims on one dataset (none when the dataset is not in the database yet). */
export async function readDatabaseClaims(
	url: string,
	dataset: string,
): Promise<Map<string, string[]>> {
	const address = parseDatabaseUrl(url);
	const pool = createPool(address);
	try {
		await checkSchema(pool, address);
		const found = await pool
			.query<{id: string}>('SELECT id FROM imgsift_datasets WHERE key = $1', [dataset])
			.catch((error: unknown) => {
				throw unreachable(address, error);
			});
		const id = found.rows[0]?.id;
		return id === undefined
			? new Map()
			: await listClaims(pool, id).catch((error: unknown) => {
					throw unreachable(address, error);
				});
	} finally {
		await pool.end().catch(() => undefined);
	}
}

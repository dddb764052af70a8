/** The team bench's look at PostgreSQL: a fresh migrated database, and what a run left in it. */
import pg from 'pg';
import type {UserRecords} from '../source/ledger/ledger.js';
import {migrate} from '../source/ledger/postgres/migrations.js';
import type {TestPostgres} from '../tests/helpers/postgres.js';

export async function freshDatabase(server: TestPostgres): Promise<string> {
	const url = await server.newDatabase();
	const client = new pg.Client({connectionString: url});
	await client.connect();
	await migrate(client).finally(() => client.end());
	return url;
}

export type DatabaseRun = {
	readonly all: UserRecords[];
	/**
	Per decision, from the keypress (the record's time) to the database storing it (`received_at`,
	its transaction's start): the sync the keypress does not wait for.
	*/
	readonly syncLags: number[];
	/** Late votes the database refused, as their item had been decided by someone else. */
	readonly refused: number;
};

export async function readDatabase(url: string, dataset: string): Promise<DatabaseRun> {
	const client = new pg.Client({connectionString: url});
	await client.connect();
	try {
		const rows = await client.query<{
			user_name: string;
			record: UserRecords['records'][number];
			lag: number;
		}>(
			`SELECT r.user_name, r.record,
				extract(epoch FROM r.received_at - (r.record->>'time')::timestamptz) * 1000 AS lag
			FROM imgsift_records r JOIN imgsift_datasets d ON d.id = r.dataset_id
			WHERE d.key = $1 ORDER BY r.user_name, r.seq`,
			[dataset],
		);
		const byUser = new Map<string, UserRecords['records'][number][]>();
		const syncLags: number[] = [];
		for (const row of rows.rows) {
			byUser.set(row.user_name, [...(byUser.get(row.user_name) ?? []), row.record]);
			if (row.record.op === 'decide') syncLags.push(Number(row.lag));
		}

		const refused = await client.query<{count: string}>(
			`SELECT count(*) AS count FROM imgsift_refused r JOIN imgsift_datasets d ON d.id = r.dataset_id
			WHERE d.key = $1`,
			[dataset],
		);
		return {
			all: [...byUser].map(([user, records]) => ({user, records})),
			syncLags,
			refused: Number(refused.rows[0]?.count ?? 0),
		};
	} finally {
		await client.end();
	}
}

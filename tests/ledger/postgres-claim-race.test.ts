/**
Two claims at once on PostgreSQL: a claim skips seats another claim has locked but not committed,
and with them the rest of that item. It must not come back empty while seats are left for it, since
an empty claim means "nothing left" to a labeler (who stops) and the item ends up short of votes.
*/
import assert from 'node:assert/strict';
import test from 'node:test';
import pg from 'pg';
import {migrate} from '../../source/ledger/postgres/migrations.js';
import {claimSeats, offerItems} from '../../source/ledger/postgres/seats-sql.js';
import {startTestPostgres} from '../helpers/postgres.js';

const server = await startTestPostgres();
const leaseMs = 60_000;

test('a claim racing another claim on the same item still gets its free seat', {
	skip: typeof server === 'string' ? server : false,
}, async (t) => {
	if (typeof server === 'string') return;
	const url = await server.newDatabase();
	const db = new pg.Pool({connectionString: url, max: 2});
	const racer = new pg.Client({connectionString: url});
	// One hook, in order: hooks run first-registered first, and the server must go last.
	t.after(async () => {
		await racer.end();
		await db.end();
		await server.close();
	});
	await racer.connect();
	const admin = await db.connect();
	await migrate(admin).finally(() => admin.release());
	const dataset = await db.query<{id: string}>(
		`INSERT INTO imgsift_datasets (key, votes_needed) VALUES ('race', 3) RETURNING id`,
	);
	const datasetId = dataset.rows[0]?.id ?? assert.fail('no dataset row');
	await offerItems(db, datasetId, ['only.jpg'], 3);

	// ann's claim, in flight: it has locked seat 0 and not committed yet.
	await racer.query('BEGIN');
	await racer.query(
		`UPDATE imgsift_seats SET user_name = 'ann', expires_at = now() + interval '1 minute'
		WHERE dataset_id = $1 AND seat = 0`,
		[datasetId],
	);
	const bea = claimSeats(db, datasetId, 'bea', 4, leaseMs);
	// ann's claim commits once bea's has run into the locked seat at least once.
	await waitForQuery(db, 'SKIP LOCKED');
	await racer.query('COMMIT');

	assert.deepEqual(await bea, ['only.jpg'], 'bea gets seat 1 of the item');
	const seats = await db.query<{seat: number; user_name: string | null}>(
		'SELECT seat, user_name FROM imgsift_seats WHERE dataset_id = $1 ORDER BY seat',
		[datasetId],
	);
	assert.deepEqual(
		seats.rows.map((row) => row.user_name),
		['ann', 'bea', null],
	);
});

/** Waits until some other session has run (or is running) a query containing `marker`. */
async function waitForQuery(db: pg.Pool, marker: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const seen = await db.query(
			`SELECT 1 FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE '%' || $1 || '%'
				AND query NOT LIKE '%pg_stat_activity%'`,
			[marker],
		);
		if (seen.rows.length > 0) return;
		if (Date.now() > deadline) assert.fail(`no session ran a query with ${marker} within 10 s`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

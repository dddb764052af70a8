/**
Two claims at once on PostgreSQL: a claim skips seats another claim has locked but not committed,
and with them the rest of that item. It must not come back empty while seats are left for it, since
an empty claim means "nothing left" to a labeler (who stops) and the item ends up short of votes.
*/
import assert from 'node:assert/strict';
import {mkdtemp} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test, {after} from 'node:test';
import pg from 'pg';
import {migrate} from '../../source/ledger/postgres/migrations.js';
import {openPostgresLedger} from '../../source/ledger/postgres/postgres-ledger.js';
import {claimSeats, offerItems} from '../../source/ledger/postgres/seats-sql.js';
import {removeFolder} from '../helpers/dataset.js';
import {decideRecord} from '../helpers/journal-records.js';
import {startTestPostgres} from '../helpers/postgres.js';
import {waitFor} from '../helpers/wait-for.js';

const server = await startTestPostgres();
const leaseMs = 60_000;
after(async () => {
	if (typeof server !== 'string') await server.close();
});

test('a claim racing another claim on the same item still gets its free seat', {
	skip: typeof server === 'string' ? server : false,
}, async (t) => {
	if (typeof server === 'string') return;
	const url = await server.newDatabase();
	const db = new pg.Pool({connectionString: url, max: 2});
	const racer = new pg.Client({connectionString: url});
	t.after(async () => {
		await racer.end();
		await db.end();
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

test('a claim whose seats all turn out decided here (not stored yet) claims past them', {
	skip: typeof server === 'string' ? server : false,
}, async (t) => {
	if (typeof server === 'string') return;
	const url = await server.newDatabase();
	const admin = new pg.Client({connectionString: url});
	await admin.connect();
	await migrate(admin);
	const dataset = await mkdtemp(path.join(os.tmpdir(), 'imgsift-claim-stale-'));
	const ann = await openPostgresLedger({
		dataset,
		user: 'ann',
		mode: {kind: 'exclusive'},
		url,
		leaseMs: 300,
	});
	t.after(async () => {
		await admin.query('ROLLBACK').catch(() => undefined);
		await ann.close();
		await admin.end();
		await removeFolder(dataset);
	});
	const items = [1, 2, 3, 4].map((seq) => decideRecord(seq).path);
	await ann.offer(items);
	assert.deepEqual(await ann.claim(2), items.slice(0, 2));

	// The database holds up ann's votes (its records table locked), past her claims' lease.
	await admin.query('BEGIN');
	await admin.query('LOCK TABLE imgsift_records IN ACCESS EXCLUSIVE MODE');
	await ann.append(decideRecord(1));
	await ann.append(decideRecord(2));
	await waitForLapsedSeats(url, 'ann', 2);

	// Her two lapsed seats come back first, on items she decided: the claim goes on past them.
	assert.deepEqual(await ann.claim(2), items.slice(2, 4));
});

/** Waits until `user` has `count` unvoted seats whose lease ran out. */
async function waitForLapsedSeats(url: string, user: string, count: number): Promise<void> {
	const client = new pg.Client({connectionString: url});
	await client.connect();
	try {
		await waitFor(
			`${user}'s ${count} seats to lapse`,
			10_000,
			async () => {
				const found = await client.query(
					`SELECT 1 FROM imgsift_seats WHERE user_name = $1 AND NOT voted AND expires_at < now()`,
					[user],
				);
				return found.rows.length >= count ? true : undefined;
			},
			20,
		);
	} finally {
		await client.end();
	}
}

/** Waits until some other session has run (or is running) a query containing `marker`. */
async function waitForQuery(db: pg.Pool, marker: string): Promise<void> {
	await waitFor(
		`a session to run a query with ${marker}`,
		10_000,
		async () => {
			const seen = await db.query(
				`SELECT 1 FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE '%' || $1 || '%'
				AND query NOT LIKE '%pg_stat_activity%'`,
				[marker],
			);
			return seen.rows.length > 0 ? true : undefined;
		},
		5,
	);
}

/**
The schema, as numbered migrations: `imgsift db migrate` applies the missing ones in order; a
session checks the version at start and says what to run when it is behind.
*/
import type {ClientBase, Pool} from 'pg';

export type Migration = {readonly version: number; readonly name: string; readonly sql: string};

export const migrations: readonly Migration[] = [
	{
		version: 1,
		name: 'datasets, items, claim seats, records and votes',
		sql: `
CREATE TABLE imgsift_datasets (
	id bigserial PRIMARY KEY,
	key text NOT NULL UNIQUE,
	votes_needed integer NOT NULL CHECK (votes_needed BETWEEN 1 AND 9),
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE imgsift_items (
	id bigserial PRIMARY KEY,
	dataset_id bigint NOT NULL REFERENCES imgsift_datasets ON DELETE CASCADE,
	path text NOT NULL,
	UNIQUE (dataset_id, path)
);
-- One seat per vote an item needs: a claim holds a seat until its lease expires or a vote fills it.
CREATE TABLE imgsift_seats (
	id bigserial PRIMARY KEY,
	dataset_id bigint NOT NULL REFERENCES imgsift_datasets ON DELETE CASCADE,
	item_id bigint NOT NULL REFERENCES imgsift_items ON DELETE CASCADE,
	seat smallint NOT NULL,
	user_name text,
	expires_at timestamptz,
	voted boolean NOT NULL DEFAULT false,
	UNIQUE (item_id, seat)
);
CREATE INDEX imgsift_seats_open ON imgsift_seats (dataset_id, item_id, seat) WHERE NOT voted;
CREATE INDEX imgsift_seats_user ON imgsift_seats (dataset_id, user_name) WHERE user_name IS NOT NULL;
CREATE TABLE imgsift_records (
	id bigserial PRIMARY KEY,
	dataset_id bigint NOT NULL REFERENCES imgsift_datasets ON DELETE CASCADE,
	user_name text NOT NULL,
	seq bigint NOT NULL,
	record jsonb NOT NULL,
	received_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (dataset_id, user_name, seq)
);
-- What each user did to each item now (a vote or a skip), folded from their records.
CREATE TABLE imgsift_marks (
	item_id bigint NOT NULL REFERENCES imgsift_items ON DELETE CASCADE,
	user_name text NOT NULL,
	mark text NOT NULL CHECK (mark IN ('vote', 'skip')),
	PRIMARY KEY (item_id, user_name)
);`,
	},
	{
		version: 2,
		name: 'refused votes: decided locally after someone else took the item',
		sql: `
-- A vote that reached the database after the item's seat went to someone else: kept apart, not a
-- decision, so the item stays decided once; its seq is known, so a resend is not refused again.
CREATE TABLE imgsift_refused (
	dataset_id bigint NOT NULL REFERENCES imgsift_datasets ON DELETE CASCADE,
	user_name text NOT NULL,
	seq bigint NOT NULL,
	record jsonb NOT NULL,
	reason text NOT NULL,
	refused_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (dataset_id, user_name, seq)
);`,
	},
];

export const latestVersion = migrations.at(-1)?.version ?? 0;

/** Serialises concurrent `db migrate` runs (an arbitrary constant key). */
const migrateLockKey = 7_215_040_115;

/** The schema version the database holds: 0 when imgsift never migrated it. */
export async function schemaVersion(client: Pool | ClientBase): Promise<number> {
	const exists = await client.query<{present: boolean}>(
		"SELECT to_regclass('imgsift_migrations') IS NOT NULL AS present",
	);
	if (exists.rows[0]?.present !== true) {
		return 0;
	}

	const result = await client.query<{version: number | null}>(
		'SELECT max(version) AS version FROM imgsift_migrations',
	);
	return result.rows[0]?.version ?? 0;
}

/** Applies every missing migration in one transaction (a failure leaves the schema as it was). */
export async function migrate(client: ClientBase): Promise<readonly Migration[]> {
	const applied: Migration[] = [];
	await client.query('BEGIN');
	try {
		await client.query('SELECT pg_advisory_xact_lock($1)', [migrateLockKey]);
		await client.query(`CREATE TABLE IF NOT EXISTS imgsift_migrations (
			version integer PRIMARY KEY,
			name text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`);
		const current = await schemaVersion(client);
		for (const migration of migrations.filter((each) => each.version > current)) {
			await client.query(migration.sql);
			await client.query('INSERT INTO imgsift_migrations (version, name) VALUES ($1, $2)', [
				migration.version,
				migration.name,
			]);
			applied.push(migration);
		}

		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	}

	return applied;
}

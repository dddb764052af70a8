/**
Claims as seats: an item has one seat per vote it needs. A claim takes free seats with
`UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n)`, so concurrent claimers never wait
on each other and never get the same seat; a lease (`expires_at`) frees a seat nobody renews.
*/
import type {ClientBase, Pool} from 'pg';

type Queryable = Pool | ClientBase;

const offerBatch = 1000;

/** Adds items and their seats; items already there are left alone. */
export async function offerItems(
	db: Queryable,
	datasetId: string,
	paths: readonly string[],
	seats: number,
): Promise<void> {
	for (let start = 0; start < paths.length; start += offerBatch) {
		await db.query(
			`WITH added AS (
				INSERT INTO imgsift_items (dataset_id, path)
				SELECT $1, item FROM unnest($2::text[]) WITH ORDINALITY AS offered(item, place) ORDER BY place
				ON CONFLICT DO NOTHING RETURNING id
			)
			INSERT INTO imgsift_seats (dataset_id, item_id, seat)
			SELECT $1, added.id, seat FROM added, generate_series(0, $3::int - 1) AS seat`,
			[datasetId, paths.slice(start, start + offerBatch), seats],
		);
	}
}

/**
Takes up to `count` seats for `user`: free ones (never taken, or lease expired) on items this user
has neither a mark nor a live seat on, the lowest free seat of each item only, so one claim never
takes two seats of an item. It touches free seats only, with SKIP LOCKED, so it never waits.

A seat another claim has locked but not committed is skipped, and so is the rest of its item (the
lower seat still looks free): a claim racing another can come back short, even empty, while
seats are left. An empty claim reads as "nothing left" (the --overlap 3 contract test lost
votes that way), so a short claim looks for free seats it could have had and, while there are
some, tries again on a fresh snapshot once the other claim has committed.
*/
export async function claimSeats(
	db: Queryable,
	datasetId: string,
	user: string,
	count: number,
	leaseMs: number,
): Promise<string[]> {
	const claimed = await claimFreeSeats(db, datasetId, user, count, leaseMs);
	for (let attempt = 1; claimed.length < count && attempt <= claimRetries; attempt++) {
		if (!(await freeSeatsLeft(db, datasetId, user))) break;
		await new Promise((resolve) => setTimeout(resolve, attempt * 10));
		claimed.push(...(await claimFreeSeats(db, datasetId, user, count - claimed.length, leaseMs)));
	}

	return claimed;
}

/**
A seat `s` of dataset $1 that user $2 may take: free (never taken, or its lease ran out), on an item
they have neither a live seat nor a mark on. One text for the claim and for the check before a retry,
so the two never disagree on what is free.
*/
const freeSeatForUser = `s.dataset_id = $1 AND NOT s.voted
	AND (s.user_name IS NULL OR s.expires_at < now())
	AND NOT EXISTS (SELECT 1 FROM imgsift_seats o WHERE o.item_id = s.item_id
		AND o.user_name = $2 AND (o.voted OR o.expires_at >= now()))
	AND NOT EXISTS (SELECT 1 FROM imgsift_marks m WHERE m.item_id = s.item_id AND m.user_name = $2)`;

/** A racing claim commits within milliseconds; these retries wait at most 1.2 s in all. */
const claimRetries = 15;

/** Whether some item has a free seat this user may take, locked by a claim in flight or not. */
async function freeSeatsLeft(db: Queryable, datasetId: string, user: string): Promise<boolean> {
	const result = await db.query(`SELECT 1 FROM imgsift_seats s WHERE ${freeSeatForUser} LIMIT 1`, [
		datasetId,
		user,
	]);
	return result.rows.length > 0;
}

async function claimFreeSeats(
	db: Queryable,
	datasetId: string,
	user: string,
	count: number,
	leaseMs: number,
): Promise<string[]> {
	const result = await db.query<{path: string}>(
		`WITH claimed AS (
			UPDATE imgsift_seats SET user_name = $2, expires_at = now() + $4 * interval '1 millisecond'
			WHERE id IN (
				SELECT s.id FROM imgsift_seats s
				WHERE ${freeSeatForUser}
					AND NOT EXISTS (SELECT 1 FROM imgsift_seats p WHERE p.item_id = s.item_id AND p.seat < s.seat
						AND NOT p.voted AND (p.user_name IS NULL OR p.expires_at < now()))
				ORDER BY s.item_id, s.seat
				LIMIT $3
				FOR UPDATE SKIP LOCKED
			)
			RETURNING item_id
		)
		SELECT i.path FROM claimed JOIN imgsift_items i ON i.id = claimed.item_id ORDER BY i.id`,
		[datasetId, user, count, leaseMs],
	);
	return result.rows.map((row) => row.path);
}

/**
Renews the seats of `paths`, the items this session holds, even one whose lease ran out while the
database was away, as long as it is still this user's: a seat someone else claimed meanwhile has
their name. Seats left by an earlier session of this user (killed) are not renewed: they lapse.
*/
export async function renewSeats(
	db: Queryable,
	datasetId: string,
	user: string,
	leaseMs: number,
	paths: readonly string[],
): Promise<void> {
	if (paths.length === 0) return;
	await db.query(
		`UPDATE imgsift_seats s SET expires_at = now() + $3 * interval '1 millisecond'
		FROM imgsift_items i
		WHERE s.item_id = i.id AND i.dataset_id = $1 AND i.path = ANY($4::text[])
			AND s.user_name = $2 AND NOT s.voted`,
		[datasetId, user, leaseMs, paths],
	);
}

/** Frees this user's unvoted seats on `paths`, or all of them when `paths` is undefined. */
export async function releaseSeats(
	db: Queryable,
	datasetId: string,
	user: string,
	paths: readonly string[] | undefined,
): Promise<void> {
	await db.query(
		`UPDATE imgsift_seats s SET user_name = NULL, expires_at = NULL
		FROM imgsift_items i
		WHERE s.item_id = i.id AND s.dataset_id = $1 AND s.user_name = $2 AND NOT s.voted
			AND ($3::text[] IS NULL OR i.path = ANY($3::text[]))`,
		[datasetId, user, paths ?? null],
	);
}

/** Every user's live seats (lease not run out), by user, paths sorted; for status and commit. */
export async function listClaims(db: Queryable, datasetId: string): Promise<Map<string, string[]>> {
	const result = await db.query<{user_name: string; path: string}>(
		`SELECT s.user_name, i.path FROM imgsift_seats s JOIN imgsift_items i ON i.id = s.item_id
		WHERE s.dataset_id = $1 AND s.user_name IS NOT NULL AND s.expires_at >= now()
		ORDER BY s.user_name, i.path`,
		[datasetId],
	);
	const claims = new Map<string, string[]>();
	for (const row of result.rows) {
		const paths = claims.get(row.user_name) ?? [];
		paths.push(row.path);
		claims.set(row.user_name, paths);
	}

	return claims;
}

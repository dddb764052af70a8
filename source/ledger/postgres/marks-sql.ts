/**
Stores a batch of one user's records and mirrors what they changed into marks and seats, with a
fixed number of statements per batch, whatever its size: under load the outbox sends bigger
batches, not more round trips.
*/
import type {ClientBase} from 'pg';
import type {JournalRecord} from '../../core/journal-record.js';
import type {Mark, MarkChange} from '../item-votes.js';
import {type Refusal, screenBatch} from './refusals.js';

/** One record on its way to the database, with the marks it changed locally. */
export type Outgoing = {readonly record: JournalRecord; readonly changes: readonly MarkChange[]};

type Final = {readonly path: string; readonly mark: Mark | undefined};

/** The last mark per item: only the end state of a batch matters, as every step is idempotent. */
function finalMarks(batch: readonly Outgoing[], stored: ReadonlySet<number>): Final[] {
	const last = new Map<string, Mark | undefined>();
	for (const {record, changes} of batch) {
		if (stored.has(record.seq)) {
			for (const change of changes) last.set(change.path, change.mark);
		}
	}

	return [...last].map(([path, mark]) => ({path, mark}));
}

export async function storeBatch(
	db: ClientBase,
	datasetId: string,
	user: string,
	all: readonly Outgoing[],
): Promise<readonly Refusal[]> {
	// Votes whose item someone else took first are set aside, not stored (see refusals.ts).
	const {fresh: batch, refused} = await screenBatch(db, datasetId, user, all);
	if (batch.length === 0) {
		return refused;
	}

	const inserted = await db.query<{seq: string}>(
		`INSERT INTO imgsift_records (dataset_id, user_name, seq, record)
		SELECT $1, $2, seq, record FROM unnest($3::bigint[], $4::jsonb[]) AS r(seq, record)
		ON CONFLICT (dataset_id, user_name, seq) DO NOTHING RETURNING seq`,
		[
			datasetId,
			user,
			batch.map(({record}) => record.seq),
			batch.map(({record}) => JSON.stringify(record)),
		],
	);
	// Records stored by an earlier attempt whose reply was lost change nothing again.
	const stored = new Set(inserted.rows.map((row) => Number(row.seq)));
	const marks = finalMarks(batch, stored);
	const broken = batch
		.filter(({record}) => stored.has(record.seq) && record.op === 'broken')
		.map(({record}) => ('path' in record ? record.path : ''));
	const paths = [...new Set([...marks.map((each) => each.path), ...broken])];
	if (paths.length === 0) {
		return refused;
	}

	const ids = await db.query<{id: string; path: string}>(
		`WITH added AS (
			INSERT INTO imgsift_items (dataset_id, path) SELECT $1, unnest($2::text[])
			ON CONFLICT DO NOTHING RETURNING id, path
		)
		SELECT id, path FROM added UNION ALL
		SELECT id, path FROM imgsift_items WHERE dataset_id = $1 AND path = ANY($2::text[])`,
		[datasetId, paths],
	);
	const idOf = new Map(ids.rows.map((row) => [row.path, row.id]));
	const itemsWith = (wanted: Mark | undefined) =>
		marks.filter((each) => each.mark === wanted).map((each) => idOf.get(each.path));
	const [votes, skips, cleared] = [itemsWith('vote'), itemsWith('skip'), itemsWith(undefined)];
	await db.query(
		`INSERT INTO imgsift_marks (item_id, user_name, mark)
		SELECT item, $1, mark FROM unnest($2::bigint[], $3::text[]) AS m(item, mark)
		ON CONFLICT (item_id, user_name) DO UPDATE SET mark = excluded.mark`,
		[user, [...votes, ...skips], [...votes.map(() => 'vote'), ...skips.map(() => 'skip')]],
	);
	if (cleared.length > 0) {
		await clear(db, user, cleared);
	}

	// A vote fills this user's seat, else a free one, else (a decision made offline past its
	// lease) one someone else holds.
	await db.query(
		`UPDATE imgsift_seats SET voted = true, user_name = $1, expires_at = NULL
		WHERE id IN (SELECT DISTINCT ON (item_id) id FROM imgsift_seats s
			WHERE item_id = ANY($2::bigint[]) AND NOT voted
				AND NOT EXISTS (SELECT 1 FROM imgsift_seats v WHERE v.item_id = s.item_id AND v.user_name = $1 AND v.voted)
			ORDER BY item_id, (user_name = $1) DESC NULLS LAST, (user_name IS NULL OR expires_at < now()) DESC, seat)`,
		[user, votes],
	);
	if (broken.length > 0) {
		await db.query('UPDATE imgsift_seats SET voted = true WHERE item_id = ANY($1::bigint[])', [
			broken.map((path) => idOf.get(path)),
		]);
	}

	return refused;
}

/** Retracted votes: their marks go, and their seats are free again. */
async function clear(db: ClientBase, user: string, items: readonly (string | undefined)[]) {
	await db.query('DELETE FROM imgsift_marks WHERE user_name = $1 AND item_id = ANY($2::bigint[])', [
		user,
		items,
	]);
	await db.query(
		`UPDATE imgsift_seats SET voted = false, user_name = NULL, expires_at = NULL
		WHERE id IN (SELECT DISTINCT ON (item_id) id FROM imgsift_seats
			WHERE item_id = ANY($2::bigint[]) AND user_name = $1 AND voted ORDER BY item_id, seat)`,
		[user, items],
	);
}

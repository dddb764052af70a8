/**
The database decides who gets an item's seat, not the order records arrive in. A vote that waited
in a local journal (a labeler killed before sending it, or offline past its lease) may arrive after
the item's claim went to someone else, who decided it. Such a vote is refused, in the transaction
that would have stored it, with the item's seats locked: it is kept apart (`imgsift_refused`, and
the local journal still holds it) and reported, never counted as a decision. Stored (acknowledged)
records are never touched.
*/
import type {ClientBase} from 'pg';
import type {JournalRecord} from '../../core/journal-record.js';

/** A record the database refused, and why, worded for a person. */
export type Refusal = {readonly record: JournalRecord; readonly reason: string};

type SeatRow = {path: string; user_name: string | null; voted: boolean; live: boolean};

type ItemSeats = {
	/** This user already fills one of the item's seats (a relabel, or a vote earlier in the batch). */
	mine: boolean;
	/** A seat nobody else holds or filled: free, this user's own, or with its lease run out. */
	open: boolean;
	/** Who took the item instead, for the message. */
	others: string[];
};

const isVote = (record: JournalRecord): record is JournalRecord & {path: string} =>
	record.op === 'decide' || record.op === 'copy';

/** Locks the seats of the items `paths` (in id order, so two writers never deadlock on them). */
async function lockSeats(
	db: ClientBase,
	datasetId: string,
	user: string,
	paths: readonly string[],
): Promise<Map<string, ItemSeats>> {
	const rows = await db.query<SeatRow>(
		`SELECT i.path, s.user_name, s.voted, (s.expires_at >= now()) IS TRUE AS live
		FROM imgsift_seats s JOIN imgsift_items i ON i.id = s.item_id
		WHERE i.dataset_id = $1 AND i.path = ANY($2::text[])
		ORDER BY s.id FOR UPDATE OF s`,
		[datasetId, paths],
	);
	const items = new Map<string, ItemSeats>();
	for (const row of rows.rows) {
		const item = items.get(row.path) ?? {mine: false, open: false, others: []};
		const own = row.user_name === user;
		if (row.voted && own) item.mine = true;
		else if (!row.voted && (own || row.user_name === null || !row.live)) item.open = true;
		else if (row.user_name !== null) item.others.push(row.user_name);
		items.set(row.path, item);
	}

	return items;
}

/**
Splits a batch into the records to store and the ones refused. A vote is refused when every seat
of its item is filled or held (live lease) by other people; an undo of a refused vote goes with it.
Records already stored or refused by an earlier attempt are left out of both.
*/
export async function screenBatch<T extends {readonly record: JournalRecord}>(
	db: ClientBase,
	datasetId: string,
	user: string,
	batch: readonly T[],
): Promise<{fresh: T[]; refused: Refusal[]}> {
	const seqs = batch.map(({record}) => record.seq);
	const undoTargets = batch.flatMap(({record}) => (record.op === 'undo' ? [record.target] : []));
	const known = await db.query<{seq: string; refused: boolean}>(
		`SELECT seq, false AS refused FROM imgsift_records
			WHERE dataset_id = $1 AND user_name = $2 AND seq = ANY($3::bigint[])
		UNION ALL SELECT seq, true FROM imgsift_refused
			WHERE dataset_id = $1 AND user_name = $2 AND seq = ANY($4::bigint[])`,
		[datasetId, user, seqs, [...seqs, ...undoTargets]],
	);
	const done = new Set<number>();
	const refusedSeqs = new Set<number>();
	for (const row of known.rows) {
		if (seqs.includes(Number(row.seq))) done.add(Number(row.seq));
		if (row.refused) refusedSeqs.add(Number(row.seq));
	}

	const todo = batch.filter(({record}) => !done.has(record.seq));
	const votePaths = [...new Set(todo.flatMap(({record}) => (isVote(record) ? [record.path] : [])))];
	const items =
		votePaths.length === 0 ? new Map() : await lockSeats(db, datasetId, user, votePaths);
	const fresh: T[] = [];
	const refused: Refusal[] = [];
	for (const outgoing of todo) {
		const {record} = outgoing;
		if (isVote(record)) {
			const item = items.get(record.path);
			// An item nobody offered has no seats to fill: nothing to compete for.
			if (item === undefined || item.mine || item.open) {
				if (item !== undefined) item.mine = true;
				fresh.push(outgoing);
			} else {
				refusedSeqs.add(record.seq);
				const who = [...new Set(item.others)].join(', ') || 'someone else';
				refused.push({record, reason: `${record.path} was taken by ${who} first`});
			}
		} else if (record.op === 'undo' && refusedSeqs.has(record.target)) {
			refused.push({record, reason: `it undoes a refused decision on ${record.path}`});
		} else {
			fresh.push(outgoing);
		}
	}

	if (refused.length > 0) {
		await db.query(
			`INSERT INTO imgsift_refused (dataset_id, user_name, seq, record, reason)
			SELECT $1, $2, seq, record, reason
			FROM unnest($3::bigint[], $4::jsonb[], $5::text[]) AS r(seq, record, reason)
			ON CONFLICT (dataset_id, user_name, seq) DO NOTHING`,
			[
				datasetId,
				user,
				refused.map(({record}) => record.seq),
				refused.map(({record}) => JSON.stringify(record)),
				refused.map(({reason}) => reason),
			],
		);
	}

	return {fresh, refused};
}

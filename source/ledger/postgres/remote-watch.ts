/**
watch() on PostgreSQL by polling, not LISTEN/NOTIFY: a poll is one indexed query, needs no
dedicated connection, and picks up again by itself after the server restarts. Each user's records
are stored in seq order by their one session, so a per-user seq watermark never skips a record
(an id watermark could: ids are handed out before commit, in another order).
*/
import type {Pool} from 'pg';
import type {JournalRecord} from '../../core/journal-record.js';
import type {LedgerChange} from '../ledger.js';

export const pollEveryMs = 250;

export type RemoteWatch = {stop(): void};

/** Every other user's last stored seq: watch() reports what comes after. */
export async function readWatermarks(
	pool: Pool,
	datasetId: string,
	user: string,
): Promise<Map<string, number>> {
	const now = await pool.query<{user_name: string; seq: string}>(
		`SELECT user_name, max(seq) AS seq FROM imgsift_records
		WHERE dataset_id = $1 AND user_name <> $2 GROUP BY user_name`,
		[datasetId, user],
	);
	return new Map(now.rows.map((row) => [row.user_name, Number(row.seq)]));
}

export function watchRemote(options: {
	readonly pool: Pool;
	readonly datasetId: string;
	readonly user: string;
	/** Per user, the last seq already known: updated as records arrive. */
	readonly seen: Map<string, number>;
	readonly onChange: (change: LedgerChange) => void;
	readonly onError: (error: unknown) => void;
	readonly onSuccess: () => void;
}): RemoteWatch {
	const {seen} = options;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;

	const poll = async (): Promise<void> => {
		const result = await options.pool.query<{
			user_name: string;
			seq: string;
			record: JournalRecord;
		}>(
			`SELECT r.user_name, r.seq, r.record FROM imgsift_records r
			LEFT JOIN unnest($3::text[], $4::bigint[]) AS w(user_name, seq) ON w.user_name = r.user_name
			WHERE r.dataset_id = $1 AND r.user_name <> $2 AND r.seq > coalesce(w.seq, 0)
			ORDER BY r.user_name, r.seq LIMIT 5000`,
			[options.datasetId, options.user, [...seen.keys()], [...seen.values()]],
		);
		const byUser = new Map<string, JournalRecord[]>();
		for (const row of result.rows) {
			seen.set(row.user_name, Number(row.seq));
			const records = byUser.get(row.user_name) ?? [];
			records.push(row.record);
			byUser.set(row.user_name, records);
		}

		for (const [user, records] of byUser) {
			options.onChange({user, records});
		}
	};

	const loop = (): void => {
		poll()
			.then(options.onSuccess, options.onError)
			.finally(() => {
				if (!stopped) {
					timer = setTimeout(loop, pollEveryMs);
					timer.unref();
				}
			});
	};

	loop();
	return {
		stop() {
			stopped = true;
			clearTimeout(timer);
		},
	};
}

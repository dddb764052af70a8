/**
The PostgreSQL ledger, for a team across machines: records, seats (claims) and marks in one
database. Every record lands in the user's local journal first, so a lost connection never loses a
keypress: the session keeps labeling its claimed batch, reports offline, and the outbox sends what
waited, once each, when the database is back.
*/
import type {JournalRecord} from '../../core/journal-record.js';
import {Listeners} from '../../shared/listeners.js';
import {assertLabelsWritable} from '../files/labels-access.js';
import {readUserJournal} from '../files/read-journals.js';
import {openUserJournal} from '../files/user-journal.js';
import {createItemVotes} from '../item-votes.js';
import type {Ledger, LedgerChange, LedgerOptions, LedgerStatus} from '../ledger.js';
import {checkSchema, createPool, datasetRow, unreachable} from './connect.js';
import {describeDatabaseError, parseDatabaseUrl} from './database-url.js';
import {createOutbox, type Outgoing} from './outbox.js';
import type {Refusal} from './refusals.js';
import {type RemoteWatch, readWatermarks, watchRemote} from './remote-watch.js';
import {claimSeats, listClaims, offerItems, releaseSeats, renewSeats} from './seats-sql.js';

export type PostgresLedgerOptions = LedgerOptions & {
	/** postgres://user[:password]@host:port/db */
	readonly url: string;
};

const closeWaitMs = 5000;
const drainBeforeClaimMs = 1000;
/** Claims past seats of items already decided here but not yet stored (see claim). */
const staleClaimRounds = 4;

export async function openPostgresLedger(options: PostgresLedgerOptions): Promise<Ledger> {
	const {dataset, user, mode} = options;
	const leaseMs = options.leaseMs ?? 60_000;
	const address = parseDatabaseUrl(options.url);
	await assertLabelsWritable(dataset);
	const journal = await openUserJournal(dataset, user);
	const replayed = await readUserJournal(dataset, user).catch(async (error: unknown) => {
		await journal.close();
		throw error;
	});
	// Claims and reads on one connection, records and renewals on another: a slow claim never
	// holds back a decision on its way to the database, and each connection runs one thing at a time.
	const pool = createPool(address);
	const writes = createPool(address);
	let datasetId: string;
	let seen: Map<string, number>;
	let stored: {seq: number; refused: Set<string>};
	try {
		await checkSchema(pool, address);
		datasetId = await datasetRow(pool, address, options.key ?? dataset, mode);
		seen = await readWatermarks(pool, datasetId, user);
		stored = await lastStoredSeq(pool, datasetId, user).catch((error: unknown) => {
			throw unreachable(address, error);
		});
	} catch (error) {
		await Promise.all([pool.end(), writes.end()]).catch(() => undefined);
		await journal.close();
		throw error;
	}

	let status: Omit<LedgerStatus, 'pending'> = {online: true};
	/** Items whose vote from this user the database refused: not this user's to claim again. */
	const refusedPaths = stored.refused;
	let refusedCount = 0;
	let refusedNote: string | undefined;
	const statusListeners = new Listeners<[LedgerStatus]>();
	const describe = (error: unknown) =>
		`the database at ${address.shown} is unreachable (${describeDatabaseError(error, address)}); decisions are kept in ${journal.file} and sent when it is back`;
	const report = (next: Omit<LedgerStatus, 'pending'>): void => {
		const changed = next.online !== status.online || next.reason !== status.reason;
		// Back online: take back at once the held seats whose lease ran out meanwhile.
		if (next.online && !status.online) setImmediate(renewNow);
		status = next;
		if (changed) {
			statusListeners.emit(ledger.status());
		}
	};

	const refused = (refusals: readonly Refusal[]): void => {
		for (const {record} of refusals) {
			if ('path' in record) refusedPaths.add(record.path);
		}

		refusedCount += refusals.length;
		const last = refusals.at(-1);
		refusedNote = `${refusals.length === 1 ? 'a decision was' : `${refusals.length} decisions were`} not counted: ${last?.reason ?? ''} (it waited in ${journal.file} to be sent; the other person's decision stands)`;
		statusListeners.emit(ledger.status());
	};

	const outbox = createOutbox({pool: writes, datasetId, user, report, describe, refused});
	// This user's own marks, to mirror each record into seats and marks as it is sent.
	const votes = createItemVotes();
	const unsent: Outgoing[] = [];
	for (const record of replayed.records) {
		const changes = votes.apply(user, record);
		if (record.seq > stored.seq) {
			unsent.push({record, changes});
		}
	}

	outbox.send(unsent);
	let lastSeq = replayed.records.at(-1)?.seq ?? 0;
	const guard = async <T>(work: () => Promise<T>, offline: T): Promise<T> => {
		try {
			const result = await work();
			report({online: true});
			return result;
		} catch (error) {
			report({online: false, reason: describe(error)});
			return offline;
		}
	};

	/** Items this session claimed and has not decided or given back: the seats it renews. */
	const held = new Set<string>();
	function renewNow(): void {
		if (closed) return;
		const paths = [...held];
		guard(() => renewSeats(writes, datasetId, user, leaseMs, paths), undefined).catch(
			() => undefined,
		);
	}

	const renew = setInterval(renewNow, leaseMs / 3);
	renew.unref();
	const watchers = new Listeners<[LedgerChange]>();
	let remote: RemoteWatch | undefined;
	let closed = false;

	const ledger: Ledger = {
		user,
		host: journal.lock.info.host,
		where: address.shown,
		async replay() {
			const now = await readUserJournal(dataset, user);
			return {...now, warnings: journal.warnings};
		},
		async append(record: JournalRecord) {
			if (record.seq <= lastSeq) {
				return;
			}

			await journal.append(record);
			lastSeq = Math.max(lastSeq, record.seq);
			if ('path' in record) held.delete(record.path);
			// Sent in the background: a keypress never waits on the network. A kill -9 in the
			// moment between leaves the record here, sent when this person starts again.
			outbox.send([{record, changes: votes.apply(user, record)}]);
		},
		async flush() {
			await journal.writer.sync();
			if (status.online) {
				if (status.online) {
					await outbox.drain(closeWaitMs);
				}
			}
		},
		async readAll() {
			try {
				return await readAllRecords(pool, datasetId);
			} catch (error) {
				throw unreachable(address, error);
			}
		},
		async offer(paths) {
			const seats = mode.kind === 'exclusive' ? 1 : mode.votes;
			await guard(() => offerItems(pool, datasetId, paths, seats), undefined);
		},
		async claim(count) {
			// The database should know this user's decisions before it picks more for them.
			if (status.online) {
				await outbox.drain(drainBeforeClaimMs);
			}

			const fresh: string[] = [];
			// Seats of items decided here but not stored yet come back too (a drain that timed out):
			// claim past them, a few rounds, so a full batch of those never reads as "nothing left".
			for (let round = 0; round < staleClaimRounds && fresh.length < count; round++) {
				const claimed = await guard(
					() => claimSeats(pool, datasetId, user, count - fresh.length, leaseMs),
					[],
				);
				// Decided here but not stored yet (offline past the lease): its seat fills when it is.
				// Decided here and refused: someone else's, so the seat goes back at once.
				const back = claimed.filter((path) => refusedPaths.has(path));
				if (back.length > 0)
					await guard(() => releaseSeats(writes, datasetId, user, back), undefined);
				const newOnes = claimed.filter((path) => votes.markOf(path, user) === undefined);
				fresh.push(...newOnes);
				if (newOnes.length === claimed.length) break;
			}

			for (const path of fresh) held.add(path);
			return fresh;
		},
		async claims() {
			try {
				return await listClaims(pool, datasetId);
			} catch (error) {
				throw unreachable(address, error);
			}
		},
		async release(paths) {
			for (const path of paths) held.delete(path);
			if (paths.length > 0) {
				await guard(() => releaseSeats(writes, datasetId, user, paths), undefined);
			}
		},
		watch(listener) {
			const remove = watchers.add(listener);
			remote ??= watchRemote({
				pool,
				datasetId,
				user,
				seen,
				onChange: (change) => watchers.emit(change),
				onError: (error) => report({online: false, reason: describe(error)}),
				onSuccess: () => {
					if (outbox.pending === 0) {
						report({online: true});
					}
				},
			});
			return remove;
		},
		status: () => ({
			...status,
			pending: outbox.pending,
			...(refusedNote === undefined ? {} : {refused: refusedCount, refusedNote}),
		}),
		onStatus: (listener) => statusListeners.add(listener),
		async close() {
			if (closed) {
				return;
			}

			closed = true;
			clearInterval(renew);
			remote?.stop();
			try {
				// What cannot be sent now stays in the local journal: the next session sends it.
				if (status.online) {
					await outbox.drain(closeWaitMs);
				}

				outbox.stop();
				await releaseSeats(writes, datasetId, user, undefined).catch(() => undefined);
				await Promise.all([pool.end(), writes.end()]).catch(() => undefined);
			} finally {
				await journal.close();
			}
		},
	};
	return ledger;
}

/** The newest of this user's records the database has (stored or refused), and what it refused. */
async function lastStoredSeq(
	pool: ReturnType<typeof createPool>,
	datasetId: string,
	user: string,
): Promise<{seq: number; refused: Set<string>}> {
	const result = await pool.query<{seq: string | null}>(
		`SELECT greatest(
			(SELECT max(seq) FROM imgsift_records WHERE dataset_id = $1 AND user_name = $2),
			(SELECT max(seq) FROM imgsift_refused WHERE dataset_id = $1 AND user_name = $2)) AS seq`,
		[datasetId, user],
	);
	const refused = await pool.query<{path: string}>(
		`SELECT DISTINCT record->>'path' AS path FROM imgsift_refused
		WHERE dataset_id = $1 AND user_name = $2 AND record->>'path' IS NOT NULL`,
		[datasetId, user],
	);
	return {
		seq: Number(result.rows[0]?.seq ?? 0),
		refused: new Set(refused.rows.map((row) => row.path)),
	};
}

async function readAllRecords(pool: ReturnType<typeof createPool>, datasetId: string) {
	const result = await pool.query<{user_name: string; record: JournalRecord}>(
		'SELECT user_name, record FROM imgsift_records WHERE dataset_id = $1 ORDER BY user_name, seq',
		[datasetId],
	);
	const byUser = new Map<string, JournalRecord[]>();
	for (const row of result.rows) {
		const records = byUser.get(row.user_name) ?? [];
		records.push(row.record);
		byUser.set(row.user_name, records);
	}

	return [...byUser].map(([name, records]) => ({user: name, records}));
}

/**
The embedded ledger for one box: each user's decisions in `.labels/journal/<user>.jsonl`, appended
in O(1) by a writer that keeps the file open, and a lock so one session writes a folder at a time.
Claims are this session's own: the lock already keeps every other writer out.
*/
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import type {JournalRecord} from '../../core/journal-record.js';
import {errorCode} from '../../shared/fs-errors.js';
import {journalDir, journalPath, labelsDir} from '../../store/paths.js';
import type {Ledger, LedgerOptions, LedgerReplay, UserRecords} from '../ledger.js';
import {ClaimPool} from './claim-pool.js';
import {openJournalWriter, readJournalFile} from './journal-file.js';
import {acquireLock, releaseLockSync} from './lock.js';

/** Reads one user's journal as the fold needs it, without the lock (for status and export). */
export async function readUserJournal(dataset: string, user: string): Promise<LedgerReplay> {
	const journal = await readJournalFile(journalPath(dataset, user));
	return {
		records: journal.records,
		problems: journal.problems,
		warnings: [],
		// A record's own line, not its index: they differ once a bad line came before it.
		lineOf: (index) => journal.recordLines?.[index] ?? index + 1,
	};
}

/** Every journal in the dataset, by user (the file name, less `.jsonl`). */
export async function readAllJournals(dataset: string): Promise<UserRecords[]> {
	let names: string[];
	try {
		names = await readdir(journalDir(dataset));
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return [];
		}

		throw error;
	}

	const users = names.filter((name) => name.endsWith('.jsonl')).map((name) => name.slice(0, -6));
	return Promise.all(
		users.sort().map(async (user) => ({
			user,
			records: (await readJournalFile(path.join(journalDir(dataset), `${user}.jsonl`))).records,
		})),
	);
}

export async function openFilesLedger(options: LedgerOptions): Promise<Ledger> {
	const {dataset, user} = options;
	const lock = await acquireLock(labelsDir(dataset), user);
	// A crash must not leave the folder locked: release synchronously on any exit.
	const releaseOnExit = () => releaseLockSync(lock);
	process.on('exit', releaseOnExit);
	const file = journalPath(dataset, user);
	let writer: Awaited<ReturnType<typeof openJournalWriter>>;
	try {
		writer = await openJournalWriter(file);
	} catch (error) {
		process.off('exit', releaseOnExit);
		await lock.release();
		throw error;
	}

	const claims = new ClaimPool();
	let closed = false;
	return {
		user,
		host: lock.info.host,
		where: file,
		async replay() {
			const replay = await readUserJournal(dataset, user);
			for (const record of replay.records) claims.settle(record);
			const torn = writer.tornTail;
			return torn === undefined
				? replay
				: {
						...replay,
						warnings: [
							`the journal's last line was cut short by a crash; its ${torn.bytes} bytes were saved to ${torn.savedTo}`,
						],
					};
		},
		async append(record: JournalRecord) {
			await writer.append(record);
			claims.settle(record);
		},
		async appendMany(records: readonly JournalRecord[]) {
			await writer.appendMany(records);
			for (const record of records) claims.settle(record);
		},
		flush: async () => writer.sync(),
		readAll: async () => readAllJournals(dataset),
		async offer(paths) {
			claims.offer(paths);
		},
		async claim(count) {
			return claims.claim(count);
		},
		async release(paths) {
			claims.release(paths);
		},
		watch() {
			// The lock keeps every other writer out of this folder: nothing else can arrive.
			return () => undefined;
		},
		async close() {
			if (closed) {
				return;
			}

			closed = true;
			try {
				await writer.close();
			} finally {
				process.off('exit', releaseOnExit);
				await lock.release();
			}
		},
	};
}

/**
The embedded ledger for one box: each user's decisions in `.labels/journal/<user>.jsonl`, appended
in O(1) by a writer that keeps the file open, and a lock so one session writes a folder at a time.
Claims are this session's own: the lock already keeps every other writer out.
*/
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import type {JournalProblem, JournalRecord} from '../../core/journal-record.js';
import {entries} from '../../core/persistent-map.js';
import type {SessionState} from '../../core/session-state.js';
import {errorCode} from '../../shared/fs-errors.js';
import {journalDir, journalPath, labelsDir, userOfJournal} from '../../store/paths.js';
import type {Ledger, LedgerOptions, LedgerReplay, UserRecords} from '../ledger.js';
import {ClaimPool} from './claim-pool.js';
import {openJournalWriter, readJournalFile} from './journal-file.js';
import {replayJournal} from './journal-snapshot.js';
import {acquireLock, releaseLockSync} from './lock.js';
import {keepSnapshots, type SnapshotKeeper} from './snapshot-keeper.js';

/** A replay straight to state, from the journal's snapshot plus its tail (see journal-snapshot.ts). */
export type StateReplay = {
	/** As a batch fold leaves it: settle the cursor before showing it. */
	readonly state: SessionState;
	readonly problems: readonly JournalProblem[];
	readonly warnings: readonly string[];
};

export type FilesLedger = Ledger & {
	/** Instead of `replay`: the same state, without folding the records a snapshot covers. */
	replayState(classes: readonly string[]): Promise<StateReplay>;
};

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

	// Each file as listed: a name written by hand or by an older imgsift is read as it is.
	const journals = names.flatMap((name) => {
		const user = userOfJournal(name);
		return user === undefined ? [] : [{user, file: path.join(journalDir(dataset), name)}];
	});
	return Promise.all(
		journals
			.sort((left, right) => (left.user < right.user ? -1 : left.user > right.user ? 1 : 0))
			.map(async ({user, file}) => ({user, records: (await readJournalFile(file)).records})),
	);
}

export async function openFilesLedger(options: LedgerOptions): Promise<FilesLedger> {
	const {dataset, user} = options;
	const lock = await acquireLock(labelsDir(dataset), user, {purpose: options.purpose ?? 'label'});
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
	let snapshots: SnapshotKeeper | undefined;
	const tornWarnings = (): string[] => {
		const torn = writer.tornTail;
		return torn === undefined
			? []
			: [
					`the journal's last line was cut short by a crash; its ${torn.bytes} bytes were saved to ${torn.savedTo}`,
				];
	};
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
		async replayState(classes) {
			const replayed = await replayJournal(file, classes);
			for (const [item, decision] of entries(replayed.state.decisions)) {
				claims.settleDecided(item, decision.seq);
			}

			snapshots = keepSnapshots({
				journalFile: file,
				state: replayed.state,
				cover: replayed.cover,
				problems: replayed.problems,
				current: replayed.fromSnapshot && replayed.replayedRecords === 0,
				sync: async () => writer.sync(),
			});
			const warnings = tornWarnings();
			if (replayed.warning !== undefined) warnings.push(replayed.warning);
			return {state: replayed.state, problems: replayed.problems, warnings};
		},
		async append(record: JournalRecord) {
			await writer.append(record);
			claims.settle(record);
			snapshots?.recorded(record);
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
				// The journal alone has everything: a snapshot that cannot be written only costs time.
				await snapshots?.flush().catch(() => undefined);
				await writer.close();
			} finally {
				process.off('exit', releaseOnExit);
				await lock.release();
			}
		},
	};
}

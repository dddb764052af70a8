/**
The embedded ledger for one box, no server: each user's own journal and lock, everyone else's
journals read for readAll/watch, and claims with leases in per-user claims logs, changed only inside
a short exclusive section (`claims-lock.ts`).
*/
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import type {JournalProblem} from '../../core/journal-parse.js';
import type {SessionState} from '../../core/session-state.js';
import {Listeners} from '../../shared/listeners.js';
import {isUserError, UserError} from '../../shared/user-error.js';
import {journalDir, journalName, labelsDir} from '../../store/paths.js';
import {createItemVotes} from '../item-votes.js';
import type {Ledger, LedgerChange, LedgerOptions, LedgerStatus} from '../ledger.js';
import {ownMarksOf} from '../own-marks.js';
import {pickItems} from '../pick-items.js';
import {createClaimBoard} from './claim-board.js';
import {withClaimsLock} from './claims-lock.js';
import {claimsDir} from './claims-log.js';
import {replayJournal} from './journal-snapshot.js';
import {eachJournalRecord} from './journal-stream.js';
import {assertLabelsWritable, networkRefusal} from './labels-access.js';
import {acquireLock} from './lock.js';
import {openOwnClaims} from './own-claims.js';
import {eachJournal, readAllJournals, readUserJournal} from './read-journals.js';
import {defaultExitTailRecords, keepSnapshots, type SnapshotKeeper} from './snapshot-keeper.js';
import {createTeamView} from './team-view.js';
import {openUserJournal} from './user-journal.js';

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

// Where they were first: the readers that need no lock.
export {readAllJournals, readUserJournal} from './read-journals.js';

export const defaultLeaseMs = 60_000;
const watchEveryMs = 200;

export {claimsDir, readLiveClaims} from './claims-log.js';

/** A claims log is rewritten as what it holds after this many lines (about a day of renewals). */
const defaultCompactAfter = 4096;

export type FilesLedgerOptions = LedgerOptions & {
	/** Lines after which this user's claims log is compacted (default 4096). */
	readonly compactClaimsAfter?: number;
};

/** On a network filesystem claims cannot be shared: one labeler at a time, the old folder lock. */
async function soloLock(dataset: string, options: LedgerOptions, refusal: string) {
	if (options.mode.kind === 'overlap') {
		throw new UserError(refusal);
	}

	try {
		return await acquireLock(labelsDir(dataset), options.user, {
			purpose: options.purpose ?? 'label',
		});
	} catch (error) {
		throw isUserError(error) ? new UserError(`${error.message} ${refusal}`, {cause: error}) : error;
	}
}

export async function openFilesLedger(options: FilesLedgerOptions): Promise<FilesLedger> {
	const {dataset, user, mode} = options;
	const leaseMs = options.leaseMs ?? defaultLeaseMs;
	await assertLabelsWritable(dataset);
	const refusal = await networkRefusal(dataset);
	const folderLock = refusal === undefined ? undefined : await soloLock(dataset, options, refusal);
	const claims = claimsDir(dataset);
	await mkdir(claims, {recursive: true});
	const journal = await openUserJournal(dataset, user, options.purpose ?? 'label').catch(
		async (error: unknown) => {
			await folderLock?.release();
			throw error;
		},
	);
	const votes = createItemVotes();
	/** Appends are idempotent by seq: a retried record is not written twice. */
	let lastSeq = 0;
	/**
	This user's own votes: read off the state when replayState runs first (a label session: the
	snapshot spares reading a 100k journal twice), else folded from the whole journal when needed.
	*/
	let ownVotes: Promise<void> | undefined;
	const ownVotesReady = async (): Promise<void> => {
		ownVotes ??= eachJournalRecord(journal.file, (record) => {
			votes.apply(user, record);
			lastSeq = record.seq;
		});
		return ownVotes;
	};

	const board = createClaimBoard();
	const listeners = new Listeners<[LedgerChange]>();
	const view = createTeamView({
		journalDir: journalDir(dataset),
		claimsDir: claims,
		self: user,
		votes,
		board,
		onChange: (change) => listeners.emit(change),
	});
	const pool: string[] = [];
	const inPool = new Set<string>();
	let settledBefore = 0;
	let retractions = votes.retractions;
	let closed = false;
	let snapshots: SnapshotKeeper | undefined;
	const lockFile = path.join(claims, 'claims.lock');
	const locked = <T>(work: () => Promise<T>): Promise<T> =>
		refusal === undefined ? withClaimsLock(lockFile, work) : work();

	// Journals and claims logs share one reversible name per user (see journalName).
	const own = await openOwnClaims({
		file: path.join(claims, `${journalName(user)}.jsonl`),
		self: user,
		board,
		leaseMs,
		shared: refusal === undefined,
		compactAfter: options.compactClaimsAfter ?? defaultCompactAfter,
		locked,
	}).catch(async (error: unknown) => {
		await journal.close();
		await folderLock?.release();
		throw error;
	});
	// What others did before this session opened is state, not news for watch(); an earlier
	// session of ours held nothing once its log was emptied.
	await view.refresh();
	board.apply(user, {op: 'end'});
	let watching: NodeJS.Timeout | undefined;

	const pick = (count: number) => {
		const now = Date.now();
		if (votes.retractions !== retractions) {
			retractions = votes.retractions;
			settledBefore = 0;
		}

		const result = pickItems({
			pool,
			from: settledBefore,
			count,
			user,
			mode,
			isBroken: votes.isBroken,
			marked: (item) => votes.markOf(item, user) !== undefined,
			seen: (item) => votes.markOf(item, user) !== undefined || board.holds(user, item, now),
			voters: votes.voters,
			holders: (item) => board.liveHolders(item, now, user),
		});
		settledBefore = result.settledBefore;
		return result.picked;
	};

	const claimUnderLock = async (count: number): Promise<readonly string[]> => {
		await ownVotesReady();
		await view.refresh();
		const picked = pick(count);
		await own.write({op: 'claim', paths: picked, until: Date.now() + leaseMs});
		await own.compactIfLong();
		return picked;
	};

	const online: LedgerStatus = {online: true, pending: 0};
	return {
		user,
		host: journal.lock.info.host,
		where: journal.file,
		async replay() {
			const now = await readUserJournal(dataset, user);
			return {...now, warnings: journal.warnings};
		},
		async replayState(classes) {
			const replayed = await replayJournal(journal.file, classes);
			if (ownVotes === undefined) {
				votes.seed(user, ownMarksOf(replayed.state));
				lastSeq = replayed.state.lastSeq;
				ownVotes = Promise.resolve();
			}

			snapshots = keepSnapshots({
				journalFile: journal.file,
				state: replayed.state,
				cover: replayed.cover,
				problems: replayed.problems,
				// An older codec's snapshot counts as none: rewritten at exit, the next resume reads the
				// smaller one.
				...(replayed.fromSnapshot && replayed.olderCodec !== true
					? {behind: replayed.replayedRecords}
					: {}),
				exitTail: defaultExitTailRecords,
				sync: async () => journal.writer.sync(),
			});
			const warnings = [...journal.warnings];
			if (replayed.warning !== undefined) warnings.push(replayed.warning);
			return {state: replayed.state, problems: replayed.problems, warnings};
		},
		async append(record) {
			await ownVotesReady();
			if (record.seq <= lastSeq) {
				return;
			}

			await journal.append(record);
			lastSeq = Math.max(lastSeq, record.seq);
			votes.apply(user, record);
			snapshots?.recorded(record);
		},
		async appendMany(records) {
			await ownVotesReady();
			const fresh = records.filter((record) => record.seq > lastSeq);
			const bytes = await journal.writer.appendMany(fresh);
			for (const record of fresh) {
				lastSeq = Math.max(lastSeq, record.seq);
				votes.apply(user, record);
			}

			snapshots?.recordedMany(fresh, bytes);
		},
		flush: () => journal.writer.sync(),
		readAll: () => readAllJournals(dataset),
		readEach: () => eachJournal(dataset),
		async offer(paths) {
			for (const item of paths) {
				if (!inPool.has(item)) {
					inPool.add(item);
					pool.push(item);
				}
			}
		},
		async claim(count) {
			if (closed) {
				throw new Error(`the ledger for ${user} is closed`);
			}

			return locked(() => claimUnderLock(count));
		},
		async claims() {
			await view.refresh();
			return board.live(Date.now());
		},
		async release(paths) {
			if (paths.length > 0 && !closed) {
				await own.write({op: 'release', paths});
			}
		},
		watch(listener) {
			const remove = listeners.add(listener);
			watching ??= setInterval(() => {
				view.refresh().catch(() => undefined);
			}, watchEveryMs);
			watching.unref();
			return remove;
		},
		status: () => online,
		onStatus: () => () => undefined,
		async close() {
			if (closed) {
				return;
			}

			closed = true;
			clearInterval(watching);
			try {
				await own.close();
				// The journal alone has everything: a snapshot that cannot be written only costs time.
				await snapshots?.flush().catch(() => undefined);
			} finally {
				await journal.close();
				await folderLock?.release();
			}
		},
	};
}

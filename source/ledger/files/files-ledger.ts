/**
The embedded ledger for one box, no server: each user's own journal and lock, everyone else's
journals read for readAll/watch, and claims with leases in per-user claims logs, changed only inside
a short exclusive section (`claims-lock.ts`).
*/
import {mkdir, open} from 'node:fs/promises';
import path from 'node:path';
import type {JournalProblem} from '../../core/journal-parse.js';
import type {SessionState} from '../../core/session-state.js';
import {Listeners} from '../../shared/listeners.js';
import {isUserError, UserError} from '../../shared/user-error.js';
import {journalDir, journalName, labelsDir} from '../../store/paths.js';
import {createItemVotes} from '../item-votes.js';
import type {Ledger, LedgerChange, LedgerOptions, LedgerStatus} from '../ledger.js';
import {pickItems} from '../pick-items.js';
import {type ClaimLine, createClaimBoard} from './claim-board.js';
import {withClaimsLock} from './claims-lock.js';
import {replayJournal} from './journal-snapshot.js';
import {eachJournalRecord} from './journal-stream.js';
import {assertLabelsWritable, networkRefusal} from './labels-access.js';
import {acquireLock} from './lock.js';
import {readAllJournals, readUserJournal} from './read-journals.js';
import {keepSnapshots, type SnapshotKeeper} from './snapshot-keeper.js';
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

export function claimsDir(dataset: string): string {
	return path.join(labelsDir(dataset), 'claims');
}

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

export async function openFilesLedger(options: LedgerOptions): Promise<FilesLedger> {
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
	// Journals and claims logs share one reversible name per user (see journalName).
	const self = user;
	const claimsLog = await open(path.join(claims, `${journalName(user)}.jsonl`), 'a', 0o664);
	const votes = createItemVotes();
	/** Appends are idempotent by seq: a retried record is not written twice. */
	let lastSeq = 0;
	// Folded while streaming: the records themselves are not kept (the snapshot replays state).
	await eachJournalRecord(journal.file, (record) => {
		votes.apply(self, record);
		lastSeq = record.seq;
	}).catch(async (error: unknown) => {
		await claimsLog.close().catch(() => undefined);
		await journal.close().catch(() => undefined);
		await folderLock?.release();
		throw error;
	});

	const board = createClaimBoard();
	const listeners = new Listeners<[LedgerChange]>();
	const view = createTeamView({
		journalDir: journalDir(dataset),
		claimsDir: claims,
		self,
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

	const writeLine = async (line: ClaimLine): Promise<void> => {
		if (refusal === undefined) {
			await claimsLog.write(`${JSON.stringify(line)}\n`);
		}

		board.apply(self, line);
	};

	// What others did before this session opened is state, not news for watch().
	await view.refresh();
	// A new session starts with nothing held: claims of a killed earlier one of ours are void.
	await writeLine({op: 'end'});

	const renew = setInterval(() => {
		const now = Date.now();
		const held = board.held(self);
		if (held.size === 0 || closed) {
			return;
		}

		// A lease that lapsed (the process was stopped) may have been claimed by someone else.
		const line: ClaimLine = board.holds(self, [...held][0] as string, now)
			? {op: 'renew', until: now + leaseMs}
			: {op: 'end'};
		writeLine(line).catch(() => undefined);
	}, leaseMs / 3);
	renew.unref();
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
			user: self,
			mode,
			isBroken: votes.isBroken,
			seen: (item) => votes.markOf(item, self) !== undefined || board.holds(self, item, now),
			voters: votes.voters,
			holders: (item) => board.liveHolders(item, now, self),
		});
		settledBefore = result.settledBefore;
		return result.picked;
	};

	const claimUnderLock = async (count: number): Promise<readonly string[]> => {
		await view.refresh();
		const picked = pick(count);
		await writeLine({op: 'claim', paths: picked, until: Date.now() + leaseMs});
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
			snapshots = keepSnapshots({
				journalFile: journal.file,
				state: replayed.state,
				cover: replayed.cover,
				problems: replayed.problems,
				current: replayed.fromSnapshot && replayed.replayedRecords === 0,
				sync: async () => journal.writer.sync(),
			});
			const warnings = [...journal.warnings];
			if (replayed.warning !== undefined) warnings.push(replayed.warning);
			return {state: replayed.state, problems: replayed.problems, warnings};
		},
		async append(record) {
			if (record.seq <= lastSeq) {
				return;
			}

			await journal.append(record);
			lastSeq = Math.max(lastSeq, record.seq);
			votes.apply(self, record);
			snapshots?.recorded(record);
		},
		async appendMany(records) {
			const fresh = records.filter((record) => record.seq > lastSeq);
			await journal.writer.appendMany(fresh);
			for (const record of fresh) {
				lastSeq = Math.max(lastSeq, record.seq);
				votes.apply(self, record);
				snapshots?.recorded(record);
			}
		},
		flush: () => journal.writer.sync(),
		readAll: () => readAllJournals(dataset),
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

			return refusal === undefined
				? withClaimsLock(path.join(claims, 'claims.lock'), () => claimUnderLock(count))
				: claimUnderLock(count);
		},
		async release(paths) {
			if (paths.length > 0 && !closed) {
				await writeLine({op: 'release', paths});
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
			clearInterval(renew);
			clearInterval(watching);
			try {
				await writeLine({op: 'end'}).catch(() => undefined);
				await claimsLog.close();
				// The journal alone has everything: a snapshot that cannot be written only costs time.
				await snapshots?.flush().catch(() => undefined);
			} finally {
				await journal.close();
				await folderLock?.release();
			}
		},
	};
}

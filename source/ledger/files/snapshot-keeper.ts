/**
Keeps the journal's snapshot fresh while a session writes: every `every` records and at exit. It
folds the records appended since the last snapshot onto that snapshot's state (the live state also
holds what the scan found, which no record says), so a snapshot is always the fold of a prefix.
Each record is folded as it comes, under one batch token the keeper alone holds: the records
themselves are not kept (a 90k-move commit held every one of them until exit).
*/
import {foldStep, rejectedRecord, sealState, withSeqUsed} from '../../core/fold.js';
import {type JournalProblem, serializeRecord} from '../../core/journal-parse.js';
import type {JournalRecord} from '../../core/journal-record.js';
import {beginEdit} from '../../core/persistent-map.js';
import type {SessionState} from '../../core/session-state.js';
import {type JournalCover, writeSnapshot} from './journal-snapshot.js';

export const defaultSnapshotEvery = 5000;
/**
Automatic snapshots no more often than this: a commit appends a record per moved file, and a
snapshot per 5,000 of 90,000 moves would serialize the whole state 18 times in two minutes.
*/
export const defaultSnapshotSpacingMs = 60_000;
/**
At exit, a usable snapshot on disk that lacks fewer records than this is kept as it is: replaying
such a tail takes a few milliseconds, while rewriting a 100k-item snapshot took 0.2 s and ~35 MiB
of heap at every quit (each start appends a session record, so every quit wrote one).
*/
export const defaultExitTailRecords = 1000;

export type SnapshotKeeper = {
	/** Call after each record is appended, in append order. */
	recorded(record: JournalRecord): void;
	/** The same for a batch appended in one write of `bytes` bytes (no second serializing). */
	recordedMany(records: readonly JournalRecord[], bytes: number): void;
	/**
	Writes a snapshot now if records came since the last one (the journal must be synced), unless
	the snapshot on disk lacks fewer than `exitTail` records.
	*/
	flush(): Promise<void>;
	/** The last automatic write's failure, if any: the journal alone still has everything. */
	readonly lastError: unknown;
};

export function keepSnapshots(options: {
	readonly journalFile: string;
	readonly state: SessionState;
	readonly cover: Pick<JournalCover, 'bytes' | 'lines'>;
	readonly problems: readonly JournalProblem[];
	/**
	Records of `cover` that the usable snapshot on disk lacks (0: it covers `cover`, nothing to write
	at exit); unset when there is no usable snapshot, so the exit flush always writes one.
	*/
	readonly behind?: number;
	/** The exit flush writes nothing while the disk's snapshot lacks fewer records than this. */
	readonly exitTail?: number;
	/** Makes every appended byte durable before a snapshot claims it. */
	readonly sync: () => Promise<void>;
	readonly every?: number;
	readonly spacingMs?: number;
	readonly now?: () => number;
}): SnapshotKeeper {
	const every = options.every ?? defaultSnapshotEvery;
	const spacingMs = options.spacingMs ?? defaultSnapshotSpacingMs;
	const now = options.now ?? (() => performance.now());
	let lastWrite = now();
	/** The fold of the journal so far: never handed out unsealed, so the keeper may edit it. */
	let base = options.state;
	let edit = beginEdit();
	let baseBytes = options.cover.bytes;
	let baseLines = options.cover.lines;
	let problems = [...options.problems];
	/** Records folded into `base` since the last snapshot, and their bytes. */
	let pending = 0;
	let pendingBytes = 0;
	/** Records folded into `base` before `pending` that the snapshot on disk lacks (∞: no snapshot). */
	let behindOnDisk = options.behind ?? Number.POSITIVE_INFINITY;
	const exitTail = options.exitTail ?? 0;
	let writing: Promise<void> = Promise.resolve();
	let lastError: unknown;

	const take = (): (() => Promise<void>) | undefined => {
		if (behindOnDisk + pending === 0 || baseBytes + pendingBytes === 0) {
			return undefined;
		}

		base = sealState(base);
		// A new token: the sealed state written below is never changed in place.
		edit = beginEdit();
		baseBytes += pendingBytes;
		baseLines += pending;
		const lacking = behindOnDisk + pending;
		pending = 0;
		pendingBytes = 0;
		behindOnDisk = 0;
		const cover = {bytes: baseBytes, lines: baseLines};
		const state = base;
		const known = problems;
		return async () => {
			try {
				await options.sync();
				await writeSnapshot(options.journalFile, state, cover, known);
			} catch (error) {
				// The disk's snapshot still lacks those records: the exit flush must write them.
				behindOnDisk += lacking;
				throw error;
			}
		};
	};

	const enqueue = (write: () => Promise<void>): Promise<void> => {
		const result = writing.then(write);
		writing = result.catch((error: unknown) => {
			lastError = error;
		});
		return result;
	};

	const fold = (record: JournalRecord): void => {
		pending++;
		const next = foldStep(base, record, edit);
		if (next) {
			base = next;
		} else {
			// A new list: a snapshot being written keeps the one it was given.
			problems = [...problems, rejectedRecord(record, baseLines + pending)];
			base = withSeqUsed(base, record.seq);
		}
	};

	const maybeWrite = (): void => {
		if (pending >= every && now() - lastWrite >= spacingMs) {
			lastWrite = now();
			const write = take();
			if (write) {
				void enqueue(write).catch(() => undefined);
			}
		}
	};

	return {
		recorded(record) {
			fold(record);
			pendingBytes += Buffer.byteLength(serializeRecord(record), 'utf8');
			maybeWrite();
		},
		recordedMany(records, bytes) {
			for (const record of records) fold(record);
			pendingBytes += bytes;
			maybeWrite();
		},
		async flush() {
			if (behindOnDisk + pending < exitTail) {
				await writing;
				return;
			}

			const write = take();
			await (write ? enqueue(write) : writing);
		},
		get lastError() {
			return lastError;
		},
	};
}

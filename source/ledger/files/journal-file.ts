import {writeSync} from 'node:fs';
import {mkdir, open, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {
	type JournalProblem,
	type ParsedJournal,
	parseJournal,
	serializeRecord,
} from '../../core/journal-parse.js';
import type {JournalRecord} from '../../core/journal-record.js';
import {describeFsError, errorCode, writeRemedy} from '../../shared/fs-errors.js';
import {readAppendNoFollow, symlinkRefusal} from '../../shared/no-follow.js';
import {UserError} from '../../shared/user-error.js';
import {syncFolder} from '../../store/atomic-file.js';
import {refuseLinkedFolder} from '../../store/own-folder.js';
import {repairTornTail, type TornTail} from './journal-repair.js';

export type {TornTail} from './journal-repair.js';

export type JournalFileContents = ParsedJournal & {
	/** Size of the file in bytes (0 when it does not exist). */
	readonly bytes: number;
};

/** Reads and parses a whole journal. A missing file is an empty journal. */
export async function readJournalFile(file: string): Promise<JournalFileContents> {
	let content: Buffer;
	try {
		content = await readFile(file);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return {records: [], problems: [], tornTail: false, bytes: 0};
		}

		throw new UserError(
			`could not read the journal ${file}: ${describeFsError(error)}. Check that it is a readable file.`,
			{cause: error},
		);
	}

	return {...parseJournalBytes(content), bytes: content.length};
}

const strictUtf8 = new TextDecoder('utf-8', {fatal: true});

/**
The writer only writes UTF-8, so a line that is not UTF-8 was damaged on disk. Decoding it
leniently could turn a record's path into another, valid-looking one: such a line is skipped and
reported instead. A torn last line (no newline) is left to parseJournal.
*/
export function parseJournalBytes(content: Buffer): ParsedJournal {
	try {
		return parseJournal(strictUtf8.decode(content));
	} catch {
		// Some line is damaged: find which, line by line (rare, so the slow path is fine).
	}

	const lines: string[] = [];
	const damaged: JournalProblem[] = [];
	let start = 0;
	while (start <= content.length) {
		const newline = content.indexOf(0x0a, start);
		const end = newline === -1 ? content.length : newline;
		const bytes = content.subarray(start, end);
		try {
			lines.push(strictUtf8.decode(bytes));
		} catch {
			if (newline === -1) {
				lines.push(bytes.toString('utf8'));
			} else {
				// Blank keeps the line numbers of the lines after it.
				lines.push('');
				damaged.push({line: lines.length, reason: 'not valid UTF-8: damaged bytes'});
			}
		}

		start = end + 1;
	}

	const parsed = parseJournal(lines.join('\n'));
	const problems = [...parsed.problems, ...damaged].sort((left, right) => left.line - right.line);
	return {...parsed, problems};
}

export type JournalWriter = {
	readonly path: string;
	/** Bytes in the file, counting appended records not yet fsynced. */
	readonly bytes: number;
	/** Bytes known to be on disk (fsynced). */
	readonly syncedBytes: number;
	/** Set when opening found a torn last line and moved it aside. */
	readonly tornTail: TornTail | undefined;
	/** Appends one record with one write call. Records land in call order. */
	append(record: JournalRecord): Promise<void>;
	/** Appends records with one write call (an import's batch): all land, or none. Gives the bytes. */
	appendMany(records: readonly JournalRecord[]): Promise<number>;
	/** Fsyncs everything appended so far. */
	sync(): Promise<void>;
	/** Waits for pending appends, fsyncs, and closes the file. Safe to call twice. */
	close(): Promise<void>;
};

/** How long an appended record may stay only in the OS cache before an automatic fsync. */
const syncDelayMs = 1000;

function writeFailure(file: string, error: unknown): UserError {
	return new UserError(
		`could not write the journal ${file}: ${describeFsError(error)}. ${writeRemedy(error)}, then press a key again; nothing was lost.`,
		{cause: error},
	);
}

async function openForAppend(file: string): Promise<{
	handle: Awaited<ReturnType<typeof open>>;
	created: boolean;
}> {
	try {
		await mkdir(path.dirname(file), {recursive: true});
		await refuseLinkedFolder(path.dirname(file));
		const created = await stat(file).then(
			() => false,
			(error: unknown) => {
				if (errorCode(error) === 'ENOENT') {
					return true;
				}

				throw error;
			},
		);
		return {handle: await open(file, readAppendNoFollow), created};
	} catch (error) {
		if (error instanceof UserError) throw error;
		const symlink = symlinkRefusal(file, error);
		if (symlink !== undefined) throw symlink;
		throw new UserError(
			`could not open the journal ${file}: ${describeFsError(error)}. ${writeRemedy(error)}, then start again.`,
			{cause: error},
		);
	}
}

/**
Opens a journal for appending, creating it (and its folder) if needed. The file handle stays open
in append mode, so an append costs one write whatever the journal's size; the file is never
re-read or rewritten. A torn last line is first repaired (see `repairTornTail`).
*/
export async function openJournalWriter(file: string): Promise<JournalWriter> {
	const {handle, created} = await openForAppend(file);
	let repaired: Awaited<ReturnType<typeof repairTornTail>>;
	try {
		repaired = await repairTornTail(file, handle);
		if (created) {
			await syncFolder(path.dirname(file));
		}
	} catch (error) {
		await handle.close().catch(() => undefined);
		throw new UserError(
			`could not repair the end of the journal ${file}: ${describeFsError(error)}. ${writeRemedy(error)}, then start again; nothing was lost.`,
			{cause: error},
		);
	}

	let bytes = repaired.size;
	let syncedBytes = repaired.size;
	let closed = false;
	let timer: NodeJS.Timeout | undefined;
	/** An automatic fsync that failed: reported by the next append, sync or close. */
	let pendingSyncError: UserError | undefined;
	/** Every operation runs after the previous one settles, so records land in call order. */
	let queue: Promise<unknown> = Promise.resolve();
	/** The automatic fsync in flight, if any (never rejects). */
	let background: Promise<void> = Promise.resolve();

	const enqueue = <T>(operation: () => Promise<T>): Promise<T> => {
		const result = queue.then(operation);
		queue = result.catch(() => undefined);
		return result;
	};

	const throwPendingSyncError = (): void => {
		const error = pendingSyncError;
		pendingSyncError = undefined;
		if (error !== undefined) throw error;
	};

	const syncNow = async (): Promise<void> => {
		throwPendingSyncError();
		if (syncedBytes === bytes) {
			return;
		}

		const target = bytes;
		try {
			await handle.sync();
		} catch (error) {
			throw new UserError(
				`could not save the journal ${file} to disk: ${describeFsError(error)}. ${writeRemedy(error)}, then press a key again; the last second of decisions may need redoing.`,
				{cause: error},
			);
		}

		syncedBytes = Math.max(syncedBytes, target);
	};

	/** For `sync` and `close`: after the automatic fsync in flight, everything written so far. */
	const syncAll = async (): Promise<void> => {
		await background;
		await syncNow();
	};

	const scheduleSync = (): void => {
		if (timer !== undefined) {
			return;
		}

		timer = setTimeout(() => {
			timer = undefined;
			// Beside the queue: no append waits for it (it covers what was written before it began).
			background = syncNow().catch((error: unknown) => {
				pendingSyncError = error instanceof UserError ? error : writeFailure(file, error);
			});
		}, syncDelayMs);
		// A pending fsync must not keep the process alive; close() syncs anyway.
		timer.unref();
	};

	const writeRecord = async (data: Buffer): Promise<void> => {
		throwPendingSyncError();
		try {
			// A disk that fills mid-record writes part of it: the next write says why (ENOSPC).
			let written = 0;
			while (written < data.length) {
				// Synchronous (a page-cache write): no thread pool hop, no wait for a busy event loop.
				const bytesWritten = writeSync(handle.fd, data, written, data.length - written);
				if (bytesWritten === 0) {
					throw new Error(`only ${written} of ${data.length} bytes were written`);
				}

				written += bytesWritten;
			}
		} catch (error) {
			// Cut off whatever part landed, so the next record starts on a clean line.
			await handle.truncate(bytes).catch(() => undefined);
			throw writeFailure(file, error);
		}

		bytes += data.length;
		scheduleSync();
	};

	const closedError = () => new Error(`the journal ${file} was already closed; open a new writer`);

	return {
		path: file,
		get bytes() {
			return bytes;
		},
		get syncedBytes() {
			return syncedBytes;
		},
		tornTail: repaired.tornTail,

		append(record) {
			if (closed) {
				return Promise.reject(closedError());
			}

			const data = Buffer.from(serializeRecord(record), 'utf8');
			return enqueue(() => writeRecord(data));
		},

		appendMany(records) {
			if (closed) {
				return Promise.reject(closedError());
			}

			const data = Buffer.from(records.map(serializeRecord).join(''), 'utf8');
			return enqueue(() => writeRecord(data)).then(() => data.length);
		},

		sync() {
			return closed ? Promise.reject(closedError()) : enqueue(syncAll);
		},

		async close() {
			if (closed) {
				return;
			}

			closed = true;
			clearTimeout(timer);
			timer = undefined;
			try {
				await enqueue(syncAll);
			} finally {
				await handle.close();
			}
		},
	};
}

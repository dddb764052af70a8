import {mkdir, open, readFile} from 'node:fs/promises';
import path from 'node:path';
import type {CheckReason} from '../image/validate.js';
import {withDefaults} from '../store/commit/file-ops.js';
import {moveIntoClassFolder} from '../store/commit/move-file.js';
import {itemPathProblem, recordPathOf, resolveRecordPath} from '../store/commit/paths.js';
import {restoreMoved} from '../store/commit/restore.js';
import type {FileOps} from '../store/commit/types.js';
import {describeFsError, errorCode} from '../store/fs-errors.js';
import {acquireLock} from '../store/lock.js';
import {labelsDir} from '../store/paths.js';
import {UserError} from '../store/user-error.js';
import type {QuarantineEntry, QuarantineOutcome} from './check-report.js';

export const quarantineFolderName = '_quarantine';

/**
One line of `.labels/quarantine.jsonl`, the log that makes quarantine reversible. Paths are
relative to the dataset folder with `/` (`to` and `from` absolute when outside it).
*/
export type QuarantineRecord =
	| {
			readonly v: 1;
			readonly time: string;
			readonly op: 'quarantined';
			readonly path: string;
			readonly to: string;
			readonly reason: CheckReason;
	  }
	| {
			readonly v: 1;
			readonly time: string;
			readonly op: 'restored';
			readonly path: string;
			readonly from: string;
	  };

export function quarantineLogPath(dir: string): string {
	return path.join(labelsDir(dir), 'quarantine.jsonl');
}

export function quarantineFolder(out: string, reason: CheckReason): string {
	return path.join(out, quarantineFolderName, reason);
}

type Log = {append(record: QuarantineRecord): Promise<void>; close(): Promise<void>};

async function openLog(file: string): Promise<Log> {
	let handle: Awaited<ReturnType<typeof open>>;
	try {
		await mkdir(path.dirname(file), {recursive: true});
		handle = await open(file, 'a');
	} catch (error) {
		throw new UserError(
			`could not open the quarantine log ${file}: ${describeFsError(error)}. Make .labels writable, then try again; nothing was moved.`,
			{cause: error},
		);
	}

	return {
		async append(record) {
			// One write per record, fsynced: the log is what makes a move reversible.
			await handle.write(`${JSON.stringify(record)}\n`);
			await handle.sync();
		},
		close: () => handle.close(),
	};
}

/** Holds the dataset's lock while `work` moves files, so no labeling session sees them vanish. */
async function whileLocked<T>(dir: string, work: () => Promise<T>): Promise<T> {
	const lock = await acquireLock(labelsDir(dir));
	try {
		return await work();
	} finally {
		await lock.release();
	}
}

export type QuarantineOptions = {
	readonly dir: string;
	readonly out: string;
	readonly files: ReadonlyArray<{readonly path: string; readonly reason: CheckReason}>;
	readonly ops?: Partial<FileOps>;
	readonly now?: () => Date;
};

/**
Moves each file to `<out>/_quarantine/<reason>/<its relative path>`, never replacing a file (a
taken name gets the SHA-1 suffix the commit uses), and logs each move right after it happens.
A file that cannot be moved is reported and left where it is.
*/
export async function quarantineFiles(options: QuarantineOptions): Promise<QuarantineOutcome> {
	const dir = path.resolve(options.dir);
	const now = options.now ?? (() => new Date());
	const moveOptions = {ops: withDefaults(options.ops), adoptEqualContent: false};
	return whileLocked(dir, async () => {
		const log = await openLog(quarantineLogPath(dir));
		const moved: QuarantineEntry[] = [];
		const failed: Array<{path: string; error: string}> = [];
		try {
			for (const file of options.files) {
				const problem = itemPathProblem(file.path);
				if (problem !== undefined) {
					failed.push({path: file.path, error: problem});
					continue;
				}

				const source = resolveRecordPath(dir, file.path);
				const wanted = path.join(
					quarantineFolder(options.out, file.reason),
					...file.path.split('/'),
				);
				let placed: string;
				try {
					placed = await moveIntoClassFolder(source, wanted, moveOptions);
				} catch (error) {
					failed.push({path: file.path, error: `${describeFsError(error)}; it was left in place`});
					continue;
				}

				const to = recordPathOf(dir, placed);
				const entry = {path: file.path, reason: file.reason, to};
				await log.append({v: 1, time: now().toISOString(), op: 'quarantined', ...entry});
				moved.push(entry);
			}
		} finally {
			await log.close();
		}

		return {moved, failed};
	});
}

function parseRecords(text: string): QuarantineRecord[] {
	const records: QuarantineRecord[] = [];
	for (const line of text.split('\n')) {
		try {
			const value = JSON.parse(line) as Partial<Record<string, unknown>>;
			const known =
				value['v'] === 1 &&
				typeof value['path'] === 'string' &&
				((value['op'] === 'quarantined' && typeof value['to'] === 'string') ||
					(value['op'] === 'restored' && typeof value['from'] === 'string'));
			if (known) {
				records.push(value as QuarantineRecord);
			}
		} catch {
			// A blank or torn line: the move it would describe was not finished.
		}
	}

	return records;
}

export type RestoreOutcome = {
	readonly restored: ReadonlyArray<{readonly path: string; readonly from: string}>;
	readonly failed: ReadonlyArray<{readonly path: string; readonly error: string}>;
};

/**
Moves every file still in quarantine back to where it was, never replacing a file: one whose
place is taken again is reported and stays in quarantine. Running it twice is harmless.
*/
export async function restoreQuarantine(options: {
	readonly dir: string;
	readonly ops?: Partial<FileOps>;
	readonly now?: () => Date;
}): Promise<RestoreOutcome> {
	const dir = path.resolve(options.dir);
	const now = options.now ?? (() => new Date());
	const logFile = quarantineLogPath(dir);
	let text: string;
	try {
		text = await readFile(logFile, 'utf8');
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return {restored: [], failed: []};
		}

		throw new UserError(
			`could not read the quarantine log ${logFile}: ${describeFsError(error)}.`,
			{
				cause: error,
			},
		);
	}

	// The last record of each path says where it is now.
	const latest = new Map<string, QuarantineRecord>();
	for (const record of parseRecords(text)) {
		latest.set(record.path, record);
	}

	return whileLocked(dir, async () => {
		const log = await openLog(logFile);
		const restored: Array<{path: string; from: string}> = [];
		const failed: Array<{path: string; error: string}> = [];
		try {
			for (const record of latest.values()) {
				if (record.op !== 'quarantined') {
					continue;
				}

				try {
					await restoreMoved({
						dir,
						path: record.path,
						to: record.to,
						...(options.ops ? {ops: options.ops} : {}),
						record: async (event) => {
							if (event.type === 'restored') {
								const {path: restoredPath, from} = event;
								const time = now().toISOString();
								await log.append({v: 1, time, op: 'restored', path: restoredPath, from});
								restored.push({path: event.path, from: event.from});
							}
						},
					});
				} catch (error) {
					failed.push({
						path: record.path,
						error: error instanceof Error ? error.message : String(error),
					});
				}
			}
		} finally {
			await log.close();
		}

		return {restored, failed};
	});
}

import path from 'node:path';
import type {QuarantineEntry, QuarantineOutcome} from '../../formats/check-report.js';
import type {CheckReason} from '../../image/validate.js';
import {acquireLock} from '../../ledger/files/lock.js';
import {describeFsError} from '../../shared/fs-errors.js';
import {labelsDir} from '../../store/paths.js';
import {withDefaults} from '../commit/file-ops.js';
import {moveIntoClassFolder} from '../commit/move-file.js';
import {itemPathProblem, recordPathOf, resolveRecordPath} from '../commit/paths.js';
import {restoreMoved} from '../commit/restore.js';
import type {FileOps} from '../commit/types.js';
import {
	finishQuarantineIntent,
	removeQuarantineIntent,
	writeQuarantineIntent,
} from './quarantine-intent.js';
import {openQuarantineLog, quarantineLogPath, readLatestRecords} from './quarantine-log.js';

export {type QuarantineRecord, quarantineLogPath} from './quarantine-log.js';

export const quarantineFolderName = '_quarantine';

export function quarantineFolder(out: string, reason: CheckReason): string {
	return path.join(out, quarantineFolderName, reason);
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
		const log = await openQuarantineLog(quarantineLogPath(dir));
		const moved: QuarantineEntry[] = [];
		const failed: Array<{path: string; error: string}> = [];
		try {
			// A run killed mid-move: finish it; the check may list that file again (it saw it).
			const finished = await finishQuarantineIntent(dir, log, options.ops);
			if (finished?.op === 'quarantined') {
				moved.push({path: finished.path, reason: finished.reason, to: finished.to});
			}

			for (const file of options.files) {
				if (finished?.op === 'quarantined' && file.path === finished.path) continue;
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
					const to = recordPathOf(dir, wanted);
					await writeQuarantineIntent(dir, {
						op: 'quarantine',
						path: file.path,
						to,
						reason: file.reason,
					});
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

			await removeQuarantineIntent(dir);
		} finally {
			await log.close();
		}

		return {moved, failed};
	});
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
	return whileLocked(dir, async () => {
		const finished = await finishQuarantineIntent(dir, undefined, options.ops);
		const latest = await readLatestRecords(dir);
		// No log, no quarantine: nothing to restore, and no log is created.
		if (latest.size === 0) {
			return {restored: [], failed: []};
		}

		const log = await openQuarantineLog(quarantineLogPath(dir));
		const restored: Array<{path: string; from: string}> = [];
		const failed: Array<{path: string; error: string}> = [];
		if (finished?.op === 'restored') restored.push({path: finished.path, from: finished.from});
		try {
			for (const record of latest.values()) {
				if (record.op !== 'quarantined') {
					continue;
				}

				try {
					await writeQuarantineIntent(dir, {op: 'restore', path: record.path, from: record.to});
					await restoreMoved({
						intent: false,
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

			await removeQuarantineIntent(dir);
		} finally {
			await log.close();
		}

		return {restored, failed};
	});
}

import type {Stats} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {checkInsideRoot} from './containment.js';
import {lstatIfPresent, withDefaults} from './file-ops.js';
import {moveUnlessTaken} from './move-file.js';
import {itemPathProblem, resolveRecordPath} from './paths.js';
import {removeRestoreIntent, writeRestoreIntent} from './restore-intent.js';
import {failureReason} from './settle.js';
import type {CommitRecorder, FileOps} from './types.js';

export type RestoreOptions = {
	readonly dir: string;
	/** The item's path, relative to the dataset folder with `/` separators. */
	readonly path: string;
	/** Where the commit put it, as the journal has it. */
	readonly to: string;
	readonly record: CommitRecorder;
	readonly ops?: Partial<FileOps>;
	/**
	Write `.labels/restore-intent.json` first so a kill mid-move is put right at the next start
	(recoverRestore). Default true; callers with their own log (quarantine) pass false.
	*/
	readonly intent?: boolean;
	/**
	The file as decided (size, mtime; a move keeps both): a file at `to` that differs was put there
	since the commit, so it is not moved back. Without it, whatever is at `to` goes back.
	*/
	readonly decided?: {readonly size: number; readonly mtimeMs: number};
};

/** FAT keeps modification times to 2 s: a copy there can differ from the original by that much. */
const mtimeTolerance = 2000;

/** Why the file at `to` is not the one committed, or undefined when it is. */
function replacedBecause(
	decided: {readonly size: number; readonly mtimeMs: number},
	found: Stats,
): string | undefined {
	if (!found.isFile()) return 'it is no longer a regular file';
	if (found.size !== decided.size) {
		return `its size was ${decided.size} bytes when decided and is ${found.size} now`;
	}

	if (Math.abs(found.mtimeMs - decided.mtimeMs) > mtimeTolerance) {
		return `it was modified at ${found.mtime.toISOString()}, after it was committed`;
	}

	return undefined;
}

/**
Undo after a commit: moves the file at `to` back to `path`, never replacing a file, then records
'restored'. Throws, leaving both files, when `path` is taken by another file now.
*/
export async function restoreMoved({
	dir,
	path: itemPath,
	to,
	record,
	ops,
	intent = true,
	decided,
}: RestoreOptions): Promise<void> {
	const root = path.resolve(dir);
	const problem = itemPathProblem(itemPath);
	if (problem !== undefined) {
		throw new Error(`cannot restore ${itemPath}: ${problem}; check the journal entry for it`);
	}

	const home = resolveRecordPath(root, itemPath);
	const current = resolveRecordPath(root, to);
	const [atCurrent, atHome] = await Promise.all([lstatIfPresent(current), lstatIfPresent(home)]);
	if (atCurrent === undefined) {
		if (atHome === undefined) {
			throw new Error(
				`cannot restore ${itemPath}: it is neither at ${to} nor back at its place; look for it by hand`,
			);
		}

		// Moved back before, but the record was never written (a kill in between): record it now.
		await record({type: 'restored', path: itemPath, from: to});
		return;
	}

	const replaced = decided === undefined ? undefined : replacedBecause(decided, atCurrent);
	if (replaced !== undefined) {
		throw new Error(
			`${to} is not the file that was committed (${replaced}), so it is not moved back and ${itemPath} stays decided; move that file aside and undo again`,
		);
	}

	const fileOps = withDefaults(ops);
	// Links on the way would move files out of, or into, another folder than the journal says.
	await checkInsideRoot(root, home);
	if (!path.isAbsolute(to)) await checkInsideRoot(root, current);
	let back: boolean;
	try {
		if (intent) {
			await writeRestoreIntent(root, {path: itemPath, to});
		}

		await mkdir(path.dirname(home), {recursive: true});
		back = await moveUnlessTaken(current, home, {ops: fileOps, adoptEqualContent: true});
	} catch (error) {
		throw new Error(`could not move ${to} back to ${itemPath}: ${failureReason(error)}`, {
			cause: error,
		});
	}

	if (!back) {
		// Nothing moved; a throw above keeps the intent, so the next start puts the files right.
		if (intent) await removeRestoreIntent(root, fileOps);
		throw new Error(
			`${itemPath} is taken by another file, so ${to} stays where it is; rename or move that file and undo again`,
		);
	}

	await record({type: 'restored', path: itemPath, from: to});
	if (intent) await removeRestoreIntent(root, fileOps);
}

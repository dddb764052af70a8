import {mkdir} from 'node:fs/promises';
import path from 'node:path';
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
};

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

	const fileOps = withDefaults(ops);
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

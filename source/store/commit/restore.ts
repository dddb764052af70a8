import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {lstatIfPresent, withDefaults} from './file-ops.js';
import {moveUnlessTaken} from './move-file.js';
import {itemPathProblem, resolveRecordPath} from './paths.js';
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

	let back: boolean;
	try {
		await mkdir(path.dirname(home), {recursive: true});
		back = await moveUnlessTaken(current, home, {ops: withDefaults(ops), adoptEqualContent: true});
	} catch (error) {
		throw new Error(`could not move ${to} back to ${itemPath}: ${failureReason(error)}`, {
			cause: error,
		});
	}

	if (!back) {
		throw new Error(
			`${itemPath} is taken by another file, so ${to} stays where it is; rename or move that file and undo again`,
		);
	}

	await record({type: 'restored', path: itemPath, from: to});
}

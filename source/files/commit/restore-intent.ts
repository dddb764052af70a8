import {mkdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {getEntry} from '../../core/persistent-map.js';
import type {SessionState} from '../../core/session-state.js';
import {writeJsonAtomically} from '../../store/atomic-file.js';
import {labelsDir} from '../../store/paths.js';
import {errorCode, lstatIfPresent, removeIfPresent, withDefaults} from './file-ops.js';
import {isCopyOf, moveUnlessTaken} from './move-file.js';
import {itemPathProblem, partialPath, resolveRecordPath} from './paths.js';
import {failureReason} from './settle.js';
import type {FileOps} from './types.js';

/**
Written before an undo moves a committed file back, removed once 'restored' is journaled. A kill
in between (link and unlink done half, a copy across filesystems cut short) leaves it behind, and
the next start puts the file back where the journal says it is.
*/
export type RestoreIntent = {readonly path: string; readonly to: string};

export function restoreIntentPath(dir: string): string {
	return path.join(labelsDir(dir), 'restore-intent.json');
}

export async function writeRestoreIntent(dir: string, intent: RestoreIntent): Promise<void> {
	// Durable before the first link: recovery must see it whenever a move back has begun.
	await writeJsonAtomically(restoreIntentPath(dir), intent);
}

export async function removeRestoreIntent(dir: string, ops: FileOps): Promise<void> {
	await removeIfPresent(restoreIntentPath(dir), ops);
}

async function readRestoreIntent(dir: string): Promise<RestoreIntent | 'torn' | undefined> {
	let text: string;
	try {
		text = await readFile(restoreIntentPath(dir), 'utf8');
	} catch (error) {
		// ENOTDIR: `.labels` is not a folder, so nothing of ours is in it.
		if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') {
			return undefined;
		}

		throw error;
	}

	try {
		const value = JSON.parse(text) as Partial<Record<string, unknown>>;
		const {path: itemPath, to} = value;
		return typeof itemPath === 'string' && typeof to === 'string' ? {path: itemPath, to} : 'torn';
	} catch {
		// Cut short while written: it is synced before any move, so no move had begun.
		return 'torn';
	}
}

/**
Undoes a move back that a kill cut short, so the files match the journal again: the journal
still says `moved`, so the file belongs at `to`. Its undo was never journaled, hence never shown.
*/
async function putBack(dir: string, intent: RestoreIntent, ops: FileOps): Promise<void> {
	const home = resolveRecordPath(dir, intent.path);
	const current = resolveRecordPath(dir, intent.to);
	const [atCurrent, atHome] = await Promise.all([lstatIfPresent(current), lstatIfPresent(home)]);
	if (atCurrent !== undefined && atHome !== undefined) {
		// Both names hold it (killed between link and unlink, or after a copy across filesystems).
		if (await isCopyOf(current, home)) {
			await ops.unlink(home);
		}
	} else if (atCurrent === undefined && atHome !== undefined) {
		// The move back finished, its record did not: move it forward again.
		await mkdir(path.dirname(current), {recursive: true});
		await moveUnlessTaken(home, current, {ops, adoptEqualContent: true});
	}

	await removeIfPresent(partialPath(home), ops);
	await removeIfPresent(partialPath(current), ops);
}

/**
Finishes what `.labels/restore-intent.json` describes, before anything reads the files: a move
back still journaled as `moved` is undone, one journaled as restored needs nothing. Writes no
journal record, so `state` stays true for the caller. Throws when the files cannot be put right.
*/
export async function recoverRestore(options: {
	readonly dir: string;
	readonly state: SessionState;
	readonly ops?: Partial<FileOps>;
}): Promise<void> {
	const dir = path.resolve(options.dir);
	const ops = withDefaults(options.ops);
	const intent = await readRestoreIntent(dir);
	if (intent === undefined) {
		return;
	}

	if (intent !== 'torn' && itemPathProblem(intent.path) === undefined) {
		const stillMoved = getEntry(options.state.moved, intent.path) === intent.to;
		try {
			if (stillMoved) {
				await putBack(dir, intent, ops);
			} else {
				await removeIfPresent(partialPath(resolveRecordPath(dir, intent.path)), ops);
			}
		} catch (error) {
			throw new Error(
				`an undo of ${intent.path} was cut short and could not be put right: ${failureReason(error)}. Check ${intent.to} and ${intent.path}, then remove ${restoreIntentPath(dir)}`,
				{cause: error},
			);
		}
	}

	await removeRestoreIntent(dir, ops);
}

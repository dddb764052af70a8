import {lstat, readlink} from 'node:fs/promises';
import path from 'node:path';
import {escapeControl} from '../shared/escape.js';
import {errorCode} from '../shared/fs-errors.js';
import {symlinkFolderRefusal} from '../shared/no-follow.js';
import {UserError} from '../shared/user-error.js';

/**
Refuses `folder` when it is a symlink or not a folder: imgsift's own folders (`.labels`,
`.labels/journal`, the class folders) are real folders, so nothing it writes lands elsewhere.
A missing folder is fine (it is made later). Resolves true when the folder exists.
*/
export async function refuseLinkedFolder(folder: string): Promise<boolean> {
	let stats: Awaited<ReturnType<typeof lstat>>;
	try {
		stats = await lstat(folder);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return false;
		throw error;
	}

	if (stats.isSymbolicLink()) {
		const target = await readlink(folder).catch(() => '?');
		throw symlinkFolderRefusal(folder, target);
	}

	if (!stats.isDirectory()) {
		throw new UserError(
			`${escapeControl(folder)} is a file, where imgsift keeps a folder of its own. Move that file aside, then start again.`,
		);
	}

	return true;
}

/** `.labels` of a dataset and the folders imgsift keeps in it, each a real folder or missing. */
export async function refuseLinkedLabels(dir: string): Promise<void> {
	const labels = path.join(dir, '.labels');
	if (await refuseLinkedFolder(labels)) {
		for (const folder of ['journal', 'cache']) {
			await refuseLinkedFolder(path.join(labels, folder));
		}
	}
}

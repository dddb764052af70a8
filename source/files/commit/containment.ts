import {lstat, readlink} from 'node:fs/promises';
import path from 'node:path';
import {escapeControl} from '../../shared/escape.js';
import {errorCode} from '../../shared/fs-errors.js';
import {isInside} from '../../store/paths.js';

/** Where a commit's moves may read and write: the dataset folder, and --out when outside it. */
export type MoveRoots = {readonly dataset: string; readonly out: string};

/** The root a path must stay in: the dataset when it is inside it, else the output folder. */
export function rootOf(roots: MoveRoots, file: string): string {
	return isInside(roots.dataset, file) ? roots.dataset : roots.out;
}

/**
Throws unless every folder between `root` and `file` is a real folder (or not there yet): a
symlink on the way (`labeled` or a class folder linked elsewhere, a day folder replaced by a link
after its files were decided) would move files into or out of another place. Run right before a
move, so a link made since the plan was written is seen.
*/
export async function checkInsideRoot(root: string, file: string): Promise<void> {
	const relative = path.relative(root, path.dirname(file));
	if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
		throw new Error(
			`${escapeControl(file)} is outside ${escapeControl(root)}; nothing is moved there`,
		);
	}

	let folder = root;
	for (const part of relative === '' ? [] : relative.split(path.sep)) {
		folder = path.join(folder, part);
		let stats: Awaited<ReturnType<typeof lstat>>;
		try {
			stats = await lstat(folder);
		} catch (error) {
			if (errorCode(error) === 'ENOENT') return; // Made by the move, as a real folder.
			throw error;
		}

		if (stats.isSymbolicLink()) {
			const target = await readlink(folder).catch(() => '?');
			throw new Error(
				`${escapeControl(folder)} is a symlink (to ${escapeControl(target)}), and imgsift never moves files through a link; replace it with a real folder and commit again`,
			);
		}

		if (!stats.isDirectory()) {
			throw new Error(
				`${escapeControl(folder)} is a file where a folder should be; move that file aside and commit again`,
			);
		}
	}
}

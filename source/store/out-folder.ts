import {stat} from 'node:fs/promises';
import path from 'node:path';
import {escapeControl} from '../shared/escape.js';
import {errorCode} from '../shared/fs-errors.js';
import {UserError} from '../shared/user-error.js';
import {isInside, labelsDir} from './paths.js';

/**
Refuses an output folder that cannot work: the dataset folder itself (committed files would come
back as new images, then clash with themselves as copies), anything inside `.labels` (imgsift's
own files), or an existing file. An output folder elsewhere inside the dataset is fine: the scan
leaves it out, like `labeled`. `shown` is how the user wrote it.
*/
export async function checkOutFolder(dir: string, out: string, shown = out): Promise<void> {
	const folder = path.resolve(dir, out);
	const named = `the output folder ${escapeControl(shown)}`;
	if (folder === path.resolve(dir)) {
		throw new UserError(
			`${named} is the dataset folder itself: committed files would be scanned again as new images. Give a folder inside it (the default is labeled) or elsewhere.`,
		);
	}

	if (isInside(labelsDir(dir), folder)) {
		throw new UserError(
			`${named} is inside ${escapeControl(labelsDir(dir))}, which holds imgsift's own files. Give a folder outside .labels (the default is labeled).`,
		);
	}

	try {
		if (!(await stat(folder)).isDirectory()) {
			throw new UserError(
				`${named} (${escapeControl(folder)}) is a file, not a folder. Give a folder for the class folders, or move that file aside.`,
			);
		}
	} catch (error) {
		if (error instanceof UserError) throw error;
		if (errorCode(error) !== 'ENOENT') throw error;
		// Missing is fine: the first commit makes it.
	}
}

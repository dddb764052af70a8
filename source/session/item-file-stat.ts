import {stat} from 'node:fs/promises';
import path from 'node:path';
import {fileIdentity, type ItemStat} from '../core/journal-record.js';

/** An item's size, mtime, ctime and inode read from disk, or undefined when the file is gone. */
export async function itemFileStat(
	dir: string,
	itemPath: string,
): Promise<Omit<ItemStat, 'path'> | undefined> {
	try {
		return fileIdentity(await stat(path.join(dir, itemPath)));
	} catch {
		return undefined;
	}
}

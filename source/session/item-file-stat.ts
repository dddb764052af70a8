import {stat} from 'node:fs/promises';
import path from 'node:path';

/** An item's size and mtime read from disk, or undefined when the file is gone. */
export async function itemFileStat(
	dir: string,
	itemPath: string,
): Promise<{size: number; mtimeMs: number} | undefined> {
	try {
		const found = await stat(path.join(dir, itemPath));
		return {size: found.size, mtimeMs: found.mtimeMs};
	} catch {
		return undefined;
	}
}

import path from 'node:path';

export const partialSuffix = '.imgsift-partial';

/** How the journal names a file: relative to the dataset folder with `/`, else absolute. */
export function recordPathOf(dir: string, absolutePath: string): string {
	const relative = path.relative(dir, absolutePath);
	const outside =
		relative === '' ||
		relative === '..' ||
		relative.startsWith(`..${path.sep}`) ||
		path.isAbsolute(relative);
	return outside ? absolutePath : relative.split(path.sep).join('/');
}

/** The absolute path of a journal path (item path, `to` or `from`). */
export function resolveRecordPath(dir: string, recordPath: string): string {
	return path.isAbsolute(recordPath) ? recordPath : path.join(dir, ...recordPath.split('/'));
}

/** Why an item path from the journal cannot be moved safely, or undefined when it can. */
export function itemPathProblem(itemPath: string): string | undefined {
	const segments = itemPath.split('/');
	if (path.isAbsolute(itemPath) || itemPath.includes('\0')) {
		return 'its path is not relative to the dataset folder';
	}

	if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
		return 'its path has empty, "." or ".." parts';
	}

	return undefined;
}

/** `<stem>.<first 8 hex of sha1><ext>`: the name used when the plain one is taken. */
export function hashedPath(destination: string, sha1: string): string {
	const extension = path.extname(destination);
	const stem = destination.slice(0, destination.length - extension.length);
	return `${stem}.${sha1.slice(0, 8)}${extension}`;
}

/** Matches the hashed names `hashedPath` can make from a plain file name. */
export function hashedNamePattern(plainName: string): RegExp {
	const extension = path.extname(plainName);
	const stem = plainName.slice(0, plainName.length - extension.length);
	const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`^${quote(stem)}\\.[0-9a-f]{8}${quote(extension)}$`);
}

export function partialPath(destination: string): string {
	return `${destination}${partialSuffix}`;
}

import {createHash} from 'node:crypto';
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

/** The most bytes a file name may have on Linux and macOS file systems. */
export const maxNameBytes = 255;

/** `stem` cut on a character boundary so that `stem + tail` fits in `maxNameBytes`. */
function fitStem(stem: string, tail: string): string {
	const room = maxNameBytes - Buffer.byteLength(tail);
	if (Buffer.byteLength(stem) <= room) {
		return stem;
	}

	let fitted = '';
	let bytes = 0;
	for (const character of stem) {
		bytes += Buffer.byteLength(character);
		if (bytes > room) {
			break;
		}

		fitted += character;
	}

	return fitted;
}

function splitName(file: string): {folder: string; stem: string; extension: string} {
	const name = path.basename(file);
	const extension = path.extname(name);
	return {
		folder: file.slice(0, file.length - name.length),
		stem: name.slice(0, name.length - extension.length),
		extension,
	};
}

/**
`<stem>.<first 8 hex of sha1><ext>`: the name used when the plain one is taken. The stem is
shortened when a 255-byte name would grow past the limit.
*/
export function hashedPath(destination: string, sha1: string): string {
	const {folder, stem, extension} = splitName(destination);
	const tail = `.${sha1.slice(0, 8)}${extension}`;
	return `${folder}${fitStem(stem, tail)}${tail}`;
}

/** Matches the hashed names `hashedPath` can make from a plain file name. */
export function hashedNamePattern(plainName: string): RegExp {
	const {stem, extension} = splitName(plainName);
	const fitted = fitStem(stem, `.00000000${extension}`);
	const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`^${quote(fitted)}\\.[0-9a-f]{8}${quote(extension)}$`);
}

/**
Where a copy is written before it gets its name: `<name>.imgsift-partial`, or for a name too long
for that, its start plus `~<8 hex of the name's sha1>.imgsift-partial`, so it still fits and
still names one destination.
*/
export function partialPath(destination: string): string {
	const name = path.basename(destination);
	if (Buffer.byteLength(name + partialSuffix) <= maxNameBytes) {
		return `${destination}${partialSuffix}`;
	}

	const tail = `~${createHash('sha1').update(name).digest('hex').slice(0, 8)}${partialSuffix}`;
	const folder = destination.slice(0, destination.length - name.length);
	return `${folder}${fitStem(name, tail)}${tail}`;
}

import os from 'node:os';
import path from 'node:path';
import {escapeControl} from '../shared/escape.js';
import {UserError} from '../shared/user-error.js';

/** Where imgsift keeps its own files inside a dataset folder. */
export function labelsDir(dir: string): string {
	return path.join(dir, '.labels');
}

export function projectPath(dir: string): string {
	return path.join(labelsDir(dir), 'project.json');
}

export function journalDir(dir: string): string {
	return path.join(labelsDir(dir), 'journal');
}

export function journalPath(dir: string, user: string): string {
	return path.join(journalDir(dir), `${journalName(user)}.jsonl`);
}

/** Longest journal name: 255 bytes minus `.jsonl`, with room to spare. */
const maxJournalName = 200;

/**
A user's journal name, one per user, never shared: a name that is already safe (letters, digits,
`.`, `_`, `-`) is used as it is, so every existing journal keeps its name; any other is
percent-encoded (`a/b` → `a%2Fb`), which no safe name can equal and which decodes back. Throws a
UserError for a name too long to be a file name.
*/
export function journalName(user: string): string {
	const name = user.normalize('NFC');
	if (name !== '' && safeUserName(name) === name) {
		return name;
	}

	const encoded = [...name]
		.map((character, index) =>
			/[\p{L}\p{N}_-]/u.test(character) || (character === '.' && index > 0)
				? character
				: [...Buffer.from(character)]
						.map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
						.join(''),
		)
		.join('');
	if (encoded === '' || Buffer.byteLength(encoded) > maxJournalName) {
		throw new UserError(
			`the user name ${JSON.stringify(escapeControl(user))} is ${encoded === '' ? 'empty' : 'too long for a journal file name'}; give a shorter --user`,
		);
	}

	return encoded;
}

/** The user a journal file belongs to: the inverse of `journalName` (undefined if not a journal). */
export function userOfJournal(fileName: string): string | undefined {
	if (!fileName.endsWith('.jsonl')) return undefined;
	const name = fileName.slice(0, -'.jsonl'.length);
	try {
		return name.includes('%') ? decodeURIComponent(name) : name;
	} catch {
		return name; // Not one of ours; shown as it is.
	}
}

/**
A user name made safe as a file name on every platform: letters, digits, `.`, `_` and `-` stay,
anything else becomes `_`; no leading dot (hidden files), never empty.
*/
export function safeUserName(user: string): string {
	const safe = user
		.normalize('NFC')
		.replace(/[^\p{L}\p{N}._-]/gu, '_')
		.replace(/^\.+/, '_')
		.slice(0, 64);
	return safe === '' ? 'user' : safe;
}

/** The user name for journals: $USER (or $LOGNAME, $USERNAME), else the OS account, sanitized. */
export function defaultUser(env: NodeJS.ProcessEnv = process.env): string {
	const fromEnv = env['USER'] ?? env['LOGNAME'] ?? env['USERNAME'];
	if (fromEnv !== undefined && fromEnv.trim() !== '') {
		return safeUserName(fromEnv.trim());
	}

	try {
		return safeUserName(os.userInfo().username);
	} catch {
		// userInfo throws when the uid has no passwd entry (common in containers).
		return 'user';
	}
}

/** True when `target` is `dir` itself or somewhere below it. */
export function isInside(dir: string, target: string): boolean {
	const relative = path.relative(path.resolve(dir), path.resolve(target));
	const escapes = relative === '..' || relative.startsWith(`..${path.sep}`);
	return !escapes && !path.isAbsolute(relative);
}

function toPosix(relative: string): string {
	return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/**
The journal key of an item: its path relative to `dir` with `/` separators. Throws for a path
outside `dir`, since a `../` key would not survive the folder being moved.
*/
export function relativeItemPath(dir: string, absolute: string): string {
	const relative = path.relative(path.resolve(dir), path.resolve(absolute));
	if (relative === '' || !isInside(dir, absolute)) {
		throw new Error(`${absolute} is not inside ${dir}, so it has no item path there`);
	}

	return toPosix(relative);
}

/** How to store a path that may lie outside `dir`: relative (POSIX) when inside it, else absolute. */
export function storedPath(dir: string, target: string): string {
	if (!isInside(dir, target)) {
		return path.resolve(target);
	}

	const relative = path.relative(path.resolve(dir), path.resolve(target));
	return relative === '' ? '.' : toPosix(relative);
}

/** The inverse of `storedPath`. */
export function resolveStoredPath(dir: string, stored: string): string {
	return path.resolve(dir, stored);
}

import {randomBytes} from 'node:crypto';
import {link, open, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import {setTimeout as delay} from 'node:timers/promises';
import {escapeControl} from '../../shared/escape.js';
import {describeFsError, errorCode} from '../../shared/fs-errors.js';
import {UserError} from '../../shared/user-error.js';

export type LockInfo = {
	readonly pid: number;
	readonly host: string;
	readonly user: string;
	/** ISO 8601 time the session started. */
	readonly started: string;
	/** Random, so a lock is recognised as ours even if a pid is reused. */
	readonly token: string;
	/** What holds the folder: `label`, `commit`, `check --quarantine`. Older locks lack it. */
	readonly purpose?: string;
};

export type Holder = {readonly text: string; readonly info: LockInfo};

function parseLockInfo(text: string): LockInfo | undefined {
	try {
		const value = JSON.parse(text) as Record<string, unknown>;
		const valid =
			Number.isSafeInteger(value['pid']) &&
			typeof value['host'] === 'string' &&
			typeof value['started'] === 'string';
		return valid ? (value as LockInfo) : undefined;
	} catch {
		return undefined;
	}
}

/**
The current holder of `file`, or undefined when it is gone. One that cannot be parsed may be
mid-creation by another process, so it is re-read a few times before giving up.
*/
export async function readHolder(file: string): Promise<Holder | undefined> {
	for (let attempt = 0; ; attempt++) {
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch (error) {
			if (errorCode(error) === 'ENOENT') {
				return undefined;
			}

			throw new UserError(
				`could not read the lock file ${escapeControl(file)}: ${describeFsError(error)}. Check its permissions.`,
				{cause: error},
			);
		}

		const info = parseLockInfo(text);
		if (info !== undefined) {
			return {text, info};
		}

		if (attempt >= 5) {
			throw new UserError(
				`the lock file ${escapeControl(file)} is not readable as an imgsift lock. If no imgsift session is labeling this folder, delete it.`,
			);
		}

		await delay(20);
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return errorCode(error) !== 'ESRCH';
	}
}

/** A lock from this host whose process is gone. One from another host cannot be checked. */
export function isStale(info: LockInfo): boolean {
	return info.host === os.hostname() && !isAlive(info.pid);
}

async function writeNew(file: string, text: string): Promise<void> {
	// 'wx' is O_CREAT|O_EXCL: never follows a symlink, never opens an existing file.
	const handle = await open(file, 'wx');
	try {
		await handle.writeFile(text, 'utf8');
		await handle.sync();
	} finally {
		await handle.close();
	}
}

async function createInPlace(file: string, text: string): Promise<boolean> {
	try {
		await writeNew(file, text);
		return true;
	} catch (error) {
		if (errorCode(error) === 'EEXIST') {
			return false;
		}

		// A full disk can leave it empty: an empty lock would block every later start.
		await rm(file, {force: true}).catch(() => undefined);
		throw error;
	}
}

/**
Creates `file` with `text` only if nothing (not even a symlink) has that name. Resolves false
when something does. The text goes to a temp file first, linked into place: link() is atomic and
fails on an existing name, so a kill at any moment leaves no lock or a whole one. The temp file is
removed on every path out, a full disk included.
*/
export async function createExclusive(file: string, text: string): Promise<boolean> {
	const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	try {
		await writeNew(temp, text);
		await link(temp, file);
		return true;
	} catch (error) {
		const code = errorCode(error);
		if (code === 'EEXIST') {
			return false;
		}

		// Filesystems without hard links (FAT, some network mounts): create in place instead.
		if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
			return createInPlace(file, text);
		}

		throw error;
	} finally {
		await rm(temp, {force: true}).catch(() => undefined);
	}
}

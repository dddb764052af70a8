import {randomBytes} from 'node:crypto';
import {readFileSync, unlinkSync} from 'node:fs';
import {link, mkdir, open, readFile, rename, rm, unlink} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {describeFsError, errorCode, writeRemedy} from '../../shared/fs-errors.js';
import {UserError} from '../../shared/user-error.js';
import {defaultUser} from '../../store/paths.js';

export type LockInfo = {
	readonly pid: number;
	readonly host: string;
	readonly user: string;
	/** ISO 8601 time the session started. */
	readonly started: string;
	/** Random, so a lock is recognised as ours even if a pid is reused. */
	readonly token: string;
};

export type Lock = {
	readonly path: string;
	readonly info: LockInfo;
	/** The dead session whose lock was taken over, if any. */
	readonly tookOverFrom: LockInfo | undefined;
	/** Removes the lock file if it is still ours. Resolves true when it removed it. */
	release(): Promise<boolean>;
};

type Holder = {text: string; info: LockInfo};

export function lockPath(labelsDir: string): string {
	return path.join(labelsDir, 'lock');
}

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
The current holder, or undefined when the lock file is gone. A holder that cannot be parsed may
be mid-creation by another process, so it is re-read a few times before giving up.
*/
async function readHolder(file: string): Promise<Holder | undefined> {
	for (let attempt = 0; ; attempt++) {
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch (error) {
			if (errorCode(error) === 'ENOENT') {
				return undefined;
			}

			throw new UserError(
				`could not read the lock file ${file}: ${describeFsError(error)}. Check its permissions.`,
				{cause: error},
			);
		}

		const info = parseLockInfo(text);
		if (info !== undefined) {
			return {text, info};
		}

		if (attempt >= 5) {
			throw new UserError(
				`the lock file ${file} is not readable as an imgsift lock. If no imgsift session is labeling this folder, delete it.`,
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

function isStale(info: LockInfo): boolean {
	return info.host === os.hostname() && !isAlive(info.pid);
}

function formatSince(started: string, now = new Date()): string {
	const date = new Date(started);
	if (Number.isNaN(date.getTime())) {
		return started;
	}

	const pad = (value: number): string => String(value).padStart(2, '0');
	const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
	const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
	return date.toDateString() === now.toDateString() ? time : `${day} ${time}`;
}

/**
Creates `file` with `text` only if it does not exist. Resolves false when it exists. The text is
written to a temp file first and linked into place: link() is atomic and fails on an existing
name, so a kill at any moment leaves either no lock or a whole one, never an empty lock file.
*/
async function createExclusive(file: string, text: string): Promise<boolean> {
	const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	const handle = await open(temp, 'wx');
	try {
		await handle.writeFile(text, 'utf8');
		await handle.sync();
	} finally {
		await handle.close();
	}

	try {
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
		await rm(temp, {force: true});
	}
}

async function createInPlace(file: string, text: string): Promise<boolean> {
	let handle: Awaited<ReturnType<typeof open>>;
	try {
		handle = await open(file, 'wx');
	} catch (error) {
		if (errorCode(error) === 'EEXIST') {
			return false;
		}

		throw error;
	}

	try {
		await handle.writeFile(text, 'utf8');
		await handle.sync();
	} finally {
		await handle.close();
	}

	return true;
}

/**
Replaces a stale lock with ours: written beside it, renamed over it, then re-read to confirm.
Resolves false when another process changed the lock first.
*/
async function takeOver(file: string, text: string, stale: Holder): Promise<boolean> {
	const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	try {
		if (!(await createExclusive(temp, text))) {
			return false;
		}

		// Checked again right before the rename, to keep the window for a race tiny.
		const current = await readHolder(file);
		if (current?.text !== stale.text) {
			return false;
		}

		await rename(temp, file);
		const confirmed = await readHolder(file);
		return confirmed?.text === text;
	} finally {
		await rm(temp, {force: true});
	}
}

function lockFailure(file: string, error: unknown): UserError {
	return new UserError(
		`could not create the lock file ${file}: ${describeFsError(error)}. ${writeRemedy(error)}, then start again.`,
		{cause: error},
	);
}

/**
Makes sure only one `label` process works on a dataset: creates `<labelsDir>/lock` exclusively.
A lock left by a dead process on this host is taken over; a live one, or one from another host
(whose pid cannot be checked), is a UserError naming the holder.
*/
export async function acquireLock(
	labelsDir: string,
	user = defaultUser(),
	file = lockPath(labelsDir),
): Promise<Lock> {
	// A per-user lock (team labeling) says whose session holds it.
	const subject =
		file === lockPath(labelsDir)
			? path.dirname(labelsDir)
			: `${path.dirname(labelsDir)} (as user ${user})`;
	const info: LockInfo = {
		pid: process.pid,
		host: os.hostname(),
		user,
		started: new Date().toISOString(),
		token: randomBytes(8).toString('hex'),
	};
	const text = `${JSON.stringify(info)}\n`;
	const lock = (tookOverFrom: LockInfo | undefined): Lock => ({
		path: file,
		info,
		tookOverFrom,
		release: () => releaseIfOurs(file, text),
	});

	for (let attempt = 0; attempt < 5; attempt++) {
		try {
			await mkdir(path.dirname(file), {recursive: true});
			if (await createExclusive(file, text)) {
				return lock(undefined);
			}
		} catch (error) {
			throw lockFailure(file, error);
		}

		const holder = await readHolder(file);
		if (holder === undefined) {
			continue; // Released between our attempt and the read: try again.
		}

		if (!isStale(holder.info)) {
			const {pid, host, started} = holder.info;
			throw new UserError(
				`${subject} is being labeled by pid ${pid} on host ${host} since ${formatSince(started)} (${file}). Quit that session first; if it is gone, delete ${file}.`,
			);
		}

		try {
			if (await takeOver(file, text, holder)) {
				return lock(holder.info);
			}
		} catch (error) {
			throw error instanceof UserError ? error : lockFailure(file, error);
		}
	}

	throw new UserError(
		`could not lock ${path.dirname(labelsDir)}: its lock file ${file} keeps changing, so another imgsift is starting there. Try again in a moment.`,
	);
}

async function releaseIfOurs(file: string, text: string): Promise<boolean> {
	try {
		if ((await readFile(file, 'utf8')) !== text) {
			return false;
		}

		await unlink(file);
		return true;
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return false;
		}

		throw new UserError(
			`could not remove the lock file ${file}: ${describeFsError(error)}. Delete it by hand.`,
			{cause: error},
		);
	}
}

/**
For process 'exit' handlers, where only synchronous work runs: removes the lock if it is still
ours. Never throws, since an exit handler has no one to report to. Returns true when removed.
*/
export function releaseLockSync(lock: Lock): boolean {
	try {
		if (readFileSync(lock.path, 'utf8') !== `${JSON.stringify(lock.info)}\n`) {
			return false;
		}

		unlinkSync(lock.path);
		return true;
	} catch {
		return false;
	}
}

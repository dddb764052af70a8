import {randomBytes} from 'node:crypto';
import {readFileSync, unlinkSync} from 'node:fs';
import {mkdir, readFile, unlink} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {escapeControl} from '../../shared/escape.js';
import {describeFsError, errorCode, writeRemedy} from '../../shared/fs-errors.js';
import {UserError} from '../../shared/user-error.js';
import {refuseLinkedFolder} from '../../store/own-folder.js';
import {defaultUser} from '../../store/paths.js';
import {createExclusive, isStale, type LockInfo, readHolder} from './lock-file.js';
import {takeOver} from './lock-takeover.js';

export type {LockInfo} from './lock-file.js';

export type Lock = {
	readonly path: string;
	readonly info: LockInfo;
	/** The dead session whose lock was taken over, if any. */
	readonly tookOverFrom: LockInfo | undefined;
	/** Removes the lock file if it is still ours. Resolves true when it removed it. */
	release(): Promise<boolean>;
};

export type LockOptions = {
	/** What takes the lock, for the message another start gets: label (default), commit, … */
	readonly purpose?: LockPurpose;
	/** Where the lock lives: `<labelsDir>/lock` for the folder, a per-user file for a team. */
	readonly file?: string;
};

export type LockPurpose = 'label' | 'commit' | 'check --quarantine';

/** How a refused start is told what holds the folder. */
const holdingWords: Readonly<Record<string, string>> = {
	label: 'is being labeled by',
	commit: 'is being committed by',
	'check --quarantine': 'has broken files being quarantined by',
};

/** Tries over this long while another process is mid-takeover; one takes a few ms. */
const attempts = 100;

export function lockPath(labelsDir: string): string {
	return path.join(labelsDir, 'lock');
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

function heldBy(subject: string, file: string, info: LockInfo): UserError {
	const {pid, host, started, purpose} = info;
	const words = holdingWords[purpose ?? ''] ?? 'is in use by';
	const how = purpose === undefined ? '' : ` (imgsift ${purpose})`;
	const shownFile = escapeControl(file);
	return new UserError(
		`${escapeControl(subject)} ${words} pid ${pid}${how} on host ${escapeControl(host)} since ${escapeControl(formatSince(started))} (${shownFile}). Quit that session first; if it is gone, delete ${shownFile}.`,
	);
}

function lockFailure(file: string, error: unknown): UserError {
	return new UserError(
		`could not create the lock file ${escapeControl(file)}: ${describeFsError(error)}. ${writeRemedy(error)}, then start again.`,
		{cause: error},
	);
}

/**
Makes sure only one process changes a dataset at a time: creates `<labelsDir>/lock`
exclusively. A lock left by a dead process on this host is taken over (atomically: one winner
however many start at once); a live one, or one from another host (whose pid cannot be
checked), is a UserError naming the holder and what it is doing.
*/
export async function acquireLock(
	labelsDir: string,
	user = defaultUser(),
	options: LockOptions = {},
): Promise<Lock> {
	const file = options.file ?? lockPath(labelsDir);
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
		purpose: options.purpose ?? 'label',
	};
	const text = `${JSON.stringify(info)}\n`;
	const lock = (tookOverFrom: LockInfo | undefined): Lock => ({
		path: file,
		info,
		tookOverFrom,
		release: () => releaseIfOurs(file, text),
	});

	for (let attempt = 0; attempt < attempts; attempt++) {
		try {
			await mkdir(labelsDir, {recursive: true});
			await refuseLinkedFolder(labelsDir);
			await mkdir(path.dirname(file), {recursive: true});
			if (await createExclusive(file, text)) {
				return lock(undefined);
			}
		} catch (error) {
			throw error instanceof UserError ? error : lockFailure(file, error);
		}

		const holder = await readHolder(file);
		if (holder === undefined) {
			continue; // Released between our attempt and the read: try again.
		}

		if (!isStale(holder.info)) {
			throw heldBy(subject, file, holder.info);
		}

		let result: Awaited<ReturnType<typeof takeOver>>;
		try {
			result = await takeOver(file, text, holder);
		} catch (error) {
			throw error instanceof UserError ? error : lockFailure(file, error);
		}

		if (result === 'ours') {
			return lock(holder.info);
		}

		if (result === 'busy') {
			await delay(10); // Another start is replacing it: its lock shows in a moment.
		}
	}

	throw new UserError(
		`could not lock ${escapeControl(path.dirname(labelsDir))}: its lock file ${escapeControl(file)} keeps changing, so another imgsift is starting there. Try again in a moment.`,
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
			`could not remove the lock file ${escapeControl(file)}: ${describeFsError(error)}. Delete it by hand.`,
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

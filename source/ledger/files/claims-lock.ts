/**
The short critical section around "read the pool, append a claim": an exclusive create of one lock
file. Held for a few milliseconds, so a lock older than `staleMs`, or whose process is gone, was
left by a killed session and is taken over.
*/
import {randomBytes} from 'node:crypto';
import {link, open, readFile, rename, stat, unlink} from 'node:fs/promises';
import os from 'node:os';
import {setTimeout as delay} from 'node:timers/promises';
import {describeFsError, errorCode, writeRemedy} from '../../shared/fs-errors.js';
import {UserError} from '../../shared/user-error.js';

type Holder = {pid: number; host: string; token: string; at: number};

const staleMs = 10_000;

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: alive, but another OS user's process.
		return errorCode(error) !== 'ESRCH';
	}
}

async function readHolder(file: string): Promise<{text: string; holder?: Holder} | undefined> {
	try {
		const text = await readFile(file, 'utf8');
		try {
			return {text, holder: JSON.parse(text) as Holder};
		} catch {
			return {text};
		}
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

async function isStale(file: string, seen: {text: string; holder?: Holder}): Promise<boolean> {
	const {holder} = seen;
	if (holder === undefined) {
		// Half-written by a writer killed mid-create, or being written now: judge by its age.
		const info = await stat(file).catch(() => undefined);
		return info !== undefined && Date.now() - info.mtimeMs > staleMs;
	}

	const deadHere = holder.host === os.hostname() && !isAlive(holder.pid);
	return deadHere || Date.now() - holder.at > staleMs;
}

/**
Moves a stale lock aside under a unique name, so of several takers only one gets it; a taker that
finds it moved a live lock instead (the stale one was already replaced) puts it back.
*/
async function takeOver(file: string, seen: {text: string}): Promise<void> {
	const aside = `${file}.${randomBytes(6).toString('hex')}.stale`;
	try {
		await rename(file, aside);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return;
		}

		throw error;
	}

	const moved = await readFile(aside, 'utf8').catch(() => '');
	if (moved !== seen.text) {
		await link(aside, file).catch(() => undefined);
	}

	await unlink(aside).catch(() => undefined);
}

/**
Creates the lock with the holder in it. A lock that was created but could not be written (a full
disk) is removed again: left empty, it would hold every claim off until it is old enough to take.
*/
async function createLock(file: string, text: string): Promise<void> {
	const handle = await open(file, 'wx', 0o664);
	let closed = false;
	try {
		await handle.writeFile(text, 'utf8');
		closed = true;
		await handle.close();
	} catch (error) {
		if (!closed) await handle.close().catch(() => undefined);
		await unlink(file).catch(() => undefined);
		throw error;
	}
}

/** Runs `work` while holding the lock `file`. */
export async function withClaimsLock<T>(file: string, work: () => Promise<T>): Promise<T> {
	const holder: Holder = {
		pid: process.pid,
		host: os.hostname(),
		token: randomBytes(8).toString('hex'),
		at: Date.now(),
	};
	const text = JSON.stringify(holder);
	for (let attempt = 0; ; attempt++) {
		try {
			await createLock(file, text);
			break;
		} catch (error) {
			if (errorCode(error) !== 'EEXIST') {
				throw new UserError(
					`could not take the claims lock ${file}: ${describeFsError(error)}. ${writeRemedy(error)}.`,
					{cause: error},
				);
			}
		}

		const seen = await readHolder(file);
		if (seen !== undefined && (await isStale(file, seen))) {
			await takeOver(file, seen);
			continue;
		}

		await delay(Math.min(1 + attempt, 20));
	}

	try {
		return await work();
	} finally {
		// Only our own lock is removed; a taken-over one belongs to someone else now.
		const current = await readHolder(file);
		if (current?.text === text) {
			await unlink(file).catch(() => undefined);
		}
	}
}

/**
The per-user claims logs (`.labels/claims/<user>.jsonl`): read whole for a one-off look (status,
commit), and compacted. A log only ever grows (every claim, renew and release is a line), so now
and then its owner rewrites it as the one line that stands for what it holds: written to a temp
file and renamed over the log, under the claims lock, so a reader sees the old log or the new one.
*/
import {randomBytes} from 'node:crypto';
import {open, readdir, readFile, rename, stat, unlink} from 'node:fs/promises';
import path from 'node:path';
import {errorCode} from '../../shared/fs-errors.js';
import {syncFolder} from '../../store/atomic-file.js';
import {labelsDir, userOfJournal} from '../../store/paths.js';
import {type ClaimLine, createClaimBoard, parseClaimLine} from './claim-board.js';

export function claimsDir(dataset: string): string {
	return path.join(labelsDir(dataset), 'claims');
}

/** Every user's live claims now, read from their logs without a lock (a log is never torn). */
export async function readLiveClaims(
	dataset: string,
	now = Date.now(),
): Promise<Map<string, string[]>> {
	let names: string[];
	try {
		names = await readdir(claimsDir(dataset));
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return new Map();
		}

		throw error;
	}

	const board = createClaimBoard();
	for (const name of names) {
		const user = userOfJournal(name);
		if (user === undefined || name.startsWith('.')) {
			continue;
		}

		const text = await readFile(path.join(claimsDir(dataset), name), 'utf8').catch(
			(error: unknown) => {
				if (errorCode(error) === 'ENOENT') return '';
				throw error;
			},
		);
		for (const line of text.split('\n')) {
			const parsed = line.trim() === '' ? undefined : parseClaimLine(line);
			if (parsed !== undefined) {
				board.apply(user, parsed);
			}
		}
	}

	return board.live(now);
}

/**
Replaces `file` with `lines` (none: empty, nothing held) at once: temp file, fsync, rename. Call it
under the claims lock, with no write to `file` in flight.
*/
export async function rewriteClaimsLog(file: string, lines: readonly ClaimLine[]): Promise<void> {
	const temp = path.join(
		path.dirname(file),
		`.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
	);
	const handle = await open(temp, 'wx', 0o664);
	try {
		await handle.writeFile(lines.map((line) => `${JSON.stringify(line)}\n`).join(''), 'utf8');
		await handle.sync();
	} finally {
		await handle.close();
	}

	try {
		await rename(temp, file);
	} catch (error) {
		await unlink(temp).catch(() => undefined);
		throw error;
	}

	await syncFolder(path.dirname(file));
}

/** The size of a claims log in bytes (0 when missing). */
export async function claimsLogSize(file: string): Promise<number> {
	try {
		return (await stat(file)).size;
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return 0;
		throw error;
	}
}

import type {Stats} from 'node:fs';
import {stat} from 'node:fs/promises';
import {errorCode} from './file-ops.js';
import {HalfDoneError, type MoveOptions, moveIntoClassFolder} from './move-file.js';
import {recordPathOf, resolveRecordPath} from './paths.js';
import type {CommitRecorder, FailedEntry, PlanEntry, SkippedEntry} from './types.js';

const adviceByCode: Readonly<Record<string, string>> = {
	EACCES: 'permission denied; give your user write access to the folders and commit again',
	EPERM: "operation not permitted; check the folders' permissions and commit again",
	EROFS: 'the filesystem is read-only; choose a writable output folder and commit again',
	ENOSPC: 'no space left on the device; free some space and commit again',
	EDQUOT: 'disk quota exceeded; free some space and commit again',
	ENAMETOOLONG: 'the name is too long for that filesystem; rename the file and commit again',
	ENOTDIR:
		'part of the path is a file where a folder should be; move that file aside and commit again',
	EIO: 'input/output error; check the disk and commit again',
};

function codeInChain(error: unknown): string | undefined {
	let current = error;
	for (let depth = 0; depth < 5 && current !== undefined; depth++) {
		const code = errorCode(current);
		if (code !== undefined) {
			return code;
		}

		current = current instanceof Error ? current.cause : undefined;
	}

	return undefined;
}

/** A reason people can act on, with the system's own message for the details. */
export function failureReason(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const code = codeInChain(error);
	const advice = code === undefined ? undefined : adviceByCode[code];
	return advice === undefined ? message : `${advice} (${message})`;
}

export type EntryOutcome =
	| {readonly kind: 'moved'; readonly to: string}
	| {readonly kind: 'skipped'; readonly entry: SkippedEntry}
	| {readonly kind: 'failed'; readonly entry: FailedEntry; readonly settled: boolean};

export function failedOutcome(entry: PlanEntry, error: unknown): EntryOutcome {
	return {
		kind: 'failed',
		entry: {path: entry.path, label: entry.label, reason: failureReason(error), cause: error},
		// A half-done move may have left files of ours: keep the plan so recovery sees them.
		settled: !(error instanceof HalfDoneError),
	};
}

/** Why the file at `stats` is no longer the one that was decided, or undefined when it is. */
export function changeSince(
	expected: {readonly size: number; readonly mtimeMs: number},
	stats: Stats,
): string | undefined {
	if (!stats.isFile()) {
		return 'it is no longer a regular file';
	}

	if (stats.size !== expected.size) {
		return `its size was ${expected.size} bytes when decided and is ${stats.size} now`;
	}

	if (stats.mtimeMs !== expected.mtimeMs) {
		return `it was modified at ${stats.mtime.toISOString()}, after it was decided`;
	}

	return undefined;
}

export function skippedOutcome(
	entry: PlanEntry,
	reason: SkippedEntry['reason'],
	detail: string,
): EntryOutcome {
	return {kind: 'skipped', entry: {path: entry.path, label: entry.label, reason, detail}};
}

/** Moves one entry of a fresh plan, after checking the file is still the one decided. */
export async function settleEntry(
	dir: string,
	entry: PlanEntry,
	options: MoveOptions,
): Promise<EntryOutcome> {
	const source = resolveRecordPath(dir, entry.path);
	try {
		let stats: Stats;
		try {
			stats = await stat(source);
		} catch (error) {
			if (errorCode(error) === 'ENOENT') {
				return skippedOutcome(entry, 'missing', 'the file is gone');
			}

			throw error;
		}

		return await moveIfUnchanged(dir, entry, entry, stats, options);
	} catch (error) {
		return failedOutcome(entry, error);
	}
}

/**
Moves `entry` to its planned place unless the file differs from what was decided (`decided`'s
size and mtime). Throws on a failed move; callers report it as a failed entry.
*/
export async function moveIfUnchanged(
	dir: string,
	entry: PlanEntry,
	decided: {readonly size: number; readonly mtimeMs: number},
	stats: Stats,
	options: MoveOptions,
): Promise<EntryOutcome> {
	const change = changeSince(decided, stats);
	if (change !== undefined) {
		return skippedOutcome(entry, 'changed', change);
	}

	const source = resolveRecordPath(dir, entry.path);
	const destination = resolveRecordPath(dir, entry.to);
	const finalPath = await moveIntoClassFolder(source, destination, options);
	return {kind: 'moved', to: recordPathOf(dir, finalPath)};
}

/** The journal could not take a move: the commit must stop, since nothing else records it. */
export async function recordMove(
	record: CommitRecorder,
	entry: PlanEntry,
	to: string,
): Promise<void> {
	try {
		await record({type: 'moved', path: entry.path, to, label: entry.label});
	} catch (error) {
		throw new Error(
			`${entry.path} was moved to ${to}, but the journal did not take the record, so the commit stopped; .labels/commit-plan.json keeps the plan and the next commit records the move`,
			{cause: error},
		);
	}
}

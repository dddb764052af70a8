import {constants} from 'node:fs';
import {mkdir, open, stat, utimes} from 'node:fs/promises';
import path from 'node:path';
import {
	errorCode,
	fsyncFile,
	fsyncFolder,
	lstatIfPresent,
	removeIfPresent,
	sameContent,
	sha1OfFile,
} from './file-ops.js';
import {hashedPath, partialPath} from './paths.js';
import type {FileOps} from './types.js';

/** link() fails with these where a filesystem has no hard links (FAT, some shares) or forbids them. */
const linkRefusals = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/** A move failed and so did putting things back: files of ours may be left that recovery needs. */
export class HalfDoneError extends Error {
	readonly undoError: unknown;

	constructor(error: unknown, undoError: unknown) {
		const message = error instanceof Error ? error.message : String(error);
		const undoMessage = undoError instanceof Error ? undoError.message : String(undoError);
		super(`${message}; putting things back failed too (${undoMessage})`, {cause: error});
		this.undoError = undoError;
	}
}

/** Runs `undo` when `step` fails and rethrows; a failed undo becomes a HalfDoneError. */
async function undoOnFailure(step: () => Promise<void>, undo: () => Promise<void>): Promise<void> {
	try {
		await step();
	} catch (error) {
		try {
			await undo();
		} catch (undoError) {
			throw new HalfDoneError(error, undoError);
		}

		throw error;
	}
}

/**
Puts `from` at `to` on one filesystem, failing with EEXIST rather than replacing anything.
link() then unlink(): a kill in between leaves one file under two names, which recovery finishes.
rename() alone would replace an existing `to`.
*/
export async function placeWithoutOverwrite(from: string, to: string, ops: FileOps): Promise<void> {
	try {
		await ops.link(from, to);
	} catch (error) {
		if (!linkRefusals.has(errorCode(error) ?? '')) {
			throw error;
		}

		// No hard links: reserve the name with O_EXCL, then rename over our own empty placeholder.
		const placeholder = await open(to, 'wx');
		await placeholder.close();
		await undoOnFailure(
			() => ops.rename(from, to),
			() => removeIfPresent(to, ops),
		);
		return;
	}

	// Without the undo the file would stay under both names.
	await undoOnFailure(
		() => ops.unlink(from),
		() => ops.unlink(to),
	);
}

/**
Moves across filesystems: copy to `<to>.imgsift-partial`, fsync, verify size and sha1, give it the
final name without overwriting, fsync the folder, and only then unlink the source.
*/
export async function copyAcross(from: string, to: string, ops: FileOps): Promise<void> {
	const partial = partialPath(to);
	await removeIfPresent(partial, ops);
	await undoOnFailure(
		async () => {
			await ops.copyFile(from, partial, constants.COPYFILE_EXCL);
			const sourceStats = await stat(from);
			// Keep the original times, as mv does; a filesystem that refuses is no reason to fail.
			await utimes(partial, sourceStats.atimeMs / 1000, sourceStats.mtimeMs / 1000).catch(
				() => undefined,
			);
			await fsyncFile(partial);
			if (!(await sameContent(from, partial))) {
				throw new Error(
					`the copy at ${partial} does not match the original (size or sha1 differ); check the disk and commit again`,
				);
			}

			await placeWithoutOverwrite(partial, to, ops);
		},
		() => removeIfPresent(partial, ops),
	);
	await undoOnFailure(
		async () => {
			await fsyncFolder(path.dirname(to));
			await ops.unlink(from);
		},
		() => ops.unlink(to),
	);
}

/** Moves a file without ever replacing another: same filesystem by link, else by verified copy. */
export async function moveFile(from: string, to: string, ops: FileOps): Promise<void> {
	try {
		await placeWithoutOverwrite(from, to, ops);
	} catch (error) {
		if (errorCode(error) !== 'EXDEV') {
			throw error;
		}

		await copyAcross(from, to, ops);
	}
}

/**
The file at `other` is the one at `kept`: a second link to the same inode, or a finished copy
(equal size and sha1). Used where a write-ahead intent says a move between the two was under way.
*/
export async function isCopyOf(kept: string, other: string): Promise<boolean> {
	const [keptStats, otherStats] = await Promise.all([lstatIfPresent(kept), lstatIfPresent(other)]);
	if (!keptStats?.isFile() || !otherStats?.isFile()) {
		return false;
	}

	if (keptStats.dev === otherStats.dev && keptStats.ino === otherStats.ino) {
		// One link: the same file under two spellings (a case-insensitive folder), not a copy.
		return keptStats.nlink >= 2;
	}

	return sameContent(kept, other);
}

type Occupant = 'free' | 'ours' | 'other';

/**
What is at `destination`: nothing; the source's own bytes (a move cut short: the same inode under
a second name, or, when `adoptEqualContent`, a finished copy); or another file.
*/
async function occupantOf(
	source: string,
	destination: string,
	adoptEqualContent: boolean,
): Promise<Occupant> {
	const there = await lstatIfPresent(destination);
	if (!there) {
		return 'free';
	}

	if (!there.isFile()) {
		return 'other';
	}

	const here = await stat(source);
	if (there.dev === here.dev && there.ino === here.ino) {
		// One link means the destination is the source itself under another spelling (a
		// case-insensitive folder): unlinking the source would delete the only copy.
		if (there.nlink < 2) {
			throw new Error(`${destination} is the same file as ${source}; rename the class folder`);
		}

		return 'ours';
	}

	return adoptEqualContent && (await sameContent(source, destination)) ? 'ours' : 'other';
}

export type MoveOptions = {
	readonly ops: FileOps;
	/** Treat an equal-content file at the destination as our finished copy (recovery, restore). */
	readonly adoptEqualContent: boolean;
};

/** Moves `source` to `destination` unless another file holds that name; true when it is there. */
export async function moveUnlessTaken(
	source: string,
	destination: string,
	{ops, adoptEqualContent}: MoveOptions,
): Promise<boolean> {
	if (path.resolve(source) === path.resolve(destination)) {
		throw new Error(`${source} is already where it would go; nothing to move`);
	}

	// Twice: a name that was free can be taken between the check and the move.
	for (let attempt = 0; attempt < 2; attempt++) {
		const occupant = await occupantOf(source, destination, adoptEqualContent);
		if (occupant === 'other') {
			return false;
		}

		if (occupant === 'ours') {
			await ops.unlink(source);
			return true;
		}

		try {
			await moveFile(source, destination, ops);
			return true;
		} catch (error) {
			if (errorCode(error) !== 'EEXIST') {
				throw error;
			}
		}
	}

	return false;
}

/**
Moves `source` into `destination`'s folder under the plain name, or `<stem>.<sha1 8><ext>` when a
different file holds it. Returns where the file went. Never replaces a file.
*/
export async function moveIntoClassFolder(
	source: string,
	destination: string,
	options: MoveOptions,
): Promise<string> {
	await mkdir(path.dirname(destination), {recursive: true});
	if (await moveUnlessTaken(source, destination, options)) {
		return destination;
	}

	const hashed = hashedPath(destination, await sha1OfFile(source));
	if (await moveUnlessTaken(source, hashed, options)) {
		return hashed;
	}

	throw new Error(
		`both ${destination} and ${hashed} are taken by other files; rename one of them and commit again`,
	);
}

import {stat} from 'node:fs/promises';
import path from 'node:path';
import {entries, getEntry} from '../../core/persistent-map.js';
import type {SessionState} from '../../core/session-state.js';
import type {CheckCache} from '../../scan/check-cache.js';
import {readAndHash} from '../../scan/content-hash.js';
import {forEachConcurrently} from '../../shared/pool.js';
import {itemPathProblem, resolveRecordPath} from './paths.js';

export type ContentHashOptions = {
	/** The dataset folder. */
	readonly dir: string;
	readonly state: SessionState;
	/** Paths the plan leaves out (settled by the recovery of an interrupted commit). */
	readonly exclude?: ReadonlySet<string>;
	/**
	The check cache whose SHA-1s are reused; false: none. By default `.labels/check-cache.jsonl`,
	when there is more to read than loading it costs.
	*/
	readonly cacheFile?: string | false;
	/** Files read at once. */
	readonly concurrency?: number;
};

export type ContentHashes = {
	/** Item path to the SHA-1 of its file (where it was moved to, for a moved item). */
	readonly hashes: ReadonlyMap<string, string>;
	/** Files that shared their size with another decided file: the only ones that can be copies. */
	readonly candidates: number;
	readonly fromCache: number;
	readonly read: number;
};

type Candidate = {
	readonly path: string;
	readonly file: string;
	readonly size: number;
	readonly mtimeMs: number;
	readonly moved: boolean;
};

/** Every decided file the plan may weigh: pending ones where they are, moved ones where they went. */
function decidedFiles(
	dir: string,
	state: SessionState,
	exclude?: ReadonlySet<string>,
): Candidate[] {
	const files: Candidate[] = [];
	for (const [itemPath, {size, mtimeMs}] of entries(state.decisions)) {
		const to = getEntry(state.moved, itemPath);
		if (to !== undefined) {
			files.push({path: itemPath, file: resolveRecordPath(dir, to), size, mtimeMs, moved: true});
		} else if (!exclude?.has(itemPath) && itemPathProblem(itemPath) === undefined) {
			files.push({
				path: itemPath,
				file: resolveRecordPath(dir, itemPath),
				size,
				mtimeMs,
				moved: false,
			});
		}
	}

	return files;
}

/** Only files of equal size can hold equal bytes: the rest need no read at all. */
function sameSizeFiles(files: readonly Candidate[]): Candidate[] {
	const bySize = new Map<number, Candidate[]>();
	for (const file of files) {
		const group = bySize.get(file.size);
		if (group) {
			group.push(file);
		} else {
			bySize.set(file.size, [file]);
		}
	}

	return [...bySize.values()].filter((group) => group.length > 1).flat();
}

/**
Below this many bytes to read, reading beats the cache: its module loads the image decoder, which
took 0.27-0.6 s on the busy 2-core box, while 32 MiB of files hash in about 50 ms once cached
by the OS.
*/
const cacheWorthBytes = 32 * 1024 * 1024;

async function openCache(
	dir: string,
	candidates: readonly Candidate[],
	cacheFile?: string | false,
) {
	const bytes = candidates.reduce((sum, candidate) => sum + candidate.size, 0);
	if (cacheFile === false || (cacheFile === undefined && bytes < cacheWorthBytes)) {
		return undefined;
	}

	const {checkCachePath, openCheckCache} = await import('../../scan/check-cache.js');
	// Read only, never closed: closing may compact the file under a labeling session's feed.
	return openCheckCache(cacheFile ?? checkCachePath(dir));
}

type Hasher = {
	readonly cache: CheckCache | undefined;
	readonly counts: {fromCache: number; read: number};
	/** One read per inode: hard links (a set linked from a pool, say) share their bytes. */
	readonly byInode: Map<string, Promise<string | undefined>>;
};

async function hashOf(candidate: Candidate, hasher: Hasher): Promise<string | undefined> {
	let found: Awaited<ReturnType<typeof stat>>;
	try {
		found = await stat(candidate.file);
	} catch {
		return undefined; // Gone: the commit reports a missing pending file itself.
	}

	const unchanged = found.size === candidate.size && found.mtimeMs === candidate.mtimeMs;
	if (!found.isFile() || (!unchanged && !candidate.moved)) {
		return undefined; // Changed since decided: the commit skips it, so it belongs to no group.
	}

	const {cache, counts, byInode} = hasher;
	const cached = unchanged
		? cache?.get(candidate.path, found.size, found.mtimeMs)?.sha1
		: undefined;
	if (cached !== undefined) {
		counts.fromCache++;
		return cached;
	}

	const inode = `${found.dev}:${found.ino}`;
	let hashing = byInode.get(inode);
	if (hashing === undefined) {
		hashing = readAndHash(candidate.file, found.size).then(
			({sha1}) => {
				counts.read++;
				return sha1;
			},
			// Unreadable: weighed as unique, and moved (or reported) as before.
			() => undefined,
		);
		byInode.set(inode, hashing);
	}

	return hashing;
}

/**
The SHA-1 of each decided file that shares its size with another decided file, pending or moved:
the plan's evidence for exact copies decided apart (before the labeling loop's checks reached
them, in a session before those checks existed, or with different labels). Hashes come from the
check cache when path, size and mtime match, else from reading the file. A pending file that
changed since it was decided, is gone, or cannot be read gets no hash.
*/
export async function hashPossibleCopies(options: ContentHashOptions): Promise<ContentHashes> {
	const dir = path.resolve(options.dir);
	const candidates = sameSizeFiles(decidedFiles(dir, options.state, options.exclude));
	const hashes = new Map<string, string>();
	const counts = {fromCache: 0, read: 0};
	if (candidates.length === 0) {
		return {hashes, candidates: 0, ...counts};
	}

	const hasher: Hasher = {
		cache: await openCache(dir, candidates, options.cacheFile),
		counts,
		byInode: new Map(),
	};
	async function* queue() {
		yield* candidates;
	}

	await forEachConcurrently(queue(), options.concurrency ?? 4, async (candidate) => {
		const sha1 = await hashOf(candidate, hasher);
		if (sha1 !== undefined) {
			hashes.set(candidate.path, sha1);
		}
	});
	return {hashes, candidates: candidates.length, ...counts};
}

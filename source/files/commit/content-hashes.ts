import {access, stat} from 'node:fs/promises';
import path from 'node:path';
import {entries, getEntry} from '../../core/persistent-map.js';
import type {SessionState} from '../../core/session-state.js';
import type {CheckCache} from '../../scan/check-cache.js';
import {checkCachePath} from '../../scan/check-types.js';
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

/** A decided file that may be a copy: `to` is where a past commit moved it, if it did. */
type Candidate = {
	readonly path: string;
	readonly to: string | undefined;
	readonly size: number;
	readonly mtimeMs: number;
};

/**
Every decided file the plan may weigh (pending ones where they are, moved ones where they went)
that shares its size with another: only files of equal size can hold equal bytes, the rest need
no read at all. Sizes are counted first, so a file of a size of its own costs no object.
*/
function sameSizeFiles(state: SessionState, exclude?: ReadonlySet<string>): Candidate[] {
	const weighed = (itemPath: string, to: string | undefined) =>
		to !== undefined || (!exclude?.has(itemPath) && itemPathProblem(itemPath) === undefined);
	const sizes = new Map<number, number>();
	for (const [itemPath, {size}] of entries(state.decisions)) {
		if (weighed(itemPath, getEntry(state.moved, itemPath))) {
			sizes.set(size, (sizes.get(size) ?? 0) + 1);
		}
	}

	const files: Candidate[] = [];
	for (const [itemPath, {size, mtimeMs}] of entries(state.decisions)) {
		const to = getEntry(state.moved, itemPath);
		if ((sizes.get(size) ?? 0) > 1 && weighed(itemPath, to)) {
			files.push({path: itemPath, to, size, mtimeMs});
		}
	}

	return files;
}

/**
Below this many bytes to read, reading beats the cache: its module loads the image decoder, which
took 0.27-0.6 s on the busy 2-core box, while 32 MiB of files hash in about 50 ms once cached
by the OS.
*/
const cacheWorthBytes = 32 * 1024 * 1024;

const isPresent = (file: string) =>
	access(file).then(
		() => true,
		() => false,
	);

async function openCache(
	dir: string,
	candidates: readonly Candidate[],
	cacheFile?: string | false,
) {
	const bytes = candidates.reduce((sum, candidate) => sum + candidate.size, 0);
	if (cacheFile === false || (cacheFile === undefined && bytes < cacheWorthBytes)) {
		return undefined;
	}

	// No `check` ran here: loading the cache's module (and the decoder it brings) would find nothing.
	const file = cacheFile ?? checkCachePath(dir);
	if (cacheFile === undefined && !(await isPresent(file))) {
		return undefined;
	}

	const {openCheckCache} = await import('../../scan/check-cache.js');
	// Read only, never closed: closing may compact the file under a labeling session's feed.
	return openCheckCache(file);
}

type Hasher = {
	readonly dir: string;
	readonly cache: CheckCache | undefined;
	readonly counts: {fromCache: number; read: number};
	/**
	One read per inode: hard links (a set linked from a pool, say) share their bytes. Only files
	with more than one link go here, keyed by device and inode, and a finished read leaves its
	hash, not its promise: 100k linked files held a promise and a key string each.
	*/
	readonly byInode: Map<number, Map<number, Promise<string | undefined> | string | undefined>>;
};

function readOnce(
	hasher: Hasher,
	file: string,
	found: {
		readonly dev: number;
		readonly ino: number;
		readonly size: number;
		readonly nlink: number;
	},
): Promise<string | undefined> | string | undefined {
	const read = () =>
		readAndHash(file, found.size).then(
			({sha1}) => {
				hasher.counts.read++;
				return sha1;
			},
			// Unreadable: weighed as unique, and moved (or reported) as before.
			() => undefined,
		);
	if (found.nlink < 2) {
		return read();
	}

	let device = hasher.byInode.get(found.dev);
	if (device === undefined) {
		device = new Map();
		hasher.byInode.set(found.dev, device);
	}

	if (device.has(found.ino)) {
		return device.get(found.ino);
	}

	const inode = device;
	const hashing = read().then((sha1) => {
		inode.set(found.ino, sha1);
		return sha1;
	});
	inode.set(found.ino, hashing);
	return hashing;
}

async function hashOf(candidate: Candidate, hasher: Hasher): Promise<string | undefined> {
	const file = resolveRecordPath(hasher.dir, candidate.to ?? candidate.path);
	let found: Awaited<ReturnType<typeof stat>>;
	try {
		found = await stat(file);
	} catch {
		return undefined; // Gone: the commit reports a missing pending file itself.
	}

	const unchanged = found.size === candidate.size && found.mtimeMs === candidate.mtimeMs;
	if (!found.isFile() || (!unchanged && candidate.to === undefined)) {
		return undefined; // Changed since decided: the commit skips it, so it belongs to no group.
	}

	const cached = unchanged
		? hasher.cache?.get(candidate.path, found.size, found.mtimeMs)?.sha1
		: undefined;
	if (cached !== undefined) {
		hasher.counts.fromCache++;
		return cached;
	}

	return readOnce(hasher, file, found);
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
	const candidates = sameSizeFiles(options.state, options.exclude);
	const hashes = new Map<string, string>();
	const counts = {fromCache: 0, read: 0};
	if (candidates.length === 0) {
		return {hashes, candidates: 0, ...counts};
	}

	const hasher: Hasher = {
		dir,
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

/** Only the hashes another file shares: the plan's copy groups, without the unique files. */
export function sharedHashes(hashes: ReadonlyMap<string, string>): Map<string, string> {
	const seen = new Map<string, number>();
	for (const sha1 of hashes.values()) seen.set(sha1, (seen.get(sha1) ?? 0) + 1);
	const shared = new Map<string, string>();
	for (const [itemPath, sha1] of hashes) {
		if ((seen.get(sha1) ?? 0) > 1) shared.set(itemPath, sha1);
	}

	return shared;
}

import {access, stat} from 'node:fs/promises';
import path from 'node:path';
import {entries, getEntry, hasEntry} from '../../core/persistent-map.js';
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

/**
Decided files of one size, two or more, that the plan may weigh (pending ones where they are, moved
ones where they went): only files of equal size can hold equal bytes, the rest need no read at
all. Sizes are counted first, so a file of a size of its own costs nothing.
*/
function sizeGroups(state: SessionState, exclude?: ReadonlySet<string>): string[][] {
	const weighed = (itemPath: string) =>
		hasEntry(state.moved, itemPath) ||
		(!exclude?.has(itemPath) && itemPathProblem(itemPath) === undefined);
	const sizes = new Map<number, number>();
	for (const [itemPath, {size}] of entries(state.decisions)) {
		if (weighed(itemPath)) sizes.set(size, (sizes.get(size) ?? 0) + 1);
	}

	const groups = new Map<number, string[]>();
	for (const [itemPath, {size}] of entries(state.decisions)) {
		if ((sizes.get(size) ?? 0) < 2 || !weighed(itemPath)) continue;
		const group = groups.get(size);
		if (group) {
			group.push(itemPath);
		} else {
			groups.set(size, [itemPath]);
		}
	}

	return [...groups.values()];
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

async function openCache(dir: string, bytes: number, cacheFile?: string | false) {
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

type Inodes = Map<number, Map<number, Promise<string | undefined> | string | undefined>>;

type Hasher = {
	readonly dir: string;
	readonly state: SessionState;
	readonly cache: CheckCache | undefined;
	readonly counts: {fromCache: number; read: number};
};

/** The files of one size being hashed, and what they found so far. */
type Group = {
	left: number;
	readonly found: Map<string, string>;
	/**
	One read per inode: hard links (a set linked from a pool, say) share their bytes, and so their
	size. Only files with more than one link go here, by device and inode, and a finished read
	leaves its hash, not its promise (100k linked files held a promise and a key string each).
	*/
	readonly inodes: Inodes;
};

function readOnce(
	hasher: Hasher,
	inodes: Inodes,
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

	let device = inodes.get(found.dev);
	if (device === undefined) {
		device = new Map();
		inodes.set(found.dev, device);
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

async function hashOf(
	itemPath: string,
	hasher: Hasher,
	inodes: Inodes,
): Promise<string | undefined> {
	const decided = getEntry(hasher.state.decisions, itemPath);
	const to = getEntry(hasher.state.moved, itemPath);
	if (decided === undefined) return undefined;
	const file = resolveRecordPath(hasher.dir, to ?? itemPath);
	let found: Awaited<ReturnType<typeof stat>>;
	try {
		found = await stat(file);
	} catch {
		return undefined; // Gone: the commit reports a missing pending file itself.
	}

	const unchanged = found.size === decided.size && found.mtimeMs === decided.mtimeMs;
	if (!found.isFile() || (!unchanged && to === undefined)) {
		return undefined; // Changed since decided: the commit skips it, so it belongs to no group.
	}

	const cached = unchanged
		? hasher.cache?.get(itemPath, found.size, found.mtimeMs)?.sha1
		: undefined;
	if (cached !== undefined) {
		hasher.counts.fromCache++;
		return cached;
	}

	return readOnce(hasher, inodes, file, found);
}

/**
The SHA-1 of each decided file that shares its size with another decided file, pending or moved:
the plan's evidence for exact copies decided apart (before the labeling loop's checks reached
them, in a session before those checks existed, or with different labels). Hashes come from the
check cache when path, size and mtime match, else from reading the file. A pending file that
changed since it was decided, is gone, or cannot be read gets no hash. With `copiesOnly`, only
the hashes another file shares are kept, each size's files let go as soon as they are hashed.
*/
export async function hashPossibleCopies(
	options: ContentHashOptions & {readonly copiesOnly?: boolean},
): Promise<ContentHashes> {
	const dir = path.resolve(options.dir);
	const groups = sizeGroups(options.state, options.exclude);
	const hashes = new Map<string, string>();
	const counts = {fromCache: 0, read: 0};
	let candidates = 0;
	let bytes = 0;
	for (const group of groups) {
		candidates += group.length;
		bytes += group.length * (getEntry(options.state.decisions, group[0] ?? '')?.size ?? 0);
	}

	if (candidates === 0) {
		return {hashes, candidates: 0, ...counts};
	}

	const hasher: Hasher = {
		dir,
		state: options.state,
		cache: await openCache(dir, bytes, options.cacheFile),
		counts,
	};
	async function* queue() {
		for (const paths of groups) {
			const group: Group = {left: paths.length, found: new Map(), inodes: new Map()};
			for (const itemPath of paths) yield {itemPath, group};
		}
	}

	await forEachConcurrently(queue(), options.concurrency ?? 4, async ({itemPath, group}) => {
		const sha1 = await hashOf(itemPath, hasher, group.inodes);
		if (sha1 !== undefined) group.found.set(itemPath, sha1);
		group.left--;
		if (group.left === 0) {
			for (const [hashed, hash] of options.copiesOnly ? sharedHashes(group.found) : group.found) {
				hashes.set(hashed, hash);
			}
		}
	});
	return {hashes, candidates, ...counts};
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

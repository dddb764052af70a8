import {createHash, randomBytes} from 'node:crypto';
import {mkdir, readdir, rename, rm, stat, utimes} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {errorCode} from '../../shared/fs-errors.js';
import {syncFolder} from '../../store/atomic-file.js';

/** Which object a cache entry holds: the same key with a new ETag is a new object. */
export type ObjectId = {
	readonly endpoint: string | undefined;
	readonly bucket: string;
	readonly key: string;
	readonly etag: string;
};

/** What the original was, kept in the name of its view copy (which is a smaller JPEG). */
export type OriginalInfo = {
	readonly sha1: string;
	readonly size: number;
	readonly width: number;
	readonly height: number;
	readonly format: string;
};

export type CachedView = {readonly file: string; readonly original: OriginalInfo};

export type ObjectCache = {
	readonly dir: string;
	/** The view copy of an object, marked as just used; undefined when not cached. */
	lookup(id: ObjectId): Promise<CachedView | undefined>;
	/** A fresh temp path inside the cache folder, for a download or a view copy to be written to. */
	tempFile(): string;
	/** Renames a written, fsynced temp file into place as the view copy of `id`; evicts over cap. */
	adopt(id: ObjectId, temp: string, original: OriginalInfo): Promise<CachedView>;
	/** Bytes held now. */
	bytes(): Promise<number>;
};

export const defaultCacheBytes = 2 * 1024 ** 3;

/** ~/.cache/imgsift/s3 (or $XDG_CACHE_HOME/imgsift/s3): shared by every prefix and state folder. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
	const base = env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache');
	return path.join(base, 'imgsift', 's3');
}

export function objectIdHash(id: ObjectId): string {
	const text = [id.endpoint ?? 'aws', id.bucket, id.key, id.etag].join('\n');
	return createHash('sha1').update(text).digest('hex');
}

// <id>.<sha1 of original>.<size>.<width>x<height>.<format>.view
const viewName = /^([0-9a-f]{40})\.([0-9a-f]{40})\.(\d+)\.(\d+)x(\d+)\.([a-z0-9]+)\.view$/;

function nameOf(idHash: string, original: OriginalInfo): string {
	const format = original.format.toLowerCase().replace(/[^a-z0-9]/g, '') || 'unknown';
	return `${idHash}.${original.sha1}.${original.size}.${original.width}x${original.height}.${format}.view`;
}

function parseName(name: string): {idHash: string; original: OriginalInfo} | undefined {
	const match = viewName.exec(name);
	if (!match) {
		return undefined;
	}

	const [, idHash = '', sha1 = '', size, width, height, format = ''] = match;
	return {
		idHash,
		original: {sha1, size: Number(size), width: Number(width), height: Number(height), format},
	};
}

type Held = {name: string; original: OriginalInfo; bytes: number; usedMs: number};

/**
A folder of view copies, capped in bytes, least recently used out. Last use is the file's mtime
(touched on every hit), so the order survives restarts; the index is rebuilt by one listing when
the cache opens. A missing folder is an empty cache. Leftover temp files of a killed run go.
*/
export async function openObjectCache(options: {
	readonly dir: string;
	readonly capBytes?: number;
}): Promise<ObjectCache> {
	const dir = path.resolve(options.dir);
	const capBytes = options.capBytes ?? defaultCacheBytes;
	await mkdir(dir, {recursive: true});
	const held = new Map<string, Held>();
	let total = 0;
	for (const name of await readdir(dir)) {
		const file = path.join(dir, name);
		const parsed = parseName(name);
		if (parsed === undefined) {
			if (name.endsWith('.tmp')) {
				await rm(file, {force: true});
			}

			continue;
		}

		try {
			const stats = await stat(file);
			held.set(parsed.idHash, {
				name,
				original: parsed.original,
				bytes: stats.size,
				usedMs: stats.mtimeMs,
			});
			total += stats.size;
		} catch (error) {
			if (errorCode(error) !== 'ENOENT') {
				throw error;
			}
		}
	}

	const drop = async (idHash: string, entry: Held): Promise<void> => {
		held.delete(idHash);
		total -= entry.bytes;
		await rm(path.join(dir, entry.name), {force: true});
	};

	const evict = async (keep: string): Promise<void> => {
		if (total <= capBytes) {
			return;
		}

		const oldestFirst = [...held].sort(([, left], [, right]) => left.usedMs - right.usedMs);
		for (const [idHash, entry] of oldestFirst) {
			if (total <= capBytes) {
				break;
			}

			if (idHash !== keep) {
				await drop(idHash, entry);
			}
		}
	};

	let clock = 0;
	// Strictly increasing, so two uses in one millisecond still order.
	const now = () => {
		clock = Math.max(clock + 1, Date.now());
		return clock;
	};

	return {
		dir,
		async lookup(id) {
			const idHash = objectIdHash(id);
			const entry = held.get(idHash);
			if (entry === undefined) {
				return undefined;
			}

			const file = path.join(dir, entry.name);
			entry.usedMs = now();
			const seconds = entry.usedMs / 1000;
			try {
				await utimes(file, seconds, seconds);
			} catch (error) {
				if (errorCode(error) === 'ENOENT') {
					// Removed behind our back (another imgsift sharing the cache evicted it).
					held.delete(idHash);
					total -= entry.bytes;
					return undefined;
				}

				throw error;
			}

			return {file, original: entry.original};
		},
		tempFile() {
			return path.join(dir, `.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
		},
		async adopt(id, temp, original) {
			const idHash = objectIdHash(id);
			const name = nameOf(idHash, original);
			const bytes = (await stat(temp)).size;
			await rename(temp, path.join(dir, name));
			await syncFolder(dir);
			const previous = held.get(idHash);
			if (previous !== undefined && previous.name !== name) {
				await drop(idHash, previous);
			} else if (previous !== undefined) {
				total -= previous.bytes;
			}

			held.set(idHash, {name, original, bytes, usedMs: now()});
			total += bytes;
			await evict(idHash);
			return {file: path.join(dir, name), original};
		},
		async bytes() {
			return total;
		},
	};
}

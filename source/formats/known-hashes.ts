/**
SHA-1s that `imgsift check` already computed, read from its cache without loading the checker
(which pulls in sharp): path to hash, trusted only while the file's size and mtime still match.
*/
import {createReadStream} from 'node:fs';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {checkCacheVersion} from '../scan/check-types.js';
import {errorCode} from '../shared/fs-errors.js';
import {labelsDir} from '../store/paths.js';

/** The check cache's file (scan/check-cache.ts writes it). */
const cacheName = 'check-cache.jsonl';
/**
A line's SHA-1 means the same in every version since 1, so older lines count too. (This read only
version 1 while the cache wrote 2, so it found nothing.)
*/
const isKnownVersion = (v: unknown) =>
	typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= checkCacheVersion;

type Known = {readonly size: number; readonly mtimeMs: number; readonly sha1: string};

export type KnownHashes = {
	get(itemPath: string, size: number, mtimeMs: number): string | undefined;
};

export async function readKnownHashes(dir: string): Promise<KnownHashes> {
	const known = new Map<string, Known>();
	try {
		const lines = createInterface({input: createReadStream(path.join(labelsDir(dir), cacheName))});
		for await (const line of lines) {
			// Lines without a hash (most fields are facts we do not need) are passed over unparsed.
			if (!line.includes('"sha1"')) {
				continue;
			}

			try {
				const value = JSON.parse(line) as Record<string, unknown>;
				const {v, path: itemPath, size, mtimeMs, sha1} = value;
				if (isKnownVersion(v) && typeof itemPath === 'string' && typeof sha1 === 'string') {
					known.set(itemPath, {size: Number(size), mtimeMs: Number(mtimeMs), sha1});
				}
			} catch {
				// A line torn by a crash: the cache's own compaction drops it.
			}
		}
	} catch (error) {
		if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') {
			throw error;
		}
	}

	return {
		get(itemPath, size, mtimeMs) {
			const entry = known.get(itemPath);
			return entry && entry.size === size && entry.mtimeMs === mtimeMs ? entry.sha1 : undefined;
		},
	};
}

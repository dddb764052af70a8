import path from 'node:path';
import type {CheckReason} from '../image/validate.js';
import {labelsDir} from '../store/paths.js';

export type {CheckReason} from '../image/validate.js';

/**
The check cache's line version. 3: lines carry `phashCentre`; older lines are read again, so every
image gets the crop-tolerant hash (formats/known-hashes.ts still takes their SHA-1s).
*/
export const checkCacheVersion = 3;

export function checkCachePath(dir: string): string {
	return path.join(labelsDir(dir), 'check-cache.jsonl');
}

/** What checking one file found: stored in the cache, keyed by path, size and mtime. */
export type FileFacts = {
	readonly size: number;
	readonly mtimeMs: number;
	/** Lower-case hex SHA-1 of the whole file; missing for empty or unreadable files. */
	readonly sha1?: string;
	/** Format sniffed from the content by the decoder ('jpeg', 'png', 'HEIC', …). */
	readonly format?: string;
	readonly width?: number;
	readonly height?: number;
	/** 64-bit dHash, 16 hex digits; only for images that decoded. */
	readonly dhash?: string;
	/** 64-bit DCT hash (pHash), 16 hex digits; only for images that decoded. */
	readonly phash?: string;
	/** The pHash of the image's centre (image/dct-hash.ts pHashOfCentre), to find small crops. */
	readonly phashCentre?: string;
	/**
	The picture digest (image/picture-digest.ts): files that share one decode to the same pixels.
	Only for JPEG and PNG images read whole; lines cached before it lack it and are judged by decoding.
	*/
	readonly picture?: string;
	/** Set when the file is not a usable image. */
	readonly reason?: CheckReason;
	readonly detail?: string;
};

export type CheckedFile = FileFacts & {
	/** Relative to the checked folder, `/` separators. */
	readonly path: string;
	/** True when the facts came from the cache rather than from reading the file. */
	readonly cached: boolean;
};

/** The file's stat, as the check cache keys it. */
export type CheckKey = {readonly size: number; readonly mtimeMs: number};

export type PathNote = {readonly path: string; readonly reason: string};

export type CheckProgress = {
	/** Files the walk has found so far. */
	readonly found: number;
	/** Files finished, from the cache or read. */
	readonly done: number;
	readonly fromCache: number;
	/** Bytes read and decoded so far (cache hits read nothing). */
	readonly bytesRead: number;
	/** True once the walk has listed every folder, so `found` is the total. */
	readonly walkDone: boolean;
};

export type CheckRun = {
	/** Every regular file found, in walk order (byte order of names, depth-first). */
	readonly files: readonly CheckedFile[];
	/** Left out on purpose: symbolic links, pipes, files that vanished during the run. */
	readonly skipped: readonly PathNote[];
	/** Folders or names that could not be read. */
	readonly walkProblems: readonly PathNote[];
	/** False when stopped early (Ctrl-C): the files list covers only what was finished. */
	readonly complete: boolean;
	readonly elapsedMs: number;
	readonly bytesRead: number;
	/** Set when the cache could not be read or written; the check itself still ran. */
	readonly cacheWarning?: string;
};

/** Larger images are reported from their header, never decoded. */
export const defaultMaxPixels = 100_000_000;
/** pHash bits for a near-duplicate candidate; the thumbnail test then decides (image/near-match). */
export const defaultNearDistance = 12;

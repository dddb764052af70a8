import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {checkFile, reuseFacts} from '../../scan/check.js';
import {checkCachePath, openCheckCache} from '../../scan/check-cache.js';
import type {CheckedFile, CheckRun, FileFacts, PathNote} from '../../scan/check-types.js';
import {forEachConcurrently} from '../../shared/pool.js';
import type {S3Connection} from './connect.js';
import {downloadObject} from './download.js';
import {type ListedObject, listObjects} from './list.js';
import type {S3Location} from './location.js';
import {type RetryOptions, withRetries} from './retry.js';
import {S3RequestError} from './s3-errors.js';

export type CheckS3Options = RetryOptions & {
	readonly connection: S3Connection;
	readonly location: S3Location;
	/** The prefix's local state folder: the check cache is its `.labels/check-cache.jsonl`. */
	readonly stateDir: string;
	/** Full key prefixes left out (the output prefix). */
	readonly ignore: readonly string[];
	readonly maxPixels: number;
	/** Objects downloaded and decoded at once (default 4: latency, not CPU, is the limit). */
	readonly workers?: number;
	readonly onProgress?: (done: number, found: number, downloaded: number) => void;
};

/**
The cache key of an object's facts: its item path and ETag (the size rides along as the cache's
size check). A replaced object has a new ETag, so its old facts are never reused; an unchanged
one is never downloaded again. LastModified is left out: a copy of the same bytes keeps its ETag.
*/
function cacheKeyOf(object: ListedObject): string {
	return `${object.path}\t${object.etag}`;
}

const factsMtime = 0;

/**
`imgsift check` on a prefix: each object not in the check cache is streamed to a temp file
(SHA-1 while it arrives), fully decoded, and deleted; the facts (hash, format, size, dHash, or
why it is broken) go to the cache keyed by ETag. The result is a CheckRun like a folder's, so
the same report (exact and near duplicates, broken images) is built from it.
*/
export async function checkS3Prefix(options: CheckS3Options): Promise<CheckRun> {
	const started = performance.now();
	const {client} = options.connection;
	const {bucket} = options.location;
	const cache = await openCheckCache(checkCachePath(options.stateDir));
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'imgsift-check-s3-'));
	const files: Array<CheckedFile | undefined> = [];
	const skipped: PathNote[] = [];
	let found = 0;
	let done = 0;
	let downloaded = 0;
	let bytesRead = 0;
	const listing = listObjects(client, options.location, {
		...options,
		allFiles: true,
		ignore: options.ignore,
	});
	async function* indexed(): AsyncGenerator<{index: number; object: ListedObject}> {
		for await (const batch of listing) {
			for (const object of batch) {
				yield {index: found++, object};
			}
		}
	}

	const factsOf = async (object: ListedObject): Promise<FileFacts | undefined> => {
		const temp = path.join(scratch, `${downloaded}-${Math.random().toString(36).slice(2)}`);
		try {
			const got = await withRetries(
				`Cannot download s3://${bucket}/${object.key}`,
				() =>
					downloadObject(
						client,
						{bucket, key: object.key, etag: object.etag},
						temp,
						options.signal,
					),
				options,
			);
			downloaded++;
			bytesRead += got.size;
			const facts = await checkFile(temp, {size: got.size, mtimeMs: factsMtime}, options.maxPixels);
			// Messages name the object, never the scratch file it passed through.
			return facts.detail === undefined
				? facts
				: {...facts, detail: facts.detail.replaceAll(temp, object.key)};
		} catch (error) {
			const failure = error instanceof S3RequestError ? error.failure : undefined;
			if (failure?.kind === 'unreadable' && failure.status === 404) {
				skipped.push({path: object.path, reason: 'deleted during the check'});
				return undefined;
			}

			if (failure?.kind === 'unreadable' || failure?.kind === 'changed') {
				return {
					size: object.size,
					mtimeMs: factsMtime,
					reason: 'unreadable',
					detail: failure.reason,
				};
			}

			throw error;
		} finally {
			await rm(temp, {force: true});
		}
	};

	try {
		await forEachConcurrently(
			indexed(),
			options.workers ?? 4,
			async ({index, object}) => {
				const key = cacheKeyOf(object);
				cache.keep(key);
				const hit = cache.get(key, object.size, factsMtime);
				const reused = hit === undefined ? undefined : reuseFacts(hit, options.maxPixels);
				const facts = reused ?? (await factsOf(object));
				if (facts !== undefined) {
					if (reused === undefined) {
						cache.put(key, facts);
					}

					files[index] = {...facts, path: object.path, cached: reused !== undefined};
				}

				done++;
				options.onProgress?.(done, found, downloaded);
			},
			options.signal,
		);
	} finally {
		await cache.close({complete: options.signal?.aborted !== true});
		await rm(scratch, {recursive: true, force: true});
	}

	return {
		files: files.filter((file) => file !== undefined),
		skipped,
		walkProblems: [],
		complete: options.signal?.aborted !== true,
		elapsedMs: performance.now() - started,
		bytesRead,
		...(cache.warning === undefined ? {} : {cacheWarning: cache.warning}),
	};
}

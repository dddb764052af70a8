import {open, rm} from 'node:fs/promises';
import type {S3Client} from '@aws-sdk/client-s3';
import {ImageError, isImageError} from '../../image/index.js';
import {writeViewCopy} from '../../image/view-copy.js';
import {createGate} from '../../shared/pool.js';
import {downloadObject} from './download.js';
import type {ListedObject} from './list.js';
import type {CachedView, ObjectCache, ObjectId} from './object-cache.js';
import {type RetryOptions, withRetries} from './retry.js';

export type ObjectFetcher = {
	/** The view copy of a listed object: from the cache, else downloaded, decoded and cached. */
	fetch(object: ListedObject): Promise<CachedView>;
	/** The view copy if cached, without touching the network. */
	cached(object: ListedObject): Promise<CachedView | undefined>;
	/** How many objects were downloaded (cache misses), for tests and the bench. */
	downloads(): number;
};

export type FetcherOptions = RetryOptions & {
	readonly client: S3Client;
	readonly endpoint: string | undefined;
	readonly bucket: string;
	readonly cache: ObjectCache;
};

export function idOf(
	options: {endpoint: string | undefined; bucket: string},
	object: ListedObject,
): ObjectId {
	return {endpoint: options.endpoint, bucket: options.bucket, key: object.key, etag: object.etag};
}

async function fsyncFile(file: string): Promise<void> {
	const handle = await open(file, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/**
Download, hash and decode once; keep only the display-sized copy. Downloads of one object at a
time share one promise, so a keypress and the prefetcher never fetch the same object twice.
*/
export function createObjectFetcher(options: FetcherOptions): ObjectFetcher {
	const {client, bucket, cache} = options;
	const inFlight = new Map<string, Promise<CachedView>>();
	// libvips has one error buffer per process: two failing decodes at once can swap or clear
	// each other's message. A failure is decoded again alone, and that verdict stands.
	// One at a time: the display decode of the image on screen keeps the other core.
	const decoders = createGate(1);
	const decode = async (input: string, output: string) => {
		try {
			return await decoders.shared(async () => writeViewCopy(input, output));
		} catch (error) {
			if (!isImageError(error) || error.reason === 'too-many-pixels' || error.reason === 'empty') {
				throw error;
			}

			return decoders.exclusive(async () => writeViewCopy(input, output));
		}
	};
	let downloads = 0;
	const load = async (object: ListedObject): Promise<CachedView> => {
		const id = idOf(options, object);
		const hit = await cache.lookup(id);
		if (hit) {
			return hit;
		}

		const downloaded = await withRetries(
			`Cannot download s3://${bucket}/${object.key}`,
			() =>
				downloadObject(
					client,
					{bucket, key: object.key, etag: object.etag},
					cache.tempFile(),
					options.signal,
				),
			options,
		);
		downloads++;
		const view = cache.tempFile();
		try {
			const info = await decode(downloaded.file, view);
			await fsyncFile(view);
			return await cache.adopt(id, view, {sha1: downloaded.sha1, size: downloaded.size, ...info});
		} catch (error) {
			await rm(view, {force: true});
			if (isImageError(error)) {
				// Name the object, not the temp file its bytes passed through.
				const message = error.message.replaceAll(downloaded.file, `s3://${bucket}/${object.key}`);
				throw new ImageError(error.reason, object.key, message, {cause: error});
			}

			throw error;
		} finally {
			await rm(downloaded.file, {force: true});
		}
	};

	return {
		fetch(object) {
			const running = inFlight.get(object.key);
			if (running) {
				return running;
			}

			const promise = load(object).finally(() => inFlight.delete(object.key));
			inFlight.set(object.key, promise);
			return promise;
		},
		cached: (object) => cache.lookup(idOf(options, object)),
		downloads: () => downloads,
	};
}

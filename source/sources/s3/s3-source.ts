import {HeadBucketCommand} from '@aws-sdk/client-s3';
import {connectS3, type S3Connection, type S3ConnectOptions} from './connect.js';
import {createObjectFetcher, type ObjectFetcher} from './fetch-object.js';
import {type ListedObject, type ListOptions, type ListSummary, listObjects} from './list.js';
import type {S3Location} from './location.js';
import {manifestObjects} from './manifest-objects.js';
import {createNetworkMonitor, type NetworkMonitor} from './network-state.js';
import {
	type CachedView,
	defaultCacheDir,
	type ObjectCache,
	openObjectCache,
} from './object-cache.js';
import {createPrefetcher, type Prefetcher} from './prefetcher.js';
import type {RetryOptions, RetryPolicy} from './retry.js';

export type S3SourceOptions = {
	readonly location: S3Location;
	readonly connect?: S3ConnectOptions;
	readonly cacheDir?: string;
	readonly cacheBytes?: number;
	/** Objects kept ready ahead of the cursor (default 8). */
	readonly ahead?: number;
	readonly concurrency?: number;
	readonly retry?: RetryPolicy;
	/** Each object's fetch outcome (see Prefetcher's onFetched). */
	readonly onFetched?: (object: ListedObject, outcome: CachedView | Error) => void;
};

/** A prefix as a source of images: a streaming listing, and bytes through the cache. */
export type S3Source = {
	readonly location: S3Location;
	readonly connection: S3Connection;
	readonly cache: ObjectCache;
	readonly fetcher: ObjectFetcher;
	readonly network: NetworkMonitor;
	readonly prefetcher: Prefetcher;
	/** Every object listed so far, by item path. */
	readonly objects: ReadonlyMap<string, ListedObject>;
	/** Lists the prefix; each batch of item paths is also remembered in `objects`. */
	list(options?: ListOptions): AsyncGenerator<string[], ListSummary, undefined>;
	/**
	The objects a Ground Truth input manifest lists under the prefix, in its order, instead of a
	listing; each is remembered in `objects`, and lines that name none are told to `onProblem`.
	*/
	fromManifest(
		manifest: string,
		onProblem: (where: string, reason: string) => void,
		options?: RetryOptions & {readonly moved?: (itemPath: string) => boolean},
	): AsyncGenerator<string[]>;
	/** The view copy of a listed item (throws UnreadableObjectError or OfflineError). */
	load(itemPath: string): Promise<CachedView>;
	/** The item paths after the cursor, nearest first. */
	ahead(itemPaths: readonly string[]): void;
	close(): void;
};

export async function openS3Source(options: S3SourceOptions): Promise<S3Source> {
	const {location} = options;
	const connection = connectS3(options.connect);
	const cache = await openObjectCache({
		dir: options.cacheDir ?? defaultCacheDir(),
		...(options.cacheBytes === undefined ? {} : {capBytes: options.cacheBytes}),
	});
	const network = createNetworkMonitor({
		probe: async () => {
			await connection.client.send(new HeadBucketCommand({Bucket: location.bucket}));
		},
	});
	const fetcher = createObjectFetcher({
		client: connection.client,
		endpoint: connection.endpoint,
		bucket: location.bucket,
		cache,
		...(options.retry ? {policy: options.retry} : {}),
		onRetry: (failure) => {
			if (failure.kind === 'offline') {
				network.lost(failure.reason);
			}
		},
	});
	const prefetcher = createPrefetcher({
		fetcher,
		network,
		...(options.ahead === undefined ? {} : {ahead: options.ahead}),
		...(options.concurrency === undefined ? {} : {concurrency: options.concurrency}),
		...(options.onFetched === undefined ? {} : {onFetched: options.onFetched}),
	});
	const objects = new Map<string, ListedObject>();
	const objectOf = (itemPath: string): ListedObject => {
		const object = objects.get(itemPath);
		if (object === undefined) {
			throw new Error(
				`${itemPath} was not listed under s3://${location.bucket}/${location.prefix}`,
			);
		}

		return object;
	};

	return {
		location,
		connection,
		cache,
		fetcher,
		network,
		prefetcher,
		objects,
		async *list(listOptions = {}) {
			const listing = listObjects(connection.client, location, {
				...(options.retry ? {policy: options.retry} : {}),
				...listOptions,
			});
			for (;;) {
				const next = await listing.next();
				if (next.done) {
					return next.value;
				}

				for (const object of next.value) {
					objects.set(object.path, object);
				}

				yield next.value.map((object) => object.path);
			}
		},
		fromManifest: (manifest, onProblem, retry = {}) =>
			manifestObjects(manifest, {
				...(options.retry ? {policy: options.retry} : {}),
				...retry,
				client: connection.client,
				location,
				onProblem,
				found: (object) => objects.set(object.path, object),
			}),
		load: (itemPath) => prefetcher.load(objectOf(itemPath)),
		ahead(itemPaths) {
			const known = itemPaths.flatMap((itemPath) => objects.get(itemPath) ?? []);
			prefetcher.ahead(known);
		},
		close() {
			prefetcher.close();
			network.close();
			connection.close();
		},
	};
}

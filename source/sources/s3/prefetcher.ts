import {isImageError} from '../../image/index.js';
import type {ObjectFetcher} from './fetch-object.js';
import type {ListedObject} from './list.js';
import type {NetworkMonitor} from './network-state.js';
import type {CachedView} from './object-cache.js';
import {S3RequestError} from './s3-errors.js';

/** This object cannot be shown (403, 404, replaced, or not an image); the others go on. */
export class UnreadableObjectError extends Error {
	override readonly name = 'UnreadableObjectError';
}

/** The store cannot be reached and this object is not cached yet. */
export class OfflineError extends Error {
	override readonly name = 'OfflineError';
}

export type Prefetcher = {
	/** The cursor's object, ahead of any queued prefetch. */
	load(object: ListedObject): Promise<CachedView>;
	/** The objects after the cursor, nearest first: the first `ahead` are fetched in the background. */
	ahead(objects: readonly ListedObject[]): void;
	/** Objects found unreadable, key to reason. */
	unreadable(): ReadonlyMap<string, string>;
	/** Resolves when nothing is queued or running (for tests and the bench). */
	idle(): Promise<void>;
	close(): void;
};

export type PrefetcherOptions = {
	readonly fetcher: ObjectFetcher;
	readonly network: NetworkMonitor;
	/** How many objects ahead of the cursor to keep ready (default 8). */
	readonly ahead?: number;
	/** Downloads at once (default 4). */
	readonly concurrency?: number;
	/** Told once per fetch that settles: the view, or the error that made the object unreadable. */
	readonly onFetched?: (object: ListedObject, outcome: CachedView | Error) => void;
};

/**
Keeps the next objects downloaded and decoded while the person labels. A failed fetch is sorted:
403, 404, a replaced object or a broken image mark that one object unreadable with the reason;
a lost network sets the monitor offline, pauses the queue, and resumes it when the store answers.
*/
export function createPrefetcher(options: PrefetcherOptions): Prefetcher {
	const {fetcher, network} = options;
	const aheadCount = options.ahead ?? 8;
	const concurrency = Math.max(1, options.concurrency ?? 4);
	const unreadable = new Map<string, string>();
	const ready = new Set<string>();
	const running = new Set<string>();
	let queue: ListedObject[] = [];
	let closed = false;
	let idleWaiters: Array<() => void> = [];

	const settleIdle = () => {
		if (running.size === 0 && (queue.length === 0 || network.state() === 'offline')) {
			const woken = idleWaiters;
			idleWaiters = [];
			for (const wake of woken) {
				wake();
			}
		}
	};

	/** Runs one fetch, sorting its failure; rethrows for the caller who waits on it. */
	const run = async (object: ListedObject): Promise<CachedView> => {
		try {
			const view = await fetcher.fetch(object);
			ready.add(object.key);
			network.reached();
			options.onFetched?.(object, view);
			return view;
		} catch (error) {
			const failure = error instanceof S3RequestError ? error.failure : undefined;
			if (failure?.kind === 'unreadable' || failure?.kind === 'changed' || isImageError(error)) {
				const reason = failure?.reason ?? (error as Error).message;
				unreadable.set(object.key, reason);
				options.onFetched?.(object, error as Error);
				throw new UnreadableObjectError(`${object.key} cannot be shown: ${reason}`, {cause: error});
			}

			if (failure?.kind === 'offline' || failure?.kind === 'transient') {
				network.lost(failure.reason);
				throw new OfflineError(
					`${object.key} is not downloaded yet and ${failure.reason}; labeling goes on with the images already downloaded`,
					{cause: error},
				);
			}

			throw error;
		}
	};

	const pump = (): void => {
		while (!closed && running.size < concurrency && network.state() === 'online') {
			const next = queue.shift();
			if (next === undefined) {
				break;
			}

			if (ready.has(next.key) || unreadable.has(next.key) || running.has(next.key)) {
				continue;
			}

			running.add(next.key);
			run(next)
				.catch(() => undefined)
				.finally(() => {
					running.delete(next.key);
					pump();
					settleIdle();
				});
		}

		if (!closed && network.state() === 'offline' && queue.length > 0) {
			network.whenOnline().then(pump, () => undefined);
		}

		settleIdle();
	};

	return {
		async load(object) {
			const reason = unreadable.get(object.key);
			if (reason !== undefined) {
				throw new UnreadableObjectError(`${object.key} cannot be shown: ${reason}`);
			}

			if (network.state() === 'offline') {
				// Offline: the cache or nothing, at once; the queue resumes when the store answers.
				const hit = await fetcher.cached(object);
				if (hit) {
					return hit;
				}

				throw new OfflineError(
					`${object.key} is not downloaded yet and the store cannot be reached; labeling goes on with the images already downloaded`,
				);
			}

			return run(object);
		},
		ahead(objects) {
			queue = objects
				.filter((object) => !ready.has(object.key) && !unreadable.has(object.key))
				.slice(0, aheadCount);
			pump();
		},
		unreadable: () => unreadable,
		idle() {
			return new Promise((resolve) => {
				idleWaiters.push(resolve);
				settleIdle();
			});
		},
		close() {
			closed = true;
			queue = [];
		},
	};
}

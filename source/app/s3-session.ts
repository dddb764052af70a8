import {getEntry, hasEntry} from '../core/persistent-map.js';
import {catalogPosition, type SessionState} from '../core/session-state.js';
import {isImageError, shrinkToPixels} from '../image/index.js';
import {GoneFileError, type LoadedItem} from '../render/item-loader.js';
import {encodeForRenderer} from '../render/load-frame.js';
import type {GraphicPayload, Renderer} from '../render/types.js';
import type {HygieneFacts} from '../session/hygiene-feed.js';
import type {ImageBox} from '../session/screen-contract.js';
import type {SessionStore} from '../session/session-store.js';
import type {ListedObject} from '../sources/s3/list.js';
import type {CachedView} from '../sources/s3/object-cache.js';
import {OfflineError, UnreadableObjectError} from '../sources/s3/prefetcher.js';
import {openS3Source, type S3Source} from '../sources/s3/s3-source.js';
import {resolveOutPrefix} from './s3-commit.js';
import type {S3Target} from './s3-target.js';

export type S3Session = {
	readonly target: S3Target;
	readonly source: S3Source;
	/** Where committed objects go (full key prefix); the listing leaves it out. */
	readonly outPrefix: string;
	/** The label screen's loader: bytes from the cache or the prefetcher, never the filesystem. */
	load(
		renderer: Renderer,
		itemPath: string,
		box: ImageBox,
		preload: (graphic: GraphicPayload) => void,
	): Promise<LoadedItem>;
	/** Keeps the next objects after the cursor downloading; returns the unsubscribe function. */
	follow(store: SessionStore): () => void;
	/**
	Facts of each object as it is fetched (ahead or for the cursor) (SHA-1 of the download, format and size, or why it does
	not decode), for the session's hygiene: exact copies and broken images, as a folder's checks.
	*/
	onFacts(listener: (facts: HygieneFacts) => void): void;
	/** Item paths whose load failed only because the store was out of reach. */
	offlineMisses(): string[];
	close(): void;
};

/** The next `count` undecided, unbroken items after the cursor, in catalog order. */
function nextAfterCursor(state: SessionState, count: number): string[] {
	const position =
		state.cursor === undefined ? undefined : catalogPosition(state.catalog, state.cursor);
	const next: string[] = [];
	for (
		let index = (position ?? -1) + 1;
		index < state.catalog.length && next.length < count;
		index++
	) {
		const itemPath = state.catalog.paths[index];
		if (
			itemPath !== undefined &&
			!hasEntry(state.decisions, itemPath) &&
			getEntry(state.broken, itemPath) === undefined
		) {
			next.push(itemPath);
		}
	}

	return next;
}

export async function openS3Session(
	target: S3Target,
	options: {readonly out?: string | undefined; readonly prefetch?: number | undefined} = {},
): Promise<S3Session> {
	const prefetch = options.prefetch ?? target.prefetch;
	const outPrefix = await resolveOutPrefix(target, options.out);
	let factsListener: ((facts: HygieneFacts) => void) | undefined;
	// Once per object: a second fetch (a cache hit) must not count it as its own copy.
	const reported = new Set<string>();
	const report = (object: ListedObject, outcome: CachedView | Error) => {
		if (reported.has(object.path)) {
			return;
		}

		const {path, size, lastModifiedMs: mtimeMs} = object;
		if (isImageError(outcome)) {
			reported.add(path);
			factsListener?.({path, size, mtimeMs, reason: outcome.reason, detail: outcome.message});
		} else if (!(outcome instanceof Error)) {
			reported.add(path);
			const {sha1, format, width, height} = outcome.original;
			factsListener?.({path, size, mtimeMs, sha1, format, width, height});
		}
		// Other errors (403, 404, replaced) are no fact about the image.
	};
	const source = await openS3Source({
		location: target.location,
		connect: target.connect,
		cacheDir: target.cacheDir,
		cacheBytes: target.cacheBytes,
		ahead: prefetch,
		onFetched: report,
	});
	const misses = new Set<string>();
	return {
		target,
		source,
		outPrefix,
		async load(renderer, itemPath, box, preload) {
			let view: Awaited<ReturnType<S3Source['load']>>;
			try {
				view = await source.load(itemPath);
			} catch (error) {
				if (error instanceof OfflineError) {
					misses.add(itemPath);
				}

				// Unreadable (403, 404, replaced) is like a file gone since the scan: skip it.
				throw error instanceof UnreadableObjectError
					? new GoneFileError(error.message, {cause: error})
					: error;
			}

			const object = source.objects.get(itemPath);
			const shrunk = await shrinkToPixels(view.file, renderer.cellPixels(box));
			const frame = await encodeForRenderer(renderer, shrunk, box);
			if (frame.graphic) preload(frame.graphic);
			return {
				lines: frame.lines,
				...(frame.graphic || frame.opaqueLines ? {width: frame.columns} : {}),
				...(frame.graphic ? {graphic: frame.graphic} : {}),
				columns: frame.columns,
				rows: frame.rows,
				details: {
					// The object's, for the decision: commit compares them with a fresh listing.
					size: object?.size ?? view.original.size,
					mtimeMs: object?.lastModifiedMs ?? 0,
					width: view.original.width,
					height: view.original.height,
					format: view.original.format,
				},
			};
		},
		follow(store) {
			const update = (state: SessionState) => source.ahead(nextAfterCursor(state, prefetch));
			update(store.getState());
			return store.subscribe(update);
		},
		onFacts(listener) {
			factsListener = listener;
		},
		offlineMisses() {
			const paths = [...misses];
			misses.clear();
			return paths;
		},
		close: () => source.close(),
	};
}

import {appendFile, mkdir, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {featuresVersion} from '../image/features.js';
import type {ShrunkImage} from '../image/shrink.js';
import {Listeners} from '../shared/listeners.js';
import {appendNoFollow} from '../shared/no-follow.js';
import type {FeatureResult} from './feature-messages.js';
import {ForgetGenerations} from './forget-generations.js';
import type {FeaturePool} from './worker-pool.js';

/** Thumbnails kept for the grid: the page on screen, the two after it, and the window's guesses. */
const keptThumbnails = 192;

/** One cache line: an item's features (or why it has none) for one version of its file. */
type CacheLine = {
	readonly path: string;
	readonly size: number;
	readonly mtimeMs: number;
	readonly v: number;
	readonly result: FeatureResult;
};

export function featureCachePath(labels: string): string {
	return path.join(labels, 'cache', 'features.jsonl');
}

async function readLines(file: string): Promise<Map<string, CacheLine>> {
	const lines = new Map<string, CacheLine>();
	let text = '';
	try {
		text = await readFile(file, 'utf8');
	} catch {
		// No cache yet (or unreadable): it is rebuilt as images are seen.
		return lines;
	}

	for (const line of text.split('\n')) {
		try {
			const value = JSON.parse(line) as CacheLine;
			if (value.v === featuresVersion && typeof value.path === 'string') {
				lines.set(value.path, value);
			}
		} catch {
			// A torn or foreign line: that item is recomputed.
		}
	}

	return lines;
}

/**
Image features by item path, computed in the worker pool and cached append-only in
`.labels/cache/features.jsonl`, valid while the file's size and mtime are unchanged. The cache
can be deleted at any time.
*/
export class FeatureCache {
	readonly #dir: string;
	readonly #file: string;
	readonly #pool: FeaturePool;
	readonly #saved: Map<string, CacheLine>;
	readonly #ready = new Map<string, FeatureResult>();
	readonly #running = new Map<string, Promise<FeatureResult>>();
	readonly #listeners = new Listeners<[string]>();
	readonly #forgotten = new ForgetGenerations();
	/** The newest decodes' thumbnails (at most 48 KB each, about 9 MB in all), oldest first: grid cells reuse them. */
	readonly #thumbnails = new Map<string, ShrunkImage>();
	#writes: Promise<void> = Promise.resolve();
	#writeError: unknown;

	private constructor(dir: string, file: string, pool: FeaturePool, saved: Map<string, CacheLine>) {
		this.#dir = dir;
		this.#file = file;
		this.#pool = pool;
		this.#saved = saved;
	}

	static async open(dir: string, labels: string, pool: FeaturePool): Promise<FeatureCache> {
		const file = featureCachePath(labels);
		return new FeatureCache(dir, file, pool, await readLines(file));
	}

	/** Synchronous look-up for the screen: the result if it was computed or verified this run. */
	peek(itemPath: string): FeatureResult | undefined {
		return this.#ready.get(itemPath);
	}

	/** The thumbnail the item's features were measured on, while it is among the newest. */
	thumbnail(itemPath: string): ShrunkImage | undefined {
		return this.#thumbnails.get(itemPath);
	}

	/** Called with an item path whenever its features become ready. */
	onReady(listener: (itemPath: string) => void): () => void {
		return this.#listeners.add(listener);
	}

	/** The item's features: from the cache when its file is unchanged, else from a worker. */
	async get(itemPath: string, urgent = false): Promise<FeatureResult> {
		const ready = this.#ready.get(itemPath);
		if (ready) {
			return ready;
		}

		let running = this.#running.get(itemPath);
		if (!running) {
			running = this.#compute(itemPath, urgent);
			this.#running.set(itemPath, running);
		}

		return running;
	}

	/** See FeaturePool.widen: more workers while a grid needs guesses ahead. */
	widen(workers: number | undefined): void {
		this.#pool.widen(workers);
	}

	/** Starts these items' features, and puts those already queued first, in this order. */
	prioritize(itemPaths: readonly string[]): void {
		for (const itemPath of itemPaths) void this.get(itemPath);
		this.#pool.promote(itemPaths.map((itemPath) => path.join(this.#dir, itemPath)));
	}

	/** Forgets an item's features, so the next `get` reads its file again. */
	forget(itemPath: string): void {
		this.#forgotten.forget(itemPath);
		this.#ready.delete(itemPath);
		this.#running.delete(itemPath);
		this.#thumbnails.delete(itemPath);
	}

	/** Waits for cache writes; reports a write failure once (the cache is optional). */
	async flush(): Promise<string | undefined> {
		await this.#writes;
		return this.#writeError === undefined
			? undefined
			: `could not write the feature cache ${this.#file}: ${String(this.#writeError)}`;
	}

	async #compute(itemPath: string, urgent: boolean): Promise<FeatureResult> {
		const stamp = this.#forgotten.stamp(itemPath);
		const file = path.join(this.#dir, itemPath);
		let found: {size: number; mtimeMs: number} | undefined;
		try {
			found = await stat(file);
		} catch {
			found = undefined;
		}

		const saved = this.#saved.get(itemPath);
		const cached =
			found && saved && saved.size === found.size && saved.mtimeMs === found.mtimeMs
				? saved.result
				: undefined;
		const computed = cached ?? (await this.#pool.run(file, urgent));
		const result = this.#keepThumbnail(itemPath, computed);
		if (!this.#forgotten.isCurrent(itemPath, stamp)) {
			return result; // Read before the file changed: the caller may use it, the cache may not.
		}

		const usable = result.ok || result.reason !== 'closed';
		if (cached === undefined && found && usable) {
			this.#append({
				path: itemPath,
				size: found.size,
				mtimeMs: found.mtimeMs,
				v: featuresVersion,
				result,
			});
		}

		this.#running.delete(itemPath);
		if (usable) {
			this.#ready.set(itemPath, result);
			this.#listeners.emit(itemPath);
		}

		return result;
	}

	/** Keeps a fresh decode's thumbnail apart (never in the cache file); returns the features. */
	#keepThumbnail(itemPath: string, result: FeatureResult): FeatureResult {
		if (!result.ok || result.thumbnail === undefined) {
			return result;
		}

		this.#thumbnails.delete(itemPath);
		this.#thumbnails.set(itemPath, result.thumbnail);
		for (const oldest of this.#thumbnails.keys()) {
			if (this.#thumbnails.size <= keptThumbnails) break;
			this.#thumbnails.delete(oldest);
		}

		return {ok: true, features: result.features};
	}

	#append(line: CacheLine): void {
		this.#saved.set(line.path, line);
		this.#writes = this.#writes
			.then(async () => {
				await mkdir(path.dirname(this.#file), {recursive: true});
				await appendFile(this.#file, `${JSON.stringify(line)}\n`, {flag: appendNoFollow});
			})
			.catch((error: unknown) => {
				this.#writeError ??= error;
			});
	}
}

import {stat} from 'node:fs/promises';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {checkFile, reuseFacts} from '../scan/check.js';
import type {CheckCache} from '../scan/check-cache.js';
import type {CheckKey, FileFacts} from '../scan/check-types.js';
import {errorCode} from '../shared/fs-errors.js';

export type HygieneFacts = FileFacts & {readonly path: string};

export type HygieneFeedOptions = {
	/** The dataset folder; paths are relative to it with `/`. */
	readonly dir: string;
	/** Images over this many pixels are reported from their header, never decoded. */
	readonly maxPixels: number;
	/** The check cache shared with `imgsift check`; without one every file is read. */
	readonly cache?: CheckCache | undefined;
	/**
	True while the image on screen is still loading: the feed waits, so the current image's decode
	always comes first.
	*/
	readonly busy?: () => boolean;
	/**
	What reads, hashes and decodes a file on a cache miss once the sweep has begun (default:
	`checkFile` on this thread). The label screen passes a worker thread's, so keys are not kept
	waiting behind a check. Before the sweep only the few files the screen shows next are checked,
	here: a thread started then would add its ~10 MiB to the start-up's peak (README).
	*/
	readonly checkFile?: typeof checkFile | undefined;
	/** Each file's facts, once, as they become known (from the cache or a fresh check). */
	readonly onFacts: (facts: HygieneFacts) => void;
};

/** A view of the catalog: append-only, the first `length` entries count. */
export type CatalogView = {readonly paths: readonly string[]; readonly length: number};

/** True when the file is no longer there; any other failure to stat it is not an answer. */
const isGone = (file: string) =>
	stat(file).then(
		() => false,
		(error: unknown) => errorCode(error) === 'ENOENT',
	);

/** How long to wait before looking again while the screen's image loads. */
const busyPollMs = 15;

/** Failures whose reason comes from libvips' shared error buffer, which a parallel decode can garble. */
const decodeFailures = new Set(['truncated', 'corrupt', 'unsupported-format', 'not-an-image']);

/**
The check's per-file work (stat, cache, read + SHA-1 + validating decode + dHash), one file at a
time in the background: first the items the screen shows next, then every other item in catalog
order, so exact copies far apart are found too. Results go to the check cache and to `onFacts`.
*/
export class HygieneFeed {
	readonly #options: HygieneFeedOptions;
	readonly #known = new Map<string, FileFacts>();
	/** Paths that could not be stat'ed (gone); not retried, not reported. */
	readonly #gone = new Set<string>();
	#priority: readonly string[] = [];
	#catalog: CatalogView = {paths: [], length: 0};
	#sweep = 0;
	#wake: (() => void) | undefined;
	#closed = false;
	#running: Promise<void> | undefined;
	#fresh = 0;

	constructor(options: HygieneFeedOptions) {
		this.#options = options;
	}

	/** The facts known for `path`, if checked. */
	facts(itemPath: string): FileFacts | undefined {
		return this.#known.get(itemPath);
	}

	/** Items checked so far. */
	get checked(): number {
		return this.#known.size;
	}

	/** Checks `priority` first (the cursor, then what comes next), then the rest of `catalog`. */
	follow(priority: readonly string[], catalog: CatalogView): void {
		if (this.#closed) {
			return;
		}

		this.#priority = priority;
		this.#catalog = catalog;
		this.#running ??= this.#loop();
		this.#wake?.();
	}

	/** Stops after the file in hand, and saves the cache's pending lines. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#wake?.();
		await this.#running;
		await this.#options.cache?.flush();
	}

	#isDone(itemPath: string): boolean {
		return this.#known.has(itemPath) || this.#gone.has(itemPath);
	}

	#nextPath(): string | undefined {
		const first = this.#priority.find((itemPath) => !this.#isDone(itemPath));
		if (first !== undefined) {
			return first;
		}

		const {paths, length} = this.#catalog;
		while (this.#sweep < length && this.#isDone(paths[this.#sweep] ?? '')) {
			this.#sweep++;
		}

		return this.#sweep < length ? paths[this.#sweep] : undefined;
	}

	async #loop(): Promise<void> {
		while (!this.#closed) {
			const next = this.#nextPath();
			if (next === undefined) {
				await new Promise<void>((resolve) => {
					this.#wake = resolve;
				});
				this.#wake = undefined;
				continue;
			}

			while (this.#options.busy?.() === true && !this.#closed) {
				await delay(busyPollMs);
			}

			if (this.#closed) {
				return;
			}

			const facts = await this.#check(next);
			if (facts === undefined) {
				this.#gone.add(next);
			} else if (!this.#known.has(next)) {
				this.#known.set(next, facts);
				this.#options.onFacts({path: next, ...facts});
			}

			// Let keys and frames through between files.
			await new Promise((resolve) => setImmediate(resolve));
		}
	}

	async #check(itemPath: string): Promise<FileFacts | undefined> {
		const {dir, cache, maxPixels} = this.#options;
		const absolute = path.join(dir, ...itemPath.split('/'));
		let key: CheckKey;
		try {
			const found = await stat(absolute);
			key = {size: found.size, mtimeMs: found.mtimeMs};
		} catch {
			return undefined;
		}

		const cached = cache?.get(itemPath, key.size, key.mtimeMs);
		const reused = cached === undefined ? undefined : reuseFacts(cached, maxPixels);
		if (reused !== undefined) {
			cache?.keep(itemPath);
			return reused;
		}

		// The catalog is given only once the walk is over: from then on, the sweep's checkFile.
		const sweeping = this.#catalog.length > 0;
		const check = sweeping ? (this.#options.checkFile ?? checkFile) : checkFile;
		let facts = await check(absolute, key, maxPixels);
		if (facts.reason !== undefined && decodeFailures.has(facts.reason)) {
			// Checked again, so another decode's failure cannot lend this file its message.
			facts = await check(absolute, key, maxPixels);
		}

		// Deleted between the stat and the read: gone (the screen says so when it comes), not broken.
		if (facts.reason === 'unreadable' && (await isGone(absolute))) {
			return undefined;
		}

		if (facts.reason !== 'unreadable' && cache) {
			cache.put(itemPath, facts);
			this.#fresh++;
			if (this.#fresh % 16 === 0) {
				void cache.flush();
			}
		}

		return facts;
	}
}

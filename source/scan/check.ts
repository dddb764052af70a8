import {stat} from 'node:fs/promises';
import {availableParallelism} from 'node:os';
import path from 'node:path';
import {pictureDigest} from '../image/picture-digest.js';
import {oversizeDetail, validateImage} from '../image/validate.js';
import {describeFsError} from '../shared/fs-errors.js';
import {createGate, forEachConcurrently, type Gate} from '../shared/pool.js';
import {type CheckCache, checkCachePath, openCheckCache} from './check-cache.js';
import type {
	CheckedFile,
	CheckKey,
	CheckProgress,
	CheckRun,
	FileFacts,
	PathNote,
} from './check-types.js';
import {readAndHash} from './content-hash.js';
import {walkImages} from './walk.js';

export type CheckFolderOptions = {
	readonly dir: string;
	/** Absolute paths left out: the output folder (`.labels`, being hidden, is always left out). */
	readonly ignore: readonly string[];
	/** Images over this many pixels are reported from their header, never decoded. */
	readonly maxPixels: number;
	/**
	Files read and decoded at once. Default: one per core plus one, since a single libvips
	pipeline leaves its core idle about a third of the time (8.0 s against 10.3 s for 2000 files
	on 2 cores, measured with bench/check-bench.ts).
	*/
	readonly workers?: number;
	/** Where the cache lives (default `.labels/check-cache.jsonl`); false checks every file afresh. */
	readonly cacheFile?: string | false;
	/** Aborting stops taking new files; the run returns what it finished, and the cache keeps it. */
	readonly signal?: AbortSignal;
	readonly onProgress?: (progress: CheckProgress) => void;
};

/** Stats in flight: enough to keep the thread pool busy on a warm run, where stat is all we do. */
const statsInFlight = 16;

type Item = {readonly index: number; readonly relative: string};

function pixelsOf(facts: FileFacts): number | undefined {
	return facts.width !== undefined && facts.height !== undefined
		? facts.width * facts.height
		: undefined;
}

/**
Cached facts as they stand under this run's pixel limit, or undefined when the file must be read
again: it was unreadable (perhaps only for a moment) or it was left undecoded under a lower limit.
*/
export function reuseFacts(facts: FileFacts, maxPixels: number): FileFacts | undefined {
	const pixels = pixelsOf(facts);
	if (facts.reason === 'unreadable') {
		return undefined;
	}

	if (pixels !== undefined && pixels > maxPixels) {
		const {dhash: _dhash, phash: _phash, phashCentre: _centre, picture: _picture, ...rest} = facts;
		const detail = oversizeDetail(facts.width ?? 0, facts.height ?? 0, maxPixels);
		return {...rest, reason: 'too-many-pixels', detail};
	}

	return facts.reason === 'too-many-pixels' ? undefined : facts;
}

/** Reads, hashes and decodes one file. Never throws for a bad file: that is what it reports. */
export async function checkFile(
	absolute: string,
	{size, mtimeMs}: CheckKey,
	maxPixels: number,
): Promise<FileFacts> {
	if (size === 0) {
		return {size, mtimeMs, reason: 'empty', detail: '0 bytes'};
	}

	let read: Awaited<ReturnType<typeof readAndHash>>;
	try {
		read = await readAndHash(absolute, size);
	} catch (error) {
		return {
			size,
			mtimeMs,
			reason: 'unreadable',
			detail: `cannot be read: ${describeFsError(error)}`,
		};
	}

	const result = await validateImage(read.content ?? absolute, {maxPixels});
	const {ok: _ok, ...found} = result;
	const picture = result.ok && read.content !== undefined ? pictureDigest(read.content) : undefined;
	return {size, mtimeMs, sha1: read.sha1, ...found, ...(picture === undefined ? {} : {picture})};
}

/** Failures whose reason comes from libvips' error message, not from our own reading. */
const decodeFailures = new Set(['truncated', 'corrupt', 'unsupported-format', 'not-an-image']);

/**
libvips keeps one error buffer per process: when two decodes fail at once, one may read the
other's message, or "Unknown error" after the other cleared it. So a failure is checked again
alone, and that verdict stands. Broken files are few, so this costs little.
*/
async function checkWithRetry(
	decoders: Gate,
	check: () => Promise<FileFacts> | undefined,
): Promise<FileFacts | undefined> {
	const first = await decoders.shared(async () => check());
	if (first?.reason === undefined || !decodeFailures.has(first.reason)) {
		return first;
	}

	return (await decoders.exclusive(async () => check())) ?? first;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
	return signal?.aborted === true && error instanceof Error && error.name === 'AbortError';
}

/**
Checks every file under `dir`: stat, then the cache (path, size and mtime must all match), and
only on a miss a read, SHA-1 and full decode. Stats run 16 at a time; reads and decodes `workers`
at a time, streaming behind the walk so the first results come before the walk ends.
*/
export async function checkFolder(options: CheckFolderOptions): Promise<CheckRun> {
	const started = performance.now();
	const dir = path.resolve(options.dir);
	const {signal, maxPixels} = options;
	const cache: CheckCache | undefined =
		options.cacheFile === false
			? undefined
			: await openCheckCache(options.cacheFile ?? checkCachePath(dir));
	const decoders = createGate(options.workers ?? availableParallelism() + 1);
	const results: CheckedFile[] = [];
	const skipped: PathNote[] = [];
	const walkProblems: PathNote[] = [];
	const progress = {found: 0, done: 0, fromCache: 0, bytesRead: 0, walkDone: false};
	const report = () => options.onProgress?.({...progress});

	async function* items(): AsyncGenerator<Item> {
		const walk = walkImages(dir, {
			ignore: options.ignore,
			allFiles: true,
			...(signal ? {signal} : {}),
			onProblem: (relative, reason) => walkProblems.push({path: relative, reason}),
			onSkipped: (relative, reason) => skipped.push({path: relative, reason}),
		});
		let index = 0;
		try {
			let step = await walk.next();
			while (!step.done) {
				const batch = step.value;
				progress.found += batch.length;
				// Read one batch ahead, so the total is known (and the ETA shown) before the last batch ends.
				step = await walk.next();
				progress.walkDone = step.done === true;
				for (const relative of batch) {
					yield {index: index++, relative};
				}
			}
		} catch (error) {
			if (!isAbort(error, signal)) {
				throw error;
			}
		}
	}

	const finish = (item: Item, facts: FileFacts, cached: boolean): CheckedFile => {
		const file: CheckedFile = {path: item.relative, cached, ...facts};
		results[item.index] = file;
		progress.done++;
		if (cached) {
			progress.fromCache++;
		}

		report();
		return file;
	};

	const checkItem = async (item: Item): Promise<void> => {
		const absolute = path.join(dir, ...item.relative.split('/'));
		let stats: Awaited<ReturnType<typeof stat>>;
		try {
			stats = await stat(absolute);
		} catch (error) {
			skipped.push({path: item.relative, reason: `could not be read (${describeFsError(error)})`});
			return;
		}

		const key = {size: stats.size, mtimeMs: stats.mtimeMs};
		const cached = cache?.get(item.relative, key.size, key.mtimeMs);
		const reused = cached === undefined ? undefined : reuseFacts(cached, maxPixels);
		if (reused !== undefined) {
			cache?.keep(item.relative);
			finish(item, reused, true);
			return;
		}

		const facts = await checkWithRetry(decoders, () =>
			signal?.aborted ? undefined : checkFile(absolute, key, maxPixels),
		);
		if (facts === undefined) {
			return; // Aborted while waiting for a decoder: left for the next run.
		}

		progress.bytesRead += facts.reason === 'too-many-pixels' ? 0 : key.size;
		const file = finish(item, facts, false);
		if (facts.reason !== 'unreadable') {
			// The run's own record, not a copy: one object per file between the run and its cache.
			cache?.put(item.relative, file);
		}
	};

	let failure: unknown;
	try {
		await forEachConcurrently(items(), statsInFlight, checkItem, signal);
	} catch (error) {
		failure = error;
	}

	const complete = failure === undefined && progress.walkDone && signal?.aborted !== true;
	await cache?.close({complete});
	if (failure !== undefined) {
		throw failure;
	}

	const files = results.filter((file): file is CheckedFile => file !== undefined);
	const warning = cache?.warning;
	return {
		files,
		skipped,
		walkProblems,
		complete,
		elapsedMs: performance.now() - started,
		bytesRead: progress.bytesRead,
		...(warning === undefined ? {} : {cacheWarning: warning}),
	};
}

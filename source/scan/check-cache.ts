import {mkdir, open} from 'node:fs/promises';
import path from 'node:path';
import {StringDecoder} from 'node:string_decoder';
import {checkReasons} from '../image/validate.js';
import {describeFsError, errorCode} from '../shared/fs-errors.js';
import {appendNoFollow} from '../shared/no-follow.js';
import {writePartsAtomically} from '../store/atomic-file.js';
import {checkCacheVersion, type FileFacts} from './check-types.js';

/**
checkCacheVersion (in check-types.ts, which loads no decoder) is bumped when what a cached line
means changes (the hash, the decode rules): older lines are then ignored and rebuilt, never misread.
*/
/** In check-types.ts, so a reader that only asks whether a cache exists loads no decoder. */
export {checkCachePath, checkCacheVersion} from './check-types.js';

type CacheLine = FileFacts & {readonly v: number; readonly path: string};

export type CheckCache = {
	readonly file: string;
	/** Usable entries read at open. */
	readonly loaded: number;
	/** Set once reading or writing the cache failed; the cache then stops writing. */
	readonly warning: string | undefined;
	/** The facts stored for `path` if they were taken from a file of this size and mtime. */
	get(path: string, size: number, mtimeMs: number): FileFacts | undefined;
	/**
	Remembers fresh facts; written in batches by an append. The object is kept, not copied (its
	`path` and `cached`, when it has them, are not written): do not change it afterwards.
	*/
	put(path: string, facts: FileFacts): void;
	/** Marks a path as still present, so compaction keeps it. */
	keep(path: string): void;
	flush(): Promise<void>;
	/**
	Flushes, then compacts when more than half the lines are stale: superseded, unreadable, or
	(after a `complete` run) for files no longer present. Safe to call twice.
	*/
	close(options: {readonly complete: boolean}): Promise<void>;
};

export type CheckCacheOptions = {
	/** Lines buffered before an append. */
	readonly batchLines?: number;
};

const knownReasons = new Set<string>(checkReasons);

function parseLine(text: string): CacheLine | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined; // A line torn by a crash; the next compaction drops it.
	}

	if (typeof value !== 'object' || value === null) {
		return undefined;
	}

	const line = value as Record<string, unknown>;
	const valid =
		line['v'] === checkCacheVersion &&
		typeof line['path'] === 'string' &&
		typeof line['size'] === 'number' &&
		typeof line['mtimeMs'] === 'number' &&
		(line['reason'] === undefined || knownReasons.has(String(line['reason'])));
	return valid ? (value as CacheLine) : undefined;
}

/**
What an entry holds: a line read from the file, or the facts a run put, as the caller made them
(the run's own record of the file, which may also carry `path` and `cached`). Kept by reference:
at 100,000 files a copy per put was one more object per file for the whole run.
*/
type Entry = FileFacts & {readonly v?: number; readonly path?: string; readonly cached?: boolean};

function factsOf(entry: Entry): FileFacts {
	const {v: _version, path: _path, cached: _cached, ...facts} = entry;
	return facts;
}

/** The line written for an entry: version, path, then the facts in their own order. */
function lineOf(itemPath: string, entry: Entry): string {
	return JSON.stringify({v: checkCacheVersion, path: itemPath, ...factsOf(entry)});
}

/** How the file read: its last character, and why it could not be read. */
type ReadOutcome = {readonly endsWithNewline: boolean; readonly empty: boolean; warning?: string};

/**
Calls `onLine` for every line of `file`, read a megabyte at a time: at 100,000 files the cache is
31 MB, and the whole text with its lines split out was held at once while the lines were parsed.
*/
async function readLines(file: string, onLine: (line: string) => void): Promise<ReadOutcome> {
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	try {
		handle = await open(file, 'r');
		const decoder = new StringDecoder('utf8');
		const buffer = Buffer.alloc(1 << 20);
		let rest = '';
		let last = '';
		for (;;) {
			const {bytesRead} = await handle.read(buffer, 0, buffer.length, null);
			const text = bytesRead === 0 ? decoder.end() : decoder.write(buffer.subarray(0, bytesRead));
			last = text.length > 0 ? text : last;
			const lines = (rest + text).split('\n');
			rest = lines.pop() ?? '';
			for (const line of lines) onLine(line);
			if (bytesRead === 0) break;
		}

		if (rest !== '') onLine(rest);
		return {endsWithNewline: last.endsWith('\n'), empty: last === ''};
	} catch (error) {
		const code = errorCode(error);
		if (code === 'ENOENT' || code === 'ENOTDIR') {
			// No cache yet (ENOTDIR: `.labels` is a file; writing will say so).
			return {endsWithNewline: false, empty: true};
		}

		return {
			endsWithNewline: false,
			empty: true,
			warning: `could not read the check cache ${file} (${describeFsError(error)}); every file is checked afresh`,
		};
	} finally {
		await handle?.close().catch(() => undefined);
	}
}

/** Opens (or starts) the append-only cache of check results in `file`. */
export async function openCheckCache(
	file: string,
	options: CheckCacheOptions = {},
): Promise<CheckCache> {
	const batchLines = options.batchLines ?? 500;
	const entries = new Map<string, Entry>();
	let lineCount = 0;
	const read = await readLines(file, (raw) => {
		if (raw !== '') {
			lineCount++;
			const line = parseLine(raw);
			if (line) {
				entries.set(line.path, line);
			}
		}
	});
	const readWarning = read.warning;
	if (readWarning !== undefined) {
		// Cut off part way: checked afresh, as when nothing could be read.
		entries.clear();
		lineCount = 0;
	}

	const loaded = entries.size;
	const seen = new Set<string>();
	let pending: string[] = [];
	// A torn last line must not swallow the first line we append.
	let needsNewline = !read.empty && !read.endsWithNewline;
	let warning = readWarning;
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	let writes: Promise<void> = Promise.resolve();
	let closed = false;

	const failed = (error: unknown, doing: string) => {
		warning ??= `could not ${doing} the check cache ${file} (${describeFsError(error)}); results were not saved for the next run`;
		pending = [];
	};

	const appendPending = async (): Promise<void> => {
		if (pending.length === 0 || warning !== undefined) {
			return;
		}

		const lines = pending;
		pending = [];
		try {
			if (handle === undefined) {
				await mkdir(path.dirname(file), {recursive: true});
				handle = await open(file, appendNoFollow);
			}

			await handle.write(`${needsNewline ? '\n' : ''}${lines.join('\n')}\n`);
			needsNewline = false;
			lineCount += lines.length;
		} catch (error) {
			failed(error, 'write');
		}
	};

	const flush = (): Promise<void> => {
		writes = writes.then(appendPending);
		return writes;
	};

	const compact = async (complete: boolean): Promise<void> => {
		const live = [...entries.keys()].filter((itemPath) => !complete || seen.has(itemPath));
		if (warning !== undefined || lineCount <= 2 * live.length + 64) {
			return;
		}

		try {
			await handle?.close();
			handle = undefined;
			// Line by line: at 100,000 files the joined text was 31 MB, and its lines as much again.
			await writePartsAtomically(
				file,
				(function* () {
					for (const itemPath of live) {
						yield `${lineOf(itemPath, entries.get(itemPath) ?? {size: 0, mtimeMs: 0})}\n`;
					}
				})(),
			);
			lineCount = live.length;
		} catch (error) {
			failed(error, 'compact');
		}
	};

	return {
		file,
		loaded,
		get warning() {
			return warning;
		},
		get(itemPath, size, mtimeMs) {
			const line = entries.get(itemPath);
			return line !== undefined && line.size === size && line.mtimeMs === mtimeMs
				? factsOf(line)
				: undefined;
		},
		put(itemPath, facts) {
			if (closed || warning !== undefined) {
				return;
			}

			entries.set(itemPath, facts);
			seen.add(itemPath);
			pending.push(lineOf(itemPath, facts));
			if (pending.length >= batchLines) {
				void flush();
			}
		},
		keep(itemPath) {
			seen.add(itemPath);
		},
		flush,
		async close({complete}) {
			if (closed) {
				return;
			}

			closed = true;
			await flush();
			await compact(complete);
			await handle?.close().catch(() => undefined);
			handle = undefined;
		},
	};
}

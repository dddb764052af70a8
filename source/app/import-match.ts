/**
Matches imported rows to the dataset's files: by relative path, then by file name when only one
file has it, then by content (SHA-1) when the imported file carries a hash or its own copy of the
image. Paths leaving the dataset folder are refused.
*/
import {stat} from 'node:fs/promises';
import path from 'node:path';
import type {ImportedRow} from '../formats/format-types.js';
import {createPathIndex} from '../formats/path-index.js';
import {checkCachePath, openCheckCache} from '../scan/check-cache.js';
import {sha1OfStream} from '../scan/content-hash.js';
import {walkImages} from '../scan/walk.js';

export type MatchWay = 'path' | 'basename' | 'hash';

export type MatchedRow = {readonly row: ImportedRow; readonly path: string; readonly way: MatchWay};

export type Matching = {
	readonly matched: readonly MatchedRow[];
	readonly counts: Readonly<Record<MatchWay, number>>;
	readonly unmatched: readonly string[];
	readonly refused: readonly string[];
};

/** How many files are hashed at once: two cores, and the disk is the limit anyway. */
const hashConcurrency = 4;

async function mapLimit<T, R>(list: readonly T[], limit: number, work: (value: T) => Promise<R>) {
	const results: R[] = new Array(list.length);
	let next = 0;
	const worker = async () => {
		while (next < list.length) {
			const index = next++;
			results[index] = await work(list[index] as T);
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, list.length)}, worker));
	return results;
}

async function hashOf(file: string): Promise<string | undefined> {
	try {
		return await sha1OfStream(file);
	} catch {
		return undefined;
	}
}

/** SHA-1 of every dataset file, from the check cache where it is current, else read. */
async function datasetHashes(dir: string, paths: readonly string[]): Promise<Map<string, string>> {
	const cache = await openCheckCache(checkCachePath(dir));
	const byHash = new Map<string, string>();
	const hashes = await mapLimit(paths, hashConcurrency, async (itemPath) => {
		const file = path.join(dir, ...itemPath.split('/'));
		const facts = await stat(file).catch(() => undefined);
		const cached = facts && cache.get(itemPath, facts.size, facts.mtimeMs)?.sha1;
		return cached ?? (await hashOf(file));
	});
	for (const [index, hash] of hashes.entries()) {
		const itemPath = paths[index];
		if (hash && itemPath !== undefined && !byHash.has(hash)) {
			byHash.set(hash, itemPath);
		}
	}

	return byHash;
}

export async function matchRows(
	dir: string,
	ignore: readonly string[],
	rows: readonly ImportedRow[],
): Promise<Matching> {
	const index = createPathIndex(dir);
	const all: string[] = [];
	for await (const batch of walkImages(dir, {ignore})) {
		for (const itemPath of batch) {
			index.add(itemPath);
			all.push(itemPath);
		}
	}

	const matched: MatchedRow[] = [];
	const counts = {path: 0, basename: 0, hash: 0};
	const refused: string[] = [];
	const pending: ImportedRow[] = [];
	for (const row of rows) {
		const match = index.match(row.ref);
		if (match.way === 'path' || match.way === 'basename') {
			matched.push({row, path: match.path, way: match.way});
			counts[match.way]++;
		} else if (match.way === 'refused') {
			refused.push(`${row.ref.written} (line ${row.line}): ${match.reason}`);
		} else {
			pending.push(row);
		}
	}

	const hashable = pending.filter((row) => row.ref.sha1 ?? row.ref.contentFile);
	const byHash = hashable.length > 0 ? await datasetHashes(dir, all) : new Map<string, string>();
	const rowHashes = await mapLimit(hashable, hashConcurrency, async (row) =>
		row.ref.sha1 ? row.ref.sha1.toLowerCase() : await hashOf(row.ref.contentFile ?? ''),
	);
	const hashed = new Map(hashable.map((row, position) => [row, rowHashes[position]]));
	const unmatched: string[] = [];
	for (const row of pending) {
		const hash = hashed.get(row);
		const found = hash === undefined ? undefined : byHash.get(hash);
		if (found === undefined) {
			unmatched.push(row.ref.written);
		} else {
			matched.push({row, path: found, way: 'hash'});
			counts.hash++;
		}
	}

	return {matched, counts, unmatched, refused};
}

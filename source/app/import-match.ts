/**
Matches imported rows to the dataset's files: by relative path, then by file name when only one
file has it, then by content (SHA-1) when the imported file carries a hash or its own copy of the
image. Paths leaving the dataset folder are refused.
*/
import {stat} from 'node:fs/promises';
import path from 'node:path';
import type {HumanLabel, ImportedRow, Prediction} from '../formats/format-types.js';
import {readKnownHashes} from '../formats/known-hashes.js';
import {createPathIndex} from '../formats/path-index.js';
import {sha1OfStream} from '../scan/content-hash.js';
import {walkImages} from '../scan/walk.js';

export type MatchWay = 'path' | 'basename' | 'hash';

/** What an imported row says about one dataset item (the last row for an item wins). */
export type ItemWord = Pick<ImportedRow, 'human' | 'prediction'>;

export type Matching = {
	/** Dataset path to what the imported file says about it (applying the labels consumes it). */
	readonly words: Map<string, ItemWord>;
	readonly rows: number;
	readonly counts: Readonly<Record<MatchWay, number>>;
	readonly unmatched: readonly string[];
	readonly refused: readonly string[];
};

/** How many files are hashed at once: two cores, and the disk is the limit anyway. */
const hashConcurrency = 4;

export async function mapLimit<T, R>(
	list: readonly T[],
	limit: number,
	work: (value: T) => Promise<R>,
) {
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
	const known = await readKnownHashes(dir);
	const byHash = new Map<string, string>();
	const hashes = await mapLimit(paths, hashConcurrency, async (itemPath) => {
		const file = path.join(dir, ...itemPath.split('/'));
		const facts = await stat(file).catch(() => undefined);
		const cached = facts && known.get(itemPath, facts.size, facts.mtimeMs);
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

/** Built by assignment: two spreads per row made two objects of garbage each, and a slower shape. */
function wordOf(row: ImportedRow): ItemWord {
	const word: {human?: HumanLabel; prediction?: Prediction} = {};
	if (row.human) word.human = row.human;
	if (row.prediction) word.prediction = row.prediction;
	return word;
}

/**
Walks the dataset first, then matches rows as they stream in, keeping only what each says; rows
that need a content hash wait until the end, so the dataset is hashed only when one does.
*/
export async function matchRows(
	dir: string,
	ignore: readonly string[],
	rows: AsyncIterable<ImportedRow>,
): Promise<Matching> {
	const index = createPathIndex(dir);
	for await (const batch of walkImages(dir, {ignore})) {
		for (const itemPath of batch) {
			index.add(itemPath);
		}
	}

	const words = new Map<string, ItemWord>();
	const counts = {path: 0, basename: 0, hash: 0};
	const refused: string[] = [];
	const pending: ImportedRow[] = [];
	let count = 0;
	for await (const row of rows) {
		count++;
		const match = index.match(row.ref);
		if (match.way === 'path' || match.way === 'basename') {
			words.set(match.path, wordOf(row));
			counts[match.way]++;
		} else if (match.way === 'refused') {
			refused.push(`${row.ref.written} (line ${row.line}): ${match.reason}`);
		} else {
			pending.push(row);
		}
	}

	const hashable = pending.filter((row) => row.ref.sha1 ?? row.ref.contentFile);
	const byHash =
		hashable.length > 0 ? await datasetHashes(dir, [...index.paths()]) : new Map<string, string>();
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
			words.set(found, wordOf(row));
			counts.hash++;
		}
	}

	return {words, rows: count, counts, unmatched, refused};
}

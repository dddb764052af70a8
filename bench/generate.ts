import {link, mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {type BenchFileKind, buildPool, fileName, inParallel, type PoolEntry} from './image-pool.js';
import {mulberry32, withMarker} from './synthetic-images.js';

export type {BenchFileKind} from './image-pool.js';

export type EnsureBenchOptions = {
	/** Defaults to a cache folder under the OS temp folder, keyed by count and seed. */
	readonly dir?: string;
	readonly count: number;
	readonly seed: number;
	/** Files beyond the distinct pool: copies with a marker (distinct hashes) or hard links (no disk). */
	readonly replicas?: 'copy' | 'link';
	readonly perFolder?: number;
	/** Distinct images to render (default 200); the rest are replicas. Small pools keep tests fast. */
	readonly poolSize?: number;
};

export type BenchImages = {
	readonly dir: string;
	/** Relative paths with `/` separators, in generation order. */
	readonly files: readonly string[];
	readonly kinds: readonly BenchFileKind[];
	readonly broken: readonly string[];
	readonly duplicates: ReadonlyArray<{readonly copy: string; readonly original: string}>;
	/** Bytes written to disk; hard links count zero. */
	readonly bytes: number;
	/** False when a complete earlier run was found and reused. */
	readonly generated: boolean;
};

type Manifest = Omit<BenchImages, 'dir' | 'generated'> & {
	readonly version: number;
	readonly count: number;
	readonly seed: number;
	readonly replicas: 'copy' | 'link';
	readonly poolSize: number;
	readonly complete: boolean;
};

const manifestVersion = 1;
const manifestName = '.imgsift-bench.json';
const defaultPoolSize = 200;

const folderName = (folder: number) => `part-${String(folder).padStart(3, '0')}`;

type Layout = {
	readonly files: string[];
	readonly kinds: BenchFileKind[];
	/** The pool entry each file is made from. */
	readonly sources: number[];
	/** Where each pool entry is written as is; every other file is a replica. */
	readonly poolPositions: number[];
};

/**
Spreads the pool over random positions, so broken files, duplicates and 12 MP photos turn up
anywhere in the walk, and fills the other positions with replicas of photos and screenshots.
*/
function layOut(
	pool: readonly PoolEntry[],
	count: number,
	seed: number,
	perFolder: number,
): Layout {
	const random = mulberry32(seed ^ 0x5eed);
	const positions = Array.from({length: count}, (_, index) => index);
	for (let index = 0; index < pool.length; index++) {
		const other = index + Math.floor(random() * (count - index));
		[positions[index], positions[other]] = [positions[other] ?? 0, positions[index] ?? 0];
	}

	const poolPositions = positions.slice(0, pool.length);
	const sources = new Array<number>(count);
	for (const [entry, position] of poolPositions.entries()) {
		sources[position] = entry;
	}

	const replicaSources = pool.flatMap((entry, index) =>
		entry.kind === 'photo' || entry.kind === 'screenshot' ? [index] : [],
	);
	const files: string[] = [];
	const kinds: BenchFileKind[] = [];
	for (let index = 0; index < count; index++) {
		sources[index] ??= replicaSources[Math.floor(random() * replicaSources.length)] ?? 0;
		const entry = pool[sources[index] ?? 0];
		if (!entry) {
			throw new Error('The bench pool is empty; this is a bug in the generator.');
		}

		files.push(`${folderName(Math.floor(index / perFolder))}/${fileName(index, entry)}`);
		kinds.push(entry.kind);
	}

	return {files, kinds, sources, poolPositions};
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
	try {
		return JSON.parse(await readFile(path.join(dir, manifestName), 'utf8')) as Manifest;
	} catch {
		return undefined;
	}
}

async function isReusable(
	dir: string,
	manifest: Manifest | undefined,
	wanted: Omit<Manifest, 'files' | 'kinds' | 'broken' | 'duplicates' | 'bytes' | 'complete'>,
): Promise<boolean> {
	if (
		!manifest?.complete ||
		manifest.version !== wanted.version ||
		manifest.count !== wanted.count ||
		manifest.seed !== wanted.seed ||
		manifest.replicas !== wanted.replicas ||
		manifest.poolSize !== wanted.poolSize
	) {
		return false;
	}

	const last = manifest.files.at(-1);
	return (
		last !== undefined &&
		(await stat(path.join(dir, last)).then(
			() => true,
			() => false,
		))
	);
}

/**
Makes (or finds, from an earlier run) a folder of `count` realistic images for benchmarks: a pool of
at most 200 distinct images (photo-like JPEGs 640-1600 px, phone and desktop PNG screenshots, a few
12 MP JPEGs, a few exact duplicates and broken files), then copies of the pool's photos and
screenshots, each with a few bytes changed, in folders of `perFolder`.
*/
export async function ensureBenchImages(options: EnsureBenchOptions): Promise<BenchImages> {
	const {count, seed, replicas = 'copy', perFolder = 1000, poolSize = defaultPoolSize} = options;
	if (!Number.isSafeInteger(count) || count < 1) {
		throw new Error(`Bench image count must be a positive integer, got ${count}.`);
	}

	const dir = path.resolve(
		options.dir ??
			path.join(
				tmpdir(),
				`imgsift-bench-v${manifestVersion}-${count}-${seed}-${replicas}-${poolSize}`,
			),
	);
	const wanted = {version: manifestVersion, count, seed, replicas, poolSize};
	const existing = await readManifest(dir);
	if (existing && (await isReusable(dir, existing, wanted))) {
		const {files, kinds, broken, duplicates, bytes} = existing;
		return {dir, files, kinds, broken, duplicates, bytes, generated: false};
	}

	await mkdir(dir, {recursive: true});
	if (!existing && (await readdir(dir)).length > 0) {
		throw new Error(
			`${dir} holds files that the bench generator did not make; pass an empty or new folder.`,
		);
	}

	const empty = {files: [], kinds: [], broken: [], duplicates: [], bytes: 0};
	await writeFile(
		path.join(dir, manifestName),
		JSON.stringify({...wanted, ...empty, complete: false}),
	);

	const pool = await buildPool(Math.min(count, poolSize), seed);
	const {files, kinds, sources, poolPositions} = layOut(pool, count, seed, perFolder);
	for (let folder = 0; folder * perFolder < count; folder++) {
		await mkdir(path.join(dir, folderName(folder)), {recursive: true});
	}

	const isPoolFile = new Set(poolPositions);
	const writeOne = async (index: number): Promise<number> => {
		const source = sources[index] ?? 0;
		const content = pool[source]?.content ?? Buffer.alloc(0);
		const target = path.join(dir, files[index] ?? '');
		if (isPoolFile.has(index)) {
			await writeFile(target, content);
			return content.length;
		}

		if (replicas === 'link') {
			const original = path.join(dir, files[poolPositions[source] ?? 0] ?? '');
			await link(original, target).catch((error: unknown) => {
				// A run cut short may have made this link already; anything else is a real failure.
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
					throw new Error(`Cannot hard-link bench image ${target}.`, {cause: error});
				}
			});
			return 0;
		}

		const copy = withMarker(content, String(index));
		await writeFile(target, copy);
		return copy.length;
	};

	// The pool first: hard links point at it.
	const poolSizes = await inParallel(8, poolPositions.length, (index) =>
		writeOne(poolPositions[index] ?? 0),
	);
	const rest = Array.from(files.keys()).filter((index) => !isPoolFile.has(index));
	const restSizes = await inParallel(8, rest.length, (index) => writeOne(rest[index] ?? 0));
	const bytes = [...poolSizes, ...restSizes].reduce((total, size) => total + size, 0);
	const broken = files.filter((_, index) => kinds[index] === 'broken');
	const fileOfPool = (entry: number) => files[poolPositions[entry] ?? 0] ?? '';
	const duplicates = pool.flatMap((entry, index) =>
		entry.original === undefined
			? []
			: [{copy: fileOfPool(index), original: fileOfPool(entry.original)}],
	);
	const manifest: Manifest = {...wanted, files, kinds, broken, duplicates, bytes, complete: true};
	await writeFile(path.join(dir, manifestName), JSON.stringify(manifest));
	return {dir, files, kinds, broken, duplicates, bytes, generated: true};
}

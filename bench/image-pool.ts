import {
	type BrokenVariant,
	breakImage,
	mulberry32,
	type Random,
	renderPhoto,
	renderScreenshot,
} from './synthetic-images.js';

export type BenchFileKind = 'photo' | 'screenshot' | 'large-photo' | 'duplicate' | 'broken';

export type PoolEntry = {
	readonly kind: BenchFileKind;
	readonly content: Buffer;
	readonly ext: string;
	/** For a duplicate: the pool index of the image it copies. */
	readonly original?: number;
};

/** How many of each kind a pool of `size` holds: mostly photos, a third screenshots, a few oddities. */
function poolPlan(size: number, random: Random): BenchFileKind[] {
	const few = size >= 10 ? Math.max(1, Math.round(size / 50)) : 0;
	const large = Math.floor(size / 60);
	const screenshots = Math.round((size - 2 * few - large) * 0.3);
	const photos = size - 2 * few - large - screenshots;
	// Distinct images first: broken files and duplicates are made from them.
	const distinct: BenchFileKind[] = [
		...Array<BenchFileKind>(photos).fill('photo'),
		...Array<BenchFileKind>(screenshots).fill('screenshot'),
		...Array<BenchFileKind>(large).fill('large-photo'),
	];
	for (let index = distinct.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[distinct[index], distinct[other]] = [distinct[other] ?? 'photo', distinct[index] ?? 'photo'];
	}

	return [
		...distinct,
		...Array<BenchFileKind>(few).fill('duplicate'),
		...Array<BenchFileKind>(few).fill('broken'),
	];
}

async function renderKind(kind: BenchFileKind, random: Random): Promise<PoolEntry> {
	if (kind === 'large-photo') {
		return {kind, content: await renderPhoto(random, 4000, 3000), ext: 'JPG'};
	}

	if (kind === 'screenshot') {
		const [width, height] = random() < 0.6 ? [1170, 2532] : [1920, 1080];
		return {kind, content: await renderScreenshot(random, width, height), ext: 'png'};
	}

	const width = Math.round(640 + random() * 960);
	const height = Math.round(width * (random() < 0.7 ? 0.75 : 1.333));
	return {kind: 'photo', content: await renderPhoto(random, width, height), ext: 'jpg'};
}

/** Runs tasks with at most `limit` in flight, keeping results in order. */
export async function inParallel<T>(
	limit: number,
	count: number,
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = new Array<T>(count);
	let next = 0;
	const worker = async () => {
		for (let index = next++; index < count; index = next++) {
			results[index] = await task(index);
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, count)}, worker));
	return results;
}

/** The distinct images of a benchmark set, made from the seed alone. */
export async function buildPool(size: number, seed: number): Promise<PoolEntry[]> {
	const random = mulberry32(seed);
	const plan = poolPlan(size, random);
	const distinct = plan.filter((kind) => kind !== 'duplicate' && kind !== 'broken');
	// Each image gets its own seed, so the output does not depend on which render finishes first.
	const seeds = distinct.map(() => Math.floor(random() * 2 ** 32));
	const pool = await inParallel(2, distinct.length, (index) =>
		renderKind(distinct[index] ?? 'photo', mulberry32(seeds[index] ?? 0)),
	);
	const variants: BrokenVariant[] = ['truncated', 'empty', 'not-an-image'];
	for (const [index, kind] of plan.slice(distinct.length).entries()) {
		const originalIndex = Math.floor(random() * distinct.length);
		const original = pool[originalIndex];
		if (!original) {
			continue;
		}

		pool.push(
			kind === 'duplicate'
				? {kind, content: original.content, ext: original.ext, original: originalIndex}
				: {
						kind,
						content: breakImage(original.content, variants[index % variants.length] ?? 'empty'),
						ext: original.ext,
					},
		);
	}

	return pool;
}

/** Camera-roll names: IMG_/DSC_ for photos, macOS-style names with spaces for screenshots. */
export function fileName(index: number, entry: PoolEntry): string {
	const number = String(index).padStart(6, '0');
	if (entry.kind === 'screenshot') {
		const taken = new Date(Date.UTC(2024, 0, 1) + index * 61_000).toISOString();
		return `Screenshot ${taken.slice(0, 10)} at ${taken.slice(11, 19).replaceAll(':', '.')} ${number}.png`;
	}

	const prefix = entry.kind === 'large-photo' ? 'DSC' : 'IMG';
	const suffix = entry.kind === 'duplicate' ? ' copy' : '';
	return `${prefix}_${number}${suffix}.${entry.ext}`;
}

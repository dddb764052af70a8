import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {walkImages} from '../source/scan/walk.js';

export type WalkFigures = {
	readonly images: number;
	readonly batches: number;
	readonly firstBatchMs: number;
	readonly totalMs: number;
};

/** Time to the first batch and to the end of a walk over `dir` (run it twice for a warm cache). */
export async function measureWalk(dir: string): Promise<WalkFigures> {
	const started = performance.now();
	let firstBatchMs = Number.NaN;
	let images = 0;
	let batches = 0;
	for await (const batch of walkImages(dir, {ignore: []})) {
		if (batches === 0) {
			firstBatchMs = performance.now() - started;
		}

		batches++;
		images += batch.length;
	}

	return {images, batches, firstBatchMs, totalMs: performance.now() - started};
}

/** A walk over one flat folder of `count` empty image files, the worst case for one readdir. */
export async function measureFlatWalk(count: number): Promise<WalkFigures> {
	const dir = await mkdtemp(path.join(tmpdir(), 'imgsift-walk-bench-'));
	try {
		for (let start = 0; start < count; start += 500) {
			const names = Array.from(
				{length: Math.min(500, count - start)},
				(_, offset) => `IMG_${String(start + offset).padStart(6, '0')}.jpg`,
			);
			await Promise.all(names.map((name) => writeFile(path.join(dir, name), '')));
		}

		return await measureWalk(dir);
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

/**
A cheap 100k-scale set: tiny JPEGs (48×32 noise, a few hundred bytes each) in day folders of 100,
as a camera roll lays them out. Made once in the temp folder and reused.

Most images are distinct, as in a real camera roll. One file in twenty is a re-tagged copy of one
of 16 originals (its bytes differ after the JPEG end marker, so its SHA-1 differs but its pixels do
not): the many-copies case, where every copy is a near-duplicate candidate of its original. The
first version of this set was 64 images repeated about 1,560 times each, which made `check` spend
its time on near-duplicate judgements no real folder asks for; it lived in another folder name.
*/
import {mkdir, readdir, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import {inParallel} from './image-pool.js';
import {mulberry32} from './synthetic-images.js';

export type TinySet = {readonly dir: string; readonly files: readonly string[]};

const perFolder = 100;
/** One file in this many is a copy of an original. */
const copyEvery = 20;
const originals = 16;
const width = 48;
const height = 32;

const dayOf = (folder: number) =>
	new Date(Date.UTC(2023, 0, 1) + folder * 86_400_000).toISOString().slice(0, 10);

/** What the set holds, for the bench's heading. */
export function describeTinySet(count: number): string {
	const copies = Math.floor(count / copyEvery);
	return `${(count - copies).toLocaleString('en-US')} distinct images and ${copies.toLocaleString('en-US')} re-tagged copies of ${originals} originals`;
}

/** Noise of its own for every index: the same bytes on every run. */
async function noiseJpeg(seed: number): Promise<Buffer> {
	const random = mulberry32(seed);
	const pixels = Buffer.alloc(width * height * 3);
	const mean = 40 + random() * 150;
	for (let index = 0; index < pixels.length; index++) {
		pixels[index] = Math.max(0, Math.min(255, Math.round(mean + (random() - 0.5) * 180)));
	}

	return sharp(pixels, {raw: {width, height, channels: 3}})
		.jpeg({quality: 70})
		.toBuffer();
}

export async function ensureTinySet(count: number): Promise<TinySet> {
	const dir = path.join(tmpdir(), `imgsift-bench-tiny-v2-${count}`);
	const files = Array.from({length: count}, (_, index) => {
		const name = `IMG_${String(index).padStart(6, '0')}.jpg`;
		return `${dayOf(Math.floor(index / perFolder))}/${name}`;
	});
	const done = await stat(path.join(dir, '.complete')).then(
		() => true,
		() => false,
	);
	if (done) return {dir, files};
	const copied = await Promise.all(
		Array.from({length: originals}, async (_, index) => noiseJpeg(1_000_000 + index)),
	);
	for (let folder = 0; folder * perFolder < count; folder++) {
		await mkdir(path.join(dir, dayOf(folder)), {recursive: true});
		const names = files.slice(folder * perFolder, (folder + 1) * perFolder);
		await inParallel(4, names.length, async (offset) => {
			const index = folder * perFolder + offset;
			const file = names[offset] ?? '';
			const bytes =
				index % copyEvery === copyEvery - 1
					? // Bytes after the JPEG's end marker: a distinct file with the same pixels.
						Buffer.concat([
							copied[Math.floor(index / copyEvery) % originals] as Buffer,
							Buffer.from(`#${index}`),
						])
					: await noiseJpeg(index);
			await writeFile(path.join(dir, file), bytes);
		});
	}

	await writeFile(path.join(dir, '.complete'), '');
	return {dir, files: (await readdir(dir)).length > 0 ? files : []};
}

/** Each file's size and mtime, so a made-up journal's decisions match the files as a real one's do. */
export async function tinySetStats(
	set: TinySet,
): Promise<Map<string, {size: number; mtimeMs: number}>> {
	const stats = new Map<string, {size: number; mtimeMs: number}>();
	for (const file of set.files) {
		const found = await stat(path.join(set.dir, file));
		stats.set(file, {size: found.size, mtimeMs: found.mtimeMs});
	}

	return stats;
}

/**
A cheap 100k-scale set: tiny distinct JPEGs (48×32 noise, a few hundred bytes each) in day folders
of 100, as a camera roll lays them out. Made once in the temp folder and reused.
*/
import {mkdir, readdir, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

export type TinySet = {readonly dir: string; readonly files: readonly string[]};

const perFolder = 100;
const dayOf = (folder: number) =>
	new Date(Date.UTC(2023, 0, 1) + folder * 86_400_000).toISOString().slice(0, 10);

export async function ensureTinySet(count: number): Promise<TinySet> {
	const dir = path.join(tmpdir(), `imgsift-bench-tiny-${count}`);
	const files = Array.from({length: count}, (_, index) => {
		const name = `IMG_${String(index).padStart(6, '0')}.jpg`;
		return `${dayOf(Math.floor(index / perFolder))}/${name}`;
	});
	const done = await stat(path.join(dir, '.complete')).then(
		() => true,
		() => false,
	);
	if (done) return {dir, files};
	const bases = await Promise.all(
		Array.from({length: 64}, async (_, index) =>
			sharp({
				create: {
					width: 48,
					height: 32,
					channels: 3,
					background: {r: 0, g: 0, b: 0},
					noise: {type: 'gaussian', mean: 40 + index * 2, sigma: 60},
				},
			})
				.jpeg({quality: 70})
				.toBuffer(),
		),
	);
	for (let folder = 0; folder * perFolder < count; folder++) {
		await mkdir(path.join(dir, dayOf(folder)), {recursive: true});
		const names = files.slice(folder * perFolder, (folder + 1) * perFolder);
		await Promise.all(
			names.map(async (file, offset) => {
				const index = folder * perFolder + offset;
				// Bytes after the JPEG's end marker: every file distinct, every file still valid.
				const bytes = Buffer.concat([bases[index % 64] as Buffer, Buffer.from(`#${index}`)]);
				await writeFile(path.join(dir, file), bytes);
			}),
		);
	}

	await writeFile(path.join(dir, '.complete'), '');
	return {dir, files: (await readdir(dir)).length > 0 ? files : []};
}

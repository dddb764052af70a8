import {mkdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import sharp from 'sharp';
import {ensureBenchImages} from './generate.js';
import {inParallel} from './image-pool.js';
import {mulberry32, type Random, renderPhoto, renderScreenshot} from './synthetic-images.js';

/** A folder of images with their true class (photo or screenshot), in path order. */
export type LabeledSet = {
	readonly name: string;
	readonly dir: string;
	readonly items: ReadonlyArray<{readonly path: string; readonly label: 'photo' | 'screenshot'}>;
};

/** The shared sample photos and screenshots (broken files and duplicates left out). */
export async function samplesSet(): Promise<LabeledSet> {
	const shared = fileURLToPath(new URL('../../../shared/samples/', import.meta.url));
	const local = fileURLToPath(new URL('../../samples/', import.meta.url));
	const [dir, truthFile] = await readFile(path.join(shared, 'truth.json'), 'utf8').then(
		(text) => [path.join(shared, 'images'), text] as const,
		async () => [local, await readFile(path.join(local, 'truth.json'), 'utf8')] as const,
	);
	const truth = JSON.parse(truthFile) as Record<string, string>;
	const items = Object.entries(truth)
		.filter(([, label]) => label === 'photo' || label === 'screenshot')
		.map(([file, label]) => ({path: file, label: label as 'photo' | 'screenshot'}))
		.sort((left, right) => (left.path < right.path ? -1 : 1));
	return {name: 'samples', dir, items};
}

/** The bench generator's photos (JPEG, camera shapes) and screenshots (PNG, screen sizes). */
export async function generatedSet(count: number): Promise<LabeledSet> {
	const images = await ensureBenchImages({count, seed: 42, poolSize: count});
	const items: Array<LabeledSet['items'][number]> = [];
	for (const [index, file] of images.files.entries()) {
		const kind = images.kinds[index];
		if (kind === 'photo' || kind === 'large-photo') {
			items.push({path: file, label: 'photo'});
		} else if (kind === 'screenshot') {
			items.push({path: file, label: 'screenshot'});
		}
	}

	return {name: `generated (${items.length})`, dir: images.dir, items};
}

async function hardImage(
	random: Random,
	index: number,
): Promise<{buffer: Buffer; ext: string; label: 'photo' | 'screenshot'}> {
	if (index % 2 === 0) {
		// A photo that looks like a screen file: PNG, an exact 16:9 screen size, no EXIF.
		const photo = await renderPhoto(random, 1920, 1080);
		return {buffer: await sharp(photo).png().toBuffer(), ext: 'png', label: 'photo'};
	}

	// A screenshot that looks like a camera file: cropped to 4:3, scaled, saved as JPEG.
	const shot = await renderScreenshot(random, 1170, 2532);
	const buffer = await sharp(shot)
		.extract({left: 0, top: 200, width: 1170, height: 1560})
		.resize(900, 1200)
		.jpeg({quality: 70 + Math.floor(random() * 20)})
		.toBuffer();
	return {buffer, ext: 'jpg', label: 'screenshot'};
}

/**
A set built to fool the file-level clues: photos as PNG at a screen size, screenshots as cropped
JPEGs at a camera's aspect. Only the pixel features can get these right.
*/
export async function disguisedSet(count: number): Promise<LabeledSet> {
	const dir = path.join(tmpdir(), `imgsift-bench-disguised-${count}`);
	const manifest = path.join(dir, '.labels.json');
	const existing = await readFile(manifest, 'utf8').then(
		(text) => JSON.parse(text) as LabeledSet['items'],
		() => undefined,
	);
	if (existing) {
		return {name: `disguised (${count})`, dir, items: existing};
	}

	await rm(dir, {recursive: true, force: true});
	await mkdir(dir, {recursive: true});
	const random = mulberry32(99);
	// Rendered one after another from one seed, so the set is the same on every machine.
	const rendered: Array<Awaited<ReturnType<typeof hardImage>>> = [];
	for (let index = 0; index < count; index++) {
		rendered.push(await hardImage(random, index));
	}

	const items = rendered.map((image, index) => ({
		path: `img_${String(index).padStart(4, '0')}.${image.ext}`,
		label: image.label,
	}));
	await inParallel(2, items.length, async (index) => {
		await writeFile(path.join(dir, items[index]?.path ?? ''), rendered[index]?.buffer ?? '');
	});
	await writeFile(manifest, JSON.stringify(items));
	return {name: `disguised (${count})`, dir, items};
}

/** A seeded shuffle of the set's items (the path order puts all of one class first in samples). */
export function shuffled(items: LabeledSet['items'], seed: number): LabeledSet['items'] {
	const random = mulberry32(seed);
	const keyed = items.map((item) => ({item, key: random()}));
	keyed.sort((left, right) => left.key - right.key);
	return keyed.map(({item}) => item);
}

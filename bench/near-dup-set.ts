import {mkdir, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import {mulberry32, type Random, renderPhoto} from './synthetic-images.js';

/**
A labelled set for near-duplicate precision and recall: base images (real samples and generated
shop-app screenshots that share one template), and for each base a re-encode, a resize, a small
crop and a brightness shift. Two files are a true pair only when they come from the same base;
screenshots of one template are the hard negatives.
*/

export const transformations = ['reencode', 'resize', 'crop', 'brightness'] as const;
export type Transformation = (typeof transformations)[number];

export type NearDupFile = {
	/** Relative to the set's folder. */
	readonly path: string;
	/** The base image this file was made from; the base itself has no transformation. */
	readonly base: string;
	readonly transformation?: Transformation;
	/** Set for generated app screenshots: which template they share with their siblings. */
	readonly template?: number;
};

export type NearDupSet = {readonly dir: string; readonly files: readonly NearDupFile[]};

const words = [
	'Linen shirt',
	'Ceramic mug',
	'Trail shoes',
	'Desk lamp',
	'Wool scarf',
	'Cotton tee',
	'Steel bottle',
	'Canvas bag',
	'Leather belt',
	'Rain jacket',
	'Oak shelf',
	'Glass vase',
];

const pick = (random: Random, count: number) => Math.floor(random() * count);

/** One screen of a shop app: the template fixes colours and layout, the variant its content. */
async function renderShopScreen(template: number, random: Random): Promise<Buffer> {
	const width = 585;
	const height = 1266;
	const accents = ['#ff5a1f', '#0a84ff', '#2fb05a', '#bf5af2'];
	const accent = accents[template % accents.length] ?? '#0a84ff';
	const title = words[pick(random, words.length)] ?? 'Item';
	const price = `$${(5 + random() * 200).toFixed(2)}`;
	const lines = Array.from(
		{length: 6},
		(_, line) =>
			`<text x="30" y="${900 + line * 42}" font-family="DejaVu Sans" font-size="26" fill="#555">${words[pick(random, words.length)]} ${words[pick(random, words.length)]?.toLowerCase()} ${line}</text>`,
	);
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#ffffff"/>
<rect width="100%" height="140" fill="${accent}"/>
<text x="30" y="100" font-family="DejaVu Sans" font-size="40" fill="#fff">Shop ${template}</text>
<text x="30" y="760" font-family="DejaVu Sans" font-size="44" fill="#111">${title}</text>
<text x="30" y="830" font-family="DejaVu Sans" font-size="38" fill="${accent}">${price}</text>
${lines.join('\n')}
<rect x="30" y="1160" width="${width - 60}" height="80" rx="40" fill="${accent}"/>
<text x="200" y="1212" font-family="DejaVu Sans" font-size="32" fill="#fff">Add to cart</text>
</svg>`;
	const photo = await sharp(await renderPhoto(random, 525, 520))
		.png()
		.toBuffer();
	return sharp(Buffer.from(svg))
		.composite([{input: photo, left: 30, top: 180}])
		.png()
		.toBuffer();
}

async function transform(content: Buffer, kind: Transformation): Promise<Buffer> {
	const image = sharp(content);
	const {width = 1, height = 1} = await image.metadata();
	switch (kind) {
		case 'reencode':
			return sharp(content).jpeg({quality: 60}).toBuffer();
		case 'resize':
			return sharp(content)
				.resize(Math.round(width * 0.45))
				.jpeg({quality: 85})
				.toBuffer();
		case 'crop': {
			// 3% off every side: a screenshot's status bar trimmed, a photo straightened.
			const left = Math.round(width * 0.03);
			const top = Math.round(height * 0.03);
			return sharp(content)
				.extract({left, top, width: width - 2 * left, height: height - 2 * top})
				.jpeg({quality: 90})
				.toBuffer();
		}
		case 'brightness':
			return sharp(content).modulate({brightness: 1.15}).jpeg({quality: 90}).toBuffer();
		default:
			return assertNever(kind);
	}
}

function assertNever(value: never): never {
	throw new Error(`unexpected ${String(value)}`);
}

/** The decodable samples (not the exact copy, not the broken ones), as bases. */
async function sampleBases(samples: string): Promise<string[]> {
	const truth = JSON.parse(await readFile(path.join(samples, 'truth.json'), 'utf8')) as Record<
		string,
		string
	>;
	return Object.entries(truth)
		.filter(([, kind]) => kind === 'photo' || kind === 'screenshot')
		.map(([name]) => name)
		.sort();
}

/** Where the sample images are: `images/` in ../shared/samples, the folder itself in the bundled copy. */
export async function sampleImagesFolder(samples: string): Promise<string> {
	const nested = path.join(samples, 'images');
	const found = await stat(nested).catch(() => undefined);
	return found?.isDirectory() ? nested : samples;
}

export type NearDupSetOptions = {
	/** A real samples folder: truth.json and the images, beside it or in images/. */
	readonly samples: string;
	readonly templates?: number;
	readonly screensPerTemplate?: number;
	/** Where to write; default a cached folder in the temp directory. */
	readonly dir?: string;
};

/** Makes (or reuses) the set; a `.complete` marker and `set.json` record what each file is. */
export async function ensureNearDupSet(options: NearDupSetOptions): Promise<NearDupSet> {
	const templates = options.templates ?? 4;
	const perTemplate = options.screensPerTemplate ?? 6;
	const dir = options.dir ?? path.join(tmpdir(), `imgsift-bench-near-${templates}x${perTemplate}`);
	const listing = path.join(dir, '.set.json');
	const existing = await readFile(listing, 'utf8').catch(() => undefined);
	if (existing !== undefined) {
		return {dir, files: JSON.parse(existing) as NearDupFile[]};
	}

	await rm(dir, {recursive: true, force: true});
	await mkdir(dir, {recursive: true});
	const bases: Array<{name: string; content: Buffer; template?: number}> = [];
	const images = await sampleImagesFolder(options.samples);
	for (const name of await sampleBases(options.samples)) {
		bases.push({name, content: await readFile(path.join(images, name))});
	}

	const random = mulberry32(12);
	for (let template = 0; template < templates; template++) {
		for (let screen = 0; screen < perTemplate; screen++) {
			const name = `shop_${template}_${screen}.png`;
			bases.push({name, content: await renderShopScreen(template, random), template});
		}
	}

	const files: NearDupFile[] = [];
	for (const base of bases) {
		const template = base.template === undefined ? {} : {template: base.template};
		await writeFile(path.join(dir, base.name), base.content);
		files.push({path: base.name, base: base.name, ...template});
		const stem = base.name.replace(/\.\w+$/, '');
		for (const kind of transformations) {
			const name = `${stem}~${kind}.jpg`;
			await writeFile(path.join(dir, name), await transform(base.content, kind));
			files.push({path: name, base: base.name, transformation: kind, ...template});
		}
	}

	await writeFile(listing, JSON.stringify(files));
	return {dir, files: (await readdir(dir)).length > 0 ? files : []};
}

import {crc32} from 'node:zlib';
import sharp, {type OverlayOptions} from 'sharp';

/** Deterministic PRNG (mulberry32): the same seed always makes the same images. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};
}

export type Random = () => number;

const between = (random: Random, low: number, high: number) =>
	Math.floor(low + random() * (high - low + 1));

const pick = <T>(random: Random, values: readonly T[]): T => {
	const value = values[Math.floor(random() * values.length)];
	if (value === undefined) {
		throw new Error('pick needs at least one value');
	}

	return value;
};

function colour(random: Random, light = 0.5): string {
	const channel = () => between(random, 0, 255) * (1 - light) + 255 * light * random();
	return `rgb(${Math.round(channel())},${Math.round(channel())},${Math.round(channel())})`;
}

let noiseTile: Promise<Buffer> | undefined;

/** A faint tile of gaussian grain, shared by all photos: flat areas are what tell screenshots apart. */
function grain(): Promise<Buffer> {
	noiseTile ??= sharp({
		create: {
			width: 256,
			height: 256,
			channels: 3,
			background: '#808080',
			noise: {type: 'gaussian', mean: 128, sigma: 40},
		},
	})
		.ensureAlpha(0.06)
		.png()
		.toBuffer();
	return noiseTile;
}

/** Drawn at a quarter of the size: upscaling softens edges like a lens, and costs less than a blur. */
function photoScene(random: Random, width: number, height: number): string {
	const horizon = 0.35 + random() * 0.3;
	const shapes: string[] = [];
	for (let index = between(random, 5, 14); index > 0; index--) {
		const x = between(random, 0, width);
		const y = between(random, 0, height);
		const size = between(random, Math.round(width / 20), Math.round(width / 3));
		const opacity = (0.4 + random() * 0.5).toFixed(2);
		const fill = colour(random, 0.2);
		shapes.push(
			random() < 0.5
				? `<ellipse cx="${x}" cy="${y}" rx="${size}" ry="${Math.round(size * (0.4 + random()))}" fill="${fill}" opacity="${opacity}"/>`
				: `<polygon points="${x},${y} ${x + size},${y + between(random, -size, size)} ${x + between(random, -size, size)},${y + size}" fill="${fill}" opacity="${opacity}"/>`,
		);
	}

	const drawn = `width="${Math.ceil(width / 4)}" height="${Math.ceil(height / 4)}"`;
	return `<svg xmlns="http://www.w3.org/2000/svg" ${drawn} viewBox="0 0 ${width} ${height}" preserveAspectRatio="none">
<defs><linearGradient id="sky" x1="0" y1="0" x2="${random().toFixed(2)}" y2="1">
<stop offset="0" stop-color="${colour(random, 0.5)}"/><stop offset="${horizon.toFixed(2)}" stop-color="${colour(random, 0.6)}"/>
<stop offset="${(horizon + 0.01).toFixed(2)}" stop-color="${colour(random, 0.1)}"/><stop offset="1" stop-color="${colour(random, 0)}"/>
</linearGradient></defs><rect width="100%" height="100%" fill="url(#sky)"/>${shapes.join('')}</svg>`;
}

/** A photo-like JPEG: gradients, soft shapes and grain, like a blurry snapshot. */
export async function renderPhoto(random: Random, width: number, height: number): Promise<Buffer> {
	return sharp(Buffer.from(photoScene(random, width, height)))
		.resize(width, height, {fit: 'fill'})
		.composite([{input: await grain(), tile: true, blend: 'over'}])
		.jpeg({quality: between(random, 78, 90)})
		.toBuffer();
}

function screenScene(random: Random, width: number, height: number): string {
	const dark = random() < 0.3;
	const background = dark ? '#1c1c1e' : '#f2f2f7';
	const card = dark ? '#2c2c2e' : '#ffffff';
	const ink = dark ? '#f2f2f7' : '#1c1c1e';
	const accent = pick(random, ['#0a84ff', '#30d158', '#ff9f0a', '#bf5af2', '#ff375f']);
	const unit = Math.round(width / 40);
	const parts = [
		`<rect width="100%" height="100%" fill="${background}"/>`,
		`<rect width="100%" height="${unit * 4}" fill="${card}"/>`,
		`<rect x="${unit}" y="${unit * 1.5}" width="${unit * 8}" height="${unit}" rx="4" fill="${ink}"/>`,
	];
	let y = unit * 6;
	while (y < height - unit * 6) {
		const rowHeight = unit * between(random, 3, 6);
		parts.push(
			`<rect x="${unit}" y="${y}" width="${width - unit * 2}" height="${rowHeight}" rx="${unit / 2}" fill="${card}"/>`,
		);
		for (let line = y + unit; line < y + rowHeight - unit / 2; line += unit * 1.4) {
			const barWidth = between(random, unit * 4, width - unit * 6);
			parts.push(
				`<rect x="${unit * 2}" y="${line}" width="${barWidth}" height="${Math.round(unit * 0.6)}" rx="3" fill="${line === y + unit ? ink : '#8e8e93'}"/>`,
			);
		}

		if (random() < 0.3) {
			parts.push(
				`<rect x="${width - unit * 8}" y="${y + unit}" width="${unit * 5}" height="${unit * 1.6}" rx="${unit}" fill="${accent}"/>`,
			);
		}

		y += rowHeight + unit;
	}

	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** A PNG screenshot: flat UI cards with text-like bars, sometimes with a photo inside. */
export async function renderScreenshot(
	random: Random,
	width: number,
	height: number,
): Promise<Buffer> {
	const layers: OverlayOptions[] = [];
	if (random() < 0.15) {
		const photoWidth = Math.round(width * 0.8);
		const photoHeight = Math.round(photoWidth * 0.4);
		const photo = await sharp(await renderPhoto(random, photoWidth, photoHeight))
			.png()
			.toBuffer();
		layers.push({input: photo, left: Math.round(width * 0.1), top: Math.round(height * 0.3)});
	}

	return sharp(Buffer.from(screenScene(random, width, height)))
		.composite(layers)
		.png()
		.toBuffer();
}

/**
A copy of an image that differs in a few bytes yet stays valid, so content hashes tell the copies
apart: a JPEG comment segment after SOI, or a PNG tEXt chunk after IHDR.
*/
export function withMarker(image: Buffer, marker: string): Buffer {
	const text = Buffer.from(`imgsift-bench ${marker}`, 'latin1');
	if (image[0] === 0xff && image[1] === 0xd8) {
		const length = Buffer.alloc(2);
		length.writeUInt16BE(text.length + 2);
		return Buffer.concat([
			image.subarray(0, 2),
			Buffer.from([0xff, 0xfe]),
			length,
			text,
			image.subarray(2),
		]);
	}

	const pngHeaderEnd = 8 + 25; // Signature, then the IHDR chunk (length, type, 13 bytes, CRC).
	if (image.subarray(1, 4).toString('latin1') === 'PNG') {
		const body = Buffer.concat([
			Buffer.from('tEXt', 'latin1'),
			Buffer.from('Comment\0', 'latin1'),
			text,
		]);
		const length = Buffer.alloc(4);
		length.writeUInt32BE(body.length - 4);
		const checksum = Buffer.alloc(4);
		checksum.writeUInt32BE(crc32(body));
		return Buffer.concat([
			image.subarray(0, pngHeaderEnd),
			length,
			body,
			checksum,
			image.subarray(pngHeaderEnd),
		]);
	}

	throw new Error('withMarker takes a JPEG or a PNG made by the bench generator');
}

export type BrokenVariant = 'truncated' | 'empty' | 'not-an-image';

/** Files that look like images by name but fail to decode, as found in real folders. */
export function breakImage(image: Buffer, variant: BrokenVariant): Buffer {
	switch (variant) {
		case 'truncated': {
			return image.subarray(0, Math.floor(image.length * 0.4));
		}

		case 'empty': {
			return Buffer.alloc(0);
		}

		case 'not-an-image': {
			return Buffer.from(
				'<!DOCTYPE html><html><body>Saved from the web, not an image</body></html>\n',
			);
		}
	}
}

import {writeFile} from 'node:fs/promises';
import zlib from 'node:zlib';
import sharp from 'sharp';

/** A deterministic noisy texture, so JPEGs made from it decode like photos (not flat colour). */
export function texturePixels(width: number, height: number, seed = 1): Uint8Array {
	const pixels = new Uint8Array(width * height * 3);
	let state = seed >>> 0;
	for (let index = 0; index < pixels.length; index++) {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		pixels[index] = state >>> 24;
	}
	return pixels;
}

/**
 * A width×height JPEG with real texture, made by enlarging a small noise image (fast to encode).
 * `orientation` sets the EXIF tag, e.g. 6 for a phone held upright.
 */
export async function writeTexturedJpeg(
	file: string,
	{width, height, orientation}: {width: number; height: number; orientation?: number},
): Promise<void> {
	const smallWidth = Math.ceil(width / 10);
	const smallHeight = Math.ceil(height / 10);
	let image = sharp(texturePixels(smallWidth, smallHeight), {
		raw: {width: smallWidth, height: smallHeight, channels: 3},
	})
		.resize(width, height, {fit: 'fill', kernel: 'nearest'})
		.jpeg({quality: 80});
	if (orientation !== undefined) image = image.withMetadata({orientation});
	await image.toFile(file);
}

function pngChunk(type: string, data: Uint8Array): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(zlib.crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A tiny PNG whose header claims width×height (8-bit RGB) followed by one row of data: a few
 * hundred bytes on disk, which a decoder that trusts the header would try to allocate in full.
 */
export async function writePngHeaderOnly(
	file: string,
	{width, height}: {width: number; height: number},
): Promise<void> {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	const firstRow = zlib.deflateSync(Buffer.alloc(1 + width * 3));
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	await writeFile(
		file,
		Buffer.concat([
			signature,
			pngChunk('IHDR', header),
			pngChunk('IDAT', firstRow),
			pngChunk('IEND', new Uint8Array()),
		]),
	);
}

/** A minimal valid 2×2 24-bit BMP, a real image format our sharp build cannot decode. */
export async function writeBmp(file: string): Promise<void> {
	const bmp = Buffer.alloc(54 + 16);
	bmp.write('BM', 0, 'latin1');
	bmp.writeUInt32LE(bmp.length, 2);
	bmp.writeUInt32LE(54, 10);
	bmp.writeUInt32LE(40, 14);
	bmp.writeInt32LE(2, 18);
	bmp.writeInt32LE(2, 22);
	bmp.writeUInt16LE(1, 26);
	bmp.writeUInt16LE(24, 28);
	await writeFile(file, bmp);
}

import type {Sharp} from 'sharp';
import {pHashOfCentre, pHashOfThumbnail, pHashThumbnailSide} from './dct-hash.js';
import {popCount32} from './pop-count.js';
import {sharp} from './sharp-instance.js';

/** dHash compares each pixel with its right neighbour: 9 columns give 8 differences per row. */
export const dHashWidth = 9;
export const dHashHeight = 8;

/**
The band a hash is taken from: green for colour images (it carries most of the luma, 0.59 of
Rec. 601), the grey band otherwise. One band, not a luma mix, so the full-size decode of a PNG
hands over a quarter of the bytes; every path uses the same band, so hashes compare across
formats. Alpha is ignored: a copy saved without transparency keeps its hash.
*/
export function hashBand(channels: number): 0 | 1 {
	if (!Number.isInteger(channels) || channels < 1 || channels > 4) {
		throw new RangeError(`An image has 1 to 4 channels per pixel, got ${channels}.`);
	}

	return channels >= 3 ? 1 : 0;
}

/** One band of an interleaved 8-bit image, as numbers. */
export function bandOf(pixels: Uint8Array, channels: number): Float64Array {
	const band = hashBand(channels);
	const count = Math.floor(pixels.length / channels);
	const values = new Float64Array(count);
	for (let index = 0; index < count; index++) {
		values[index] = pixels[index * channels + band] ?? 0;
	}

	return values;
}

/** Words summed before the 16-bit low lane of the accumulator could overflow (120 × 510). */
const wordsPerFlush = 120;

/**
Sums bytes [from, to) of `pixels`, four at a time through a Uint32Array view: each word adds its
bytes 0+1 into the low 16 bits and 2+3 above them (SWAR), so the loop runs a quarter as often.
`words` views the buffer from the first 4-byte boundary, at `wordStart` bytes into `pixels`.
*/
function sumBytes(
	pixels: Uint8Array,
	words: Uint32Array,
	wordStart: number,
	from: number,
	to: number,
): number {
	let sum = 0;
	let at = from;
	while (at < to && (at - wordStart) % 4 !== 0) {
		sum += pixels[at++] ?? 0;
	}

	const lastWord = Math.max(0, Math.floor((to - wordStart) / 4));
	let word = Math.floor((at - wordStart) / 4);
	while (word < lastWord) {
		const stop = Math.min(lastWord, word + wordsPerFlush);
		let lanes = 0;
		for (; word < stop; word++) {
			const value = words[word] ?? 0;
			lanes += (value & 0xff00ff) + ((value >>> 8) & 0xff00ff);
		}

		sum += (lanes & 0xffff) + (lanes >>> 16);
	}

	for (at = Math.max(at, wordStart + lastWord * 4); at < to; at++) {
		sum += pixels[at] ?? 0;
	}

	return sum;
}

/**
Averages a one-band width×height image into gridWidth×gridHeight boxes (each box the mean of
the pixels whose top-left corner falls in it). Runs on the main thread at about 0.4 ns a pixel,
where libvips' shrink of the same image with all its bands took about 5.
*/
export function boxAverage(
	pixels: Uint8Array,
	width: number,
	height: number,
	gridWidth = dHashWidth,
	gridHeight = dHashHeight,
): Float64Array {
	if (width < 1 || height < 1 || pixels.length < width * height) {
		throw new RangeError(`boxAverage needs ${width}×${height} bytes, got ${pixels.length}.`);
	}

	const wordStart = (4 - (pixels.byteOffset % 4)) % 4;
	const words = new Uint32Array(
		pixels.buffer,
		pixels.byteOffset + wordStart,
		Math.max(0, Math.floor((pixels.byteLength - wordStart) / 4)),
	);
	const sums = new Float64Array(gridWidth * gridHeight);
	const counts = new Float64Array(gridWidth * gridHeight);
	const starts = Array.from({length: gridWidth + 1}, (_, column) =>
		Math.floor((column * width) / gridWidth),
	);
	for (let y = 0; y < height; y++) {
		const box = Math.floor((y * gridHeight) / height) * gridWidth;
		const row = y * width;
		for (let column = 0; column < gridWidth; column++) {
			const from = row + (starts[column] ?? 0);
			const to = row + (starts[column + 1] ?? 0);
			sums[box + column] = (sums[box + column] ?? 0) + sumBytes(pixels, words, wordStart, from, to);
			counts[box + column] = (counts[box + column] ?? 0) + (to - from);
		}
	}

	// A box can be empty only when the image is narrower or shorter than the grid.
	return sums.map((sum, index) => sum / Math.max(1, counts[index] ?? 0));
}

/**
The 64-bit difference hash of a 9×8 one-band thumbnail (row-major), as 16 hex digits: bit 63 first,
set where a pixel is brighter than its left neighbour. Resizing and recompressing an image keep
most bits; different images differ in about half of them.
*/
export function dHashOfGrey(grey: ArrayLike<number>): string {
	if (grey.length !== dHashWidth * dHashHeight) {
		throw new RangeError(
			`dHash needs a ${dHashWidth}×${dHashHeight} thumbnail (${dHashWidth * dHashHeight} values), got ${grey.length}.`,
		);
	}

	let hex = '';
	for (let row = 0; row < dHashHeight; row++) {
		let byte = 0;
		for (let column = 0; column < dHashWidth - 1; column++) {
			const left = grey[row * dHashWidth + column] ?? 0;
			const right = grey[row * dHashWidth + column + 1] ?? 0;
			byte = (byte << 1) | (right > left ? 1 : 0);
		}

		hex += byte.toString(16).padStart(2, '0');
	}

	return hex;
}

/** The dHash of a raw 9×8 thumbnail as sharp returns it (1 to 4 channels of 8 bits). */
export function dHashOfThumbnail(pixels: Uint8Array, channels: number): string {
	return dHashOfGrey(bandOf(pixels, channels));
}

/** Formats libvips shrinks while loading: a 9×8 resize decodes them at 1/8 scale or less. */
const shrinkOnLoadFormats: ReadonlySet<string> = new Set(['jpeg', 'webp']);

/** Above this many pixels a full-size band would hold too much memory: libvips shrinks instead. */
export const fullDecodeLimit = 16 * 1024 * 1024;

export type HashHeader = {
	readonly format: string;
	/** As stored, before orientation. */
	readonly width: number;
	readonly height: number;
	readonly channels: number;
	readonly orientation?: number | undefined;
};

function bytesOf(data: Buffer): Uint8Array {
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The perceptual hashes of an image, 16 hex digits each (`phashCentre`: see pHashOfCentre). */
export type ImageHashes = {
	readonly dhash: string;
	readonly phash: string;
	readonly phashCentre: string;
};

/** One band of an interleaved 8-bit image, as bytes. */
function bandBytes(pixels: Uint8Array, channels: number): Uint8Array {
	if (channels === 1) {
		return pixels;
	}

	const band = hashBand(channels);
	// A plain loop: Uint8Array.from with a callback cost about 2 ms per 100k-file sweep step.
	const values = new Uint8Array(Math.floor(pixels.length / channels));
	for (let index = 0; index < values.length; index++) {
		values[index] = pixels[index * channels + band] ?? 0;
	}

	return values;
}

/** The hashes from a one-band thumbnail of pHashThumbnailSide² pixels. */
function hashesOfThumbnail(grey: Uint8Array): ImageHashes {
	const side = pHashThumbnailSide;
	return {
		dhash: dHashOfGrey(boxAverage(grey, side, side)),
		phash: pHashOfThumbnail(grey),
		phashCentre: pHashOfCentre(grey),
	};
}

/**
Decodes every pixel of `image` and returns its dHash and pHash. JPEG and WebP go through a 36×36
resize straight after the input, so they decode at 1/8 scale (all entropy-coded data is still
read). Other formats (PNG, GIF, TIFF, …) have no shrink-on-load: libvips' shrink of a full-size
image with all its bands cost more than the decode itself, so up to `fullDecodeLimit` pixels only
the hash band is decoded at full size and averaged here. Orientation is applied only when the
EXIF tag asks, since rotate() costs time even when it does nothing.
*/
export async function decodeToHash(image: Sharp, header: HashHeader): Promise<ImageHashes> {
	const orientation = header.orientation ?? 1;
	const oriented = orientation > 1 ? image.rotate() : image;
	if (shrinkOnLoadFormats.has(header.format) || header.width * header.height > fullDecodeLimit) {
		const {data, info} = await oriented
			.resize(pHashThumbnailSide, pHashThumbnailSide, {fit: 'fill'})
			.raw({depth: 'uchar'})
			.toBuffer({resolveWithObject: true});
		return hashesOfThumbnail(bandBytes(bytesOf(data), info.channels));
	}

	const {data, info} = await oriented
		.extractChannel(hashBand(header.channels))
		.raw({depth: 'uchar'})
		.toBuffer({resolveWithObject: true});
	if (info.channels !== 1) {
		throw new Error(`expected one band after extracting the hash band, got ${info.channels}`);
	}

	const band = bytesOf(data);
	const side = pHashThumbnailSide;
	const thumbnail = boxAverage(band, info.width, info.height, side, side);
	return {
		dhash: dHashOfGrey(boxAverage(band, info.width, info.height)),
		phash: pHashOfThumbnail(thumbnail),
		phashCentre: pHashOfCentre(thumbnail),
	};
}

/** Both hashes of an image file or buffer. Rejects with sharp's error for files it cannot decode. */
export async function imageHashes(input: string | Uint8Array): Promise<ImageHashes> {
	const image = sharp(input, {failOn: 'error'});
	const {format, width, height, channels, orientation} = await image.metadata();
	return decodeToHash(image, {format, width, height, channels, orientation});
}

/** The dHash of an image file or buffer. Rejects with sharp's error for files it cannot decode. */
export async function perceptualHash(input: string | Uint8Array): Promise<string> {
	return (await imageHashes(input)).dhash;
}

/** Bits that differ between two 16-hex-digit hashes. */
export function hammingDistance(left: string, right: string): number {
	const high = Number.parseInt(left.slice(0, 8), 16) ^ Number.parseInt(right.slice(0, 8), 16);
	const low = Number.parseInt(left.slice(8, 16), 16) ^ Number.parseInt(right.slice(8, 16), 16);
	return popCount32(high) + popCount32(low);
}

// Where it was first: hamming-index imports pop-count.js itself, so it loads without sharp.
export {popCount32} from './pop-count.js';

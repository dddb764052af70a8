import {copyFile, mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import {samplesFolder} from './dataset.js';

/** A sample photo's bytes: real JPEG data with real structure to cut and damage. */
export async function samplePhoto(name = 'img_0001.jpg'): Promise<Buffer> {
	return readFile(path.join(samplesFolder, name));
}

export async function writeBytes(file: string, bytes: Uint8Array | string): Promise<string> {
	await mkdir(path.dirname(file), {recursive: true});
	await writeFile(file, bytes);
	return file;
}

/** The first `fraction` of `bytes` (at least one byte past the first 16, so the header survives). */
export function truncated(bytes: Uint8Array, fraction: number): Uint8Array {
	return bytes.subarray(0, Math.max(16, Math.floor(bytes.length * fraction)));
}

/** Byte offset of a PNG chunk's type field, or -1. */
export function pngChunkOffset(png: Uint8Array, type: string): number {
	let offset = 8;
	while (offset + 8 <= png.length) {
		const length = Buffer.from(png.buffer, png.byteOffset, png.byteLength).readUInt32BE(offset);
		const name = Buffer.from(png.subarray(offset + 4, offset + 8)).toString('latin1');
		if (name === type) {
			return offset;
		}

		offset += 12 + length;
	}

	return -1;
}

/** A copy of `png` with one byte inside its first IDAT flipped: the CRC no longer matches. */
export function withBadIdatCrc(png: Uint8Array): Uint8Array {
	const damaged = Uint8Array.from(png);
	const offset = pngChunkOffset(damaged, 'IDAT');
	if (offset < 0) {
		throw new Error('withBadIdatCrc needs a PNG with an IDAT chunk.');
	}

	const at = offset + 8 + 10;
	damaged[at] = (damaged[at] ?? 0) ^ 0x5a;
	return damaged;
}

/** A small PNG made by sharp from a sample, so tests have a PNG with several IDAT bytes to damage. */
export async function samplePng(width = 200): Promise<Buffer> {
	return sharp(path.join(samplesFolder, 'img_0022.png')).resize({width}).png().toBuffer();
}

/** The same picture, resized and recompressed: a near duplicate with different bytes. */
export async function resizedRecompressed(
	source: Uint8Array,
	{width, quality}: {width: number; quality: number},
): Promise<Buffer> {
	return sharp(source).resize({width}).jpeg({quality}).toBuffer();
}

export async function copySample(name: string, to: string): Promise<string> {
	await mkdir(path.dirname(to), {recursive: true});
	await copyFile(path.join(samplesFolder, name), to);
	return to;
}

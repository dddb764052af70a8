import assert from 'node:assert/strict';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {crc32} from 'node:zlib';
import sharp from 'sharp';
import {readQuickHeader} from '../../source/image/image-header.js';
import {hashBand} from '../../source/image/perceptual-hash.js';
import {validateImage} from '../../source/image/validate.js';
import {pngChunkOffset, truncated} from '../helpers/check-files.js';
import {samplesFolder} from '../helpers/dataset.js';
import {texturePixels} from '../helpers/image-files.js';

/** What the check uses from sharp's metadata, in the quick header's terms. */
async function fromSharp(bytes: Uint8Array) {
	const meta = await sharp(bytes).metadata();
	return {
		format: meta.format,
		width: meta.width,
		height: meta.height,
		band: hashBand(meta.channels),
		orientation: meta.orientation ?? 1,
		autoOrient: meta.autoOrient,
	};
}

function quick(bytes: Uint8Array) {
	const header = readQuickHeader(bytes);
	assert.ok(header, 'a quick header');
	const {format, width, height, channels, orientation, autoOrient} = header;
	return {
		format,
		width,
		height,
		band: hashBand(channels),
		orientation: orientation ?? 1,
		autoOrient,
	};
}

function texture(width: number, height: number, channels: 1 | 2 | 3 | 4) {
	const rgba = texturePixels(width, height);
	const pixels = Uint8Array.from(
		{length: width * height * channels},
		(_, index) => rgba[Math.floor(index / channels) * 3 + (index % channels)] ?? 0,
	);
	return sharp(pixels, {raw: {width, height, channels}});
}

test('the quick header matches sharp on every bundled JPEG and PNG', async () => {
	const names = (await readdir(samplesFolder)).filter((name) => /\.(jpe?g|png)$/i.test(name));
	let read = 0;
	for (const name of names) {
		const bytes = await readFile(path.join(samplesFolder, name));
		const header = readQuickHeader(bytes);
		const meta = await fromSharp(bytes).catch(() => undefined);
		if (header === undefined || meta === undefined) {
			continue; // Broken samples: sharp or the quick reader gives up, validate asks sharp.
		}

		assert.deepEqual(quick(bytes), meta, name);
		read++;
	}

	assert.ok(read >= 10, `only ${read} samples read quickly`);
});

test('EXIF orientations 5 to 8 swap the displayed size, in both byte orders', async () => {
	for (const orientation of [1, 3, 6, 8]) {
		const jpeg = await texture(40, 24, 3).jpeg().withMetadata({orientation}).toBuffer();
		assert.deepEqual(quick(jpeg), await fromSharp(jpeg), `orientation ${orientation}`);
	}

	// sharp writes big-endian EXIF; flip a copy to little-endian by hand for the other branch.
	const exif = Buffer.from(
		'Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\0\0\0\0',
		'latin1',
	);
	const plain = await texture(40, 24, 3).jpeg().toBuffer();
	const segment = Buffer.concat([Buffer.from([0xff, 0xe1, 0, exif.length + 2]), exif]);
	const little = Buffer.concat([plain.subarray(0, 2), segment, plain.subarray(2)]);
	assert.deepEqual(quick(little), await fromSharp(little));
	assert.deepEqual(quick(little).autoOrient, {width: 24, height: 40});
});

test('grey, grey+alpha, RGB, RGBA, palette and 16-bit PNGs pick the band sharp would', async () => {
	const pngs = [
		await texture(30, 20, 1).png().toBuffer(),
		await texture(30, 20, 2).png().toBuffer(),
		await texture(30, 20, 3).png().toBuffer(),
		await texture(30, 20, 4).png().toBuffer(),
		await texture(30, 20, 4).png({palette: true}).toBuffer(),
		await texture(30, 20, 3).toColourspace('rgb16').png().toBuffer(),
		await texture(30, 20, 1).jpeg().toBuffer(),
	];
	for (const [index, bytes] of pngs.entries()) {
		assert.deepEqual(quick(bytes), await fromSharp(bytes), `image ${index}`);
	}
});

test('odd headers are left to sharp: CMYK, eXIf in a PNG, cut headers, other formats', async () => {
	const cmyk = await texture(16, 16, 3).toColourspace('cmyk').jpeg().toBuffer();
	assert.equal(readQuickHeader(cmyk), undefined, 'CMYK JPEG');

	const png = await texture(16, 16, 3).png().toBuffer();
	const idat = pngChunkOffset(png, 'IDAT');
	const body = Buffer.from('eXIfMM\0*\0\0\0\x08\0\0', 'latin1');
	const chunk = Buffer.alloc(body.length + 8);
	chunk.writeUInt32BE(body.length - 4, 0);
	body.copy(chunk, 4);
	chunk.writeUInt32BE(crc32(body), body.length + 4);
	const withExif = Buffer.concat([png.subarray(0, idat), chunk, png.subarray(idat)]);
	assert.equal(readQuickHeader(withExif), undefined, 'PNG with eXIf');
	assert.ok((await sharp(withExif).metadata()).exif, 'sharp does read the eXIf chunk');

	const jpeg = await texture(16, 16, 3).jpeg().toBuffer();
	assert.equal(readQuickHeader(jpeg.subarray(0, 20)), undefined, 'JPEG cut before its frame');
	assert.equal(readQuickHeader(png.subarray(0, 20)), undefined, 'PNG cut inside IHDR');
	assert.equal(readQuickHeader(await texture(16, 16, 3).webp().toBuffer()), undefined, 'WebP');
	assert.equal(readQuickHeader(new Uint8Array()), undefined, 'empty');
});

test('validation gives the same answer with or without the quick header', async () => {
	const photo = await readFile(path.join(samplesFolder, 'img_0001.jpg'));
	const rotated = await texture(64, 40, 3).jpeg().withMetadata({orientation: 6}).toBuffer();
	const cut = truncated(photo, 0.6);
	for (const bytes of [photo, rotated, cut]) {
		assert.ok(readQuickHeader(bytes), 'the quick path applies');
		const fromBytes = await validateImage(bytes, {maxPixels: 100_000_000});
		// A fill byte (an extra 0xff, which libjpeg skips) makes the quick reader give up, so the
		// copy goes the sharp-metadata way.
		const slow = Buffer.concat([bytes.subarray(0, 2), Buffer.from([0xff]), bytes.subarray(2)]);
		assert.equal(readQuickHeader(slow), undefined);
		const viaSharp = await validateImage(slow, {maxPixels: 100_000_000});
		assert.deepEqual(fromBytes, viaSharp);
	}
});

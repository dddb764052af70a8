import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import {
	bandOf,
	boxAverage,
	dHashOfGrey,
	hammingDistance,
	hashBand,
	perceptualHash,
	popCount32,
} from '../../source/image/perceptual-hash.js';
import {resizedRecompressed, samplePhoto} from '../helpers/check-files.js';
import {samplesFolder} from '../helpers/dataset.js';

test('dHash sets a bit where a pixel is brighter than its left neighbour, row by row', () => {
	// Row 0 rises everywhere (8 bits set), every other row is flat (no bits).
	const grey = Array.from({length: 72}, (_, index) => (index < 9 ? index * 10 : 50));
	assert.equal(dHashOfGrey(grey), 'ff00000000000000');
	// Last row alternates up/down: 0,1,0,1... gives bits 1,0,1,0,... = 0xaa.
	const last = Array.from({length: 72}, (_, index) => (index >= 63 ? (index - 63) % 2 : 0));
	assert.equal(dHashOfGrey(last), '00000000000000aa');
	assert.throws(() => dHashOfGrey([1, 2, 3]), /9×8/);
});

test('the hash band is green for colour images and the grey band otherwise', () => {
	assert.deepEqual([1, 2, 3, 4].map(hashBand), [0, 0, 1, 1]);
	assert.deepEqual([...bandOf(Uint8Array.from([10, 20, 30, 255, 40, 50, 60, 0]), 4)], [20, 50]);
	assert.throws(() => hashBand(5), /1 to 4 channels/);
});

test('box averages split the image into 9×8 boxes, uneven sizes included', () => {
	// 18×8: each box is 2×1 pixels; pixel value = its column.
	const wide = Uint8Array.from({length: 18 * 8}, (_, index) => index % 18);
	const boxes = boxAverage(wide, 18, 8);
	assert.deepEqual([...boxes.slice(0, 9)], [0.5, 2.5, 4.5, 6.5, 8.5, 10.5, 12.5, 14.5, 16.5]);
	assert.deepEqual([...boxes.slice(63)], [...boxes.slice(0, 9)]);
	// 10×17: boxes of 1 or 2 columns and 2 or 3 rows, each the mean of its own pixels.
	const odd = Uint8Array.from({length: 10 * 17}, (_, index) => Math.floor(index / 10) * 10);
	const rows = boxAverage(odd, 10, 17);
	assert.equal(rows[0], 10, 'box row 0 holds pixel rows 0-2: 0, 10, 20');
	assert.equal(rows[9], 35, 'box row 1 holds pixel rows 3-4: 30, 40');
	assert.throws(() => boxAverage(new Uint8Array(3), 2, 2), /2×2 bytes/);
});

test('box averages are exact on long rows at every byte alignment', () => {
	// 2000×9 of pseudo-random bytes, viewed at offsets 0-3 so the word loop starts anywhere.
	let state = 1;
	const backing = Uint8Array.from({length: 2000 * 9 + 3}, () => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return state >>> 24;
	});
	for (let offset = 0; offset < 4; offset++) {
		const pixels = backing.subarray(offset, offset + 2000 * 9);
		const boxes = boxAverage(pixels, 2000, 9);
		const expected = Array.from({length: 72}, (_, box) => {
			const [row, column] = [Math.floor(box / 9), box % 9];
			const [x0, x1] = [Math.floor((column * 2000) / 9), Math.floor(((column + 1) * 2000) / 9)];
			const rows = [...Array(9).keys()].filter((y) => Math.floor((y * 8) / 9) === row);
			let sum = 0;
			for (const y of rows) {
				for (let x = x0; x < x1; x++) {
					sum += pixels[y * 2000 + x] ?? 0;
				}
			}

			return sum / (rows.length * (x1 - x0));
		});
		assert.deepEqual([...boxes], expected, `offset ${offset}`);
	}
});

test('Hamming distance counts differing bits across both 32-bit halves', () => {
	assert.equal(hammingDistance('0000000000000000', '0000000000000000'), 0);
	assert.equal(hammingDistance('ffffffffffffffff', '0000000000000000'), 64);
	assert.equal(hammingDistance('8000000000000001', '0000000000000000'), 2);
	assert.equal(popCount32(0xffffffff), 32);
	assert.equal(popCount32(0x80000000), 1);
});

test('a resized, recompressed copy stays within distance 10; other photos do not', async () => {
	const photo = await samplePhoto();
	const original = await perceptualHash(photo);
	for (const variant of [
		{width: 600, quality: 60},
		{width: 300, quality: 40},
		{width: 1000, quality: 90},
	]) {
		const copy = await perceptualHash(await resizedRecompressed(photo, variant));
		const distance = hammingDistance(original, copy);
		assert.ok(distance <= 10, `${JSON.stringify(variant)}: distance ${distance}`);
	}

	for (const other of ['img_0002.jpg', 'img_0010.jpg', 'img_0022.png', 'img_0030.jpg']) {
		const hash = await perceptualHash(path.join(samplesFolder, other));
		const distance = hammingDistance(original, hash);
		assert.ok(distance > 10, `${other}: distance ${distance}`);
	}
});

test('EXIF orientation is applied: a rotated copy tagged to display upright hashes the same', async () => {
	const photo = await samplePhoto();
	const upright = await sharp(photo).resize({width: 400}).jpeg({quality: 90}).toBuffer();
	// Pixels stored turned 90° clockwise back (270), with orientation 6 saying "rotate 90° to show".
	const stored = await sharp(upright).rotate(270).withMetadata({orientation: 6}).jpeg().toBuffer();
	const distance = hammingDistance(await perceptualHash(upright), await perceptualHash(stored));
	assert.ok(distance <= 4, `distance ${distance}`);
});

import assert from 'node:assert/strict';
import {stat} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import {shrinkToPixels} from '../../source/image/index.js';
import {samplesFolder} from '../helpers/dataset.js';
import {writeTexturedJpeg} from '../helpers/image-files.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('a 12 MP JPEG shrinks to fit the requested box', async (t) => {
	const file = path.join(await makeTempDir(t), 'camera.jpg');
	await writeTexturedJpeg(file, {width: 4000, height: 3000});
	const image = await shrinkToPixels(file, {width: 80, height: 80});
	assert.equal(image.width, 80);
	assert.equal(image.height, 60);
	assert.equal(image.pixels.length, 80 * 60 * 3);
	assert.deepEqual(image.source, {
		width: 4000,
		height: 3000,
		format: 'jpeg',
		size: (await stat(file)).size,
	});
});

test('EXIF orientation is applied: a portrait phone photo comes out tall', async (t) => {
	const file = path.join(await makeTempDir(t), 'portrait.jpg');
	await writeTexturedJpeg(file, {width: 4000, height: 3000, orientation: 6});
	const image = await shrinkToPixels(file, {width: 80, height: 80});
	assert.equal(image.width, 60);
	assert.equal(image.height, 80);
	assert.equal(image.source.width, 3000);
	assert.equal(image.source.height, 4000);
});

test('the sample screenshot shrinks to the requested width', async () => {
	const image = await shrinkToPixels(path.join(samplesFolder, 'img_0022.png'), {
		width: 80,
		height: 80,
	});
	assert.equal(image.width, 80);
	assert.equal(image.height, 45);
	assert.equal(image.pixels.length, 80 * 45 * 3);
	assert.equal(image.source.format, 'png');
});

test('pixels keep their place: left half red, right half blue', async (t) => {
	const file = path.join(await makeTempDir(t), 'halves.png');
	const width = 400;
	const height = 200;
	const pixels = new Uint8Array(width * height * 3);
	for (let index = 0; index < width * height; index++) {
		pixels.set(index % width < width / 2 ? [255, 0, 0] : [0, 0, 255], index * 3);
	}
	await sharp(pixels, {raw: {width, height, channels: 3}})
		.png()
		.toFile(file);
	const image = await shrinkToPixels(file, {width: 40, height: 40});
	assert.equal(image.width, 40);
	assert.equal(image.height, 20);
	const at = (x: number, y: number) => [
		...image.pixels.subarray((y * 40 + x) * 3, (y * 40 + x) * 3 + 3),
	];
	assert.deepEqual(at(2, 10), [255, 0, 0]);
	assert.deepEqual(at(37, 10), [0, 0, 255]);
});

test('transparency is flattened onto mid-grey, and grey images still give 3 bytes a pixel', async (t) => {
	const dir = await makeTempDir(t);
	const clear = path.join(dir, 'clear.png');
	await sharp({
		create: {width: 20, height: 20, channels: 4, background: {r: 255, g: 0, b: 0, alpha: 0}},
	})
		.png()
		.toFile(clear);
	const flattened = await shrinkToPixels(clear, {width: 4, height: 4});
	assert.deepEqual([...flattened.pixels], new Array(4 * 4 * 3).fill(128));

	const grey = path.join(dir, 'grey.png');
	await sharp({create: {width: 20, height: 10, channels: 3, background: '#404040'}})
		.toColourspace('b-w')
		.png()
		.toFile(grey);
	const fromGrey = await shrinkToPixels(grey, {width: 10, height: 10});
	assert.equal(fromGrey.pixels.length, 10 * 5 * 3);
	assert.deepEqual([...fromGrey.pixels.subarray(0, 3)], [64, 64, 64]);
});

test('a box that is not whole pixels is refused', async () => {
	await assert.rejects(
		shrinkToPixels(path.join(samplesFolder, 'img_0022.png'), {width: 0, height: 10}),
		RangeError,
	);
});

import assert from 'node:assert/strict';
import {stat} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import {readImageInfo} from '../../source/image/index.js';
import {samplesFolder} from '../helpers/dataset.js';
import {writeTexturedJpeg} from '../helpers/image-files.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('reads size, format and dimensions of a sample from its header', async () => {
	const file = path.join(samplesFolder, 'img_0022.png');
	assert.deepEqual(await readImageInfo(file), {
		width: 1366,
		height: 768,
		format: 'png',
		size: (await stat(file)).size,
	});
});

test('reports the displayed size of a rotated photo', async (t) => {
	const file = path.join(await makeTempDir(t), 'portrait.jpg');
	await writeTexturedJpeg(file, {width: 40, height: 20, orientation: 6});
	const info = await readImageInfo(file);
	assert.equal(info.width, 20);
	assert.equal(info.height, 40);
	assert.equal(info.format, 'jpeg');
});

test('reports pages for animations, and the size of one frame', async (t) => {
	const file = path.join(await makeTempDir(t), 'frames.gif');
	// Three 10×10 frames of different greys (the GIF encoder merges identical frames).
	const frames = new Uint8Array(10 * 30 * 3).map((_, index) => Math.floor(index / 300) * 80);
	await sharp(frames, {raw: {width: 10, height: 30, channels: 3, pageHeight: 10}})
		.gif()
		.toFile(file);
	const info = await readImageInfo(file);
	assert.equal(info.format, 'gif');
	assert.equal(info.pages, 3);
	assert.equal(info.height, 10);
});

test('leaves pages out for single-image formats', async () => {
	const info = await readImageInfo(path.join(samplesFolder, 'img_0001.jpg'));
	assert.equal('pages' in info, false);
});

test('the truncated sample has an intact header, so only decoding finds the damage', async () => {
	const info = await readImageInfo(path.join(samplesFolder, 'img_0046.jpg'));
	assert.equal(info.format, 'jpeg');
});

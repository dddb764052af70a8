import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import {cameraEvidence} from '../../source/image/exif-camera.js';
import {extractFeatures} from '../../source/image/features.js';
import {isImageError} from '../../source/image/image-error.js';
import {pixelFeatures} from '../../source/image/pixel-features.js';
import {matchesScreenAspect, matchesScreenSize} from '../../source/image/screen-sizes.js';
import {samplesFolder} from '../helpers/dataset.js';
import {texturePixels} from '../helpers/image-files.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const sample = (name: string) => path.join(samplesFolder, name);

test('a sample photo and a sample screenshot differ where the notes say they should', async () => {
	const photo = await extractFeatures(sample('img_0003.jpg'));
	const screenshot = await extractFeatures(sample('img_0025.png'));
	assert.ok(photo.flatRuns < 0.1, `photo runs ${photo.flatRuns}`);
	assert.ok(screenshot.flatRuns > 0.5, `screenshot runs ${screenshot.flatRuns}`);
	assert.ok(photo.flatFraction < screenshot.flatFraction);
	assert.equal(photo.png, 0);
	assert.equal(screenshot.png, 1);
	assert.equal(screenshot.screenSize, 1, '1170×2532 is an iPhone screen');
	assert.equal(photo.screenSize, 0);
	assert.equal(screenshot.width, 1170);
	assert.equal(screenshot.height, 2532);
	assert.equal(photo.histogram.length, 64);
	assert.equal(photo.layout.length, 16);
	for (const value of [...photo.histogram, ...photo.layout, photo.saturation, photo.lumaSpread]) {
		assert.ok(value >= 0 && value <= 1, `${value} in 0..1`);
	}
});

test('a JPEG screenshot keeps its flat runs through compression', async () => {
	const features = await extractFeatures(sample('img_0033.jpg'));
	assert.equal(features.png, 0);
	assert.ok(features.flatRuns > 0.4, `runs ${features.flatRuns}`);
});

test('broken files reject with an ImageError that says why', async () => {
	for (const name of ['img_0046.jpg', 'img_0047.jpg', 'img_0048.png']) {
		await assert.rejects(extractFeatures(sample(name)), (error: unknown) => {
			assert.ok(isImageError(error), name);
			return true;
		});
	}
});

test('camera EXIF tags count as evidence of a photo; none means no evidence', async (t) => {
	const dir = await makeTempDir(t);
	const base = () =>
		sharp(texturePixels(64, 48), {raw: {width: 64, height: 48, channels: 3}}).jpeg();
	const plain = path.join(dir, 'plain.jpg');
	const makeOnly = path.join(dir, 'make.jpg');
	const exposure = path.join(dir, 'exposure.jpg');
	await base().toFile(plain);
	await base()
		.withExif({IFD0: {Make: 'Canon', Model: 'EOS'}})
		.toFile(makeOnly);
	await base()
		.withExif({IFD0: {Make: 'Canon'}, IFD2: {ExposureTime: '1/125', FNumber: '4'}})
		.toFile(exposure);
	assert.equal((await extractFeatures(plain)).camera, 0);
	assert.equal((await extractFeatures(makeOnly)).camera, 0.5);
	assert.equal((await extractFeatures(exposure)).camera, 1);
	assert.equal(
		cameraEvidence(Buffer.from('Exif\0\0garbage!!')),
		0,
		'malformed EXIF is no evidence',
	);
});

test('pixel features on made-up pixels: flat fill versus noise', () => {
	const flat = pixelFeatures(new Uint8Array(32 * 32 * 3).fill(200), 32, 32);
	assert.equal(flat.flatFraction, 1);
	assert.equal(flat.flatRuns, 1);
	assert.equal(flat.dominantColour, 1);
	assert.equal(flat.edgeDensity, 0);
	const noise = pixelFeatures(texturePixels(32, 32), 32, 32);
	assert.ok(noise.flatFraction < 0.05);
	assert.ok(noise.flatRuns < 0.05);
	assert.ok(noise.edgeDensity > 0.5);
	assert.ok(noise.distinctColours > 0.5);
});

test('screen sizes and aspects match either orientation, camera shapes do not', () => {
	assert.equal(matchesScreenSize(1920, 1080), 1);
	assert.equal(matchesScreenSize(1080, 1920), 1);
	assert.equal(matchesScreenSize(4032, 3024), 0);
	assert.equal(matchesScreenAspect(1179, 2556), 1);
	assert.equal(matchesScreenAspect(4000, 3000), 0, '4:3 is a camera shape');
	assert.equal(matchesScreenAspect(6000, 4000), 0, '3:2 is a camera shape');
});

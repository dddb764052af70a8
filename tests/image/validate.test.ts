import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import {validateImage} from '../../source/image/validate.js';
import {
	samplePhoto,
	samplePng,
	truncated,
	withBadIdatCrc,
	writeBytes,
} from '../helpers/check-files.js';
import {samplesFolder} from '../helpers/dataset.js';
import {writeBmp, writePngHeaderOnly} from '../helpers/image-files.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const limit = {maxPixels: 100_000_000};

test('a good JPEG and PNG validate, with their real size and a 16-digit dHash', async () => {
	const jpeg = await validateImage(await samplePhoto(), limit);
	assert.equal(jpeg.ok, true);
	assert.ok(jpeg.ok);
	assert.equal(jpeg.format, 'jpeg');
	assert.equal(jpeg.width, 1200);
	assert.match(jpeg.dhash, /^[0-9a-f]{16}$/);

	const png = await validateImage(path.join(samplesFolder, 'img_0022.png'), limit);
	assert.ok(png.ok, JSON.stringify(png));
	assert.equal(png.format, 'png');
});

test('a JPEG cut at any point is truncated', async () => {
	const photo = await samplePhoto();
	for (const fraction of [0.05, 0.3, 0.6, 0.95, 0.999]) {
		const result = await validateImage(truncated(photo, fraction), limit);
		assert.equal(result.ok, false, `cut at ${fraction}`);
		assert.ok(!result.ok);
		assert.equal(result.reason, 'truncated', `cut at ${fraction}: ${result.detail}`);
		assert.equal(result.format, 'jpeg');
	}
});

test('a PNG cut at any point is truncated, and says where', async () => {
	const png = await samplePng();
	for (const fraction of [0.2, 0.5, 0.9, 0.995]) {
		const result = await validateImage(truncated(png, fraction), limit);
		assert.ok(!result.ok, `cut at ${fraction}`);
		assert.equal(result.reason, 'truncated', `cut at ${fraction}: ${result.detail}`);
		assert.match(result.detail, /ends early/);
	}
});

test('a PNG whose IDAT CRC does not match is corrupt, not truncated', async () => {
	const result = await validateImage(withBadIdatCrc(await samplePng()), limit);
	assert.ok(!result.ok);
	assert.equal(result.reason, 'corrupt');
	assert.match(result.detail, /IDAT .*CRC/);
});

test('the bundled broken samples get the reasons truth.json gives them', async () => {
	const expected = {
		'img_0046.jpg': 'truncated',
		'img_0047.jpg': 'empty',
		'img_0048.png': 'not-an-image',
	};
	for (const [name, reason] of Object.entries(expected)) {
		const result = await validateImage(path.join(samplesFolder, name), limit);
		assert.ok(!result.ok, name);
		assert.equal(result.reason, reason, `${name}: ${result.detail}`);
	}
});

test('text named .jpg is not an image, and the detail quotes its start', async () => {
	const result = await validateImage(Buffer.from('<!DOCTYPE html><html>404</html>\n'), limit);
	assert.ok(!result.ok);
	assert.equal(result.reason, 'not-an-image');
	assert.match(result.detail, /text.*<!DOCTYPE html>/);
});

test('random bytes are not an image; a zero-byte buffer is empty', async () => {
	const noise = await validateImage(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), limit);
	assert.ok(!noise.ok);
	assert.equal(noise.reason, 'not-an-image');
	assert.match(noise.detail, /01 02 03/);
	const empty = await validateImage(new Uint8Array(), limit);
	assert.ok(!empty.ok);
	assert.equal(empty.reason, 'empty');
});

test('HEIC and BMP are named as unsupported formats', async (t) => {
	const dir = await makeTempDir(t);
	const heic = Buffer.concat([
		Buffer.from([0, 0, 0, 24]),
		Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
		Buffer.alloc(200),
	]);
	const heicResult = await validateImage(heic, limit);
	assert.ok(!heicResult.ok);
	assert.equal(heicResult.reason, 'unsupported-format');
	assert.match(heicResult.detail, /^HEIC image/);

	const bmp = path.join(dir, 'x.jpg');
	await writeBmp(bmp);
	const bmpResult = await validateImage(bmp, limit);
	assert.ok(!bmpResult.ok);
	assert.equal(bmpResult.reason, 'unsupported-format');
	assert.match(bmpResult.detail, /^BMP image/);
});

test('a 30000×30000 PNG of a few hundred bytes is refused from its header, without decoding', async (t) => {
	const dir = await makeTempDir(t);
	const bomb = path.join(dir, 'bomb.png');
	await writePngHeaderOnly(bomb, {width: 30_000, height: 30_000});
	const before = process.memoryUsage().rss;
	const result = await validateImage(bomb, limit);
	assert.ok(!result.ok);
	assert.equal(result.reason, 'too-many-pixels');
	assert.equal(result.width, 30_000);
	assert.match(result.detail, /30000×30000 = 900 MP, over the 100 MP limit/);
	// Decoding would need 2.7 GB; the header read needs next to nothing.
	assert.ok(process.memoryUsage().rss - before < 200_000_000);
});

test('the pixel limit is configurable: a 2000×1000 image fails a 1 MP limit and passes 3 MP', async () => {
	const {default: sharp} = await import('sharp');
	const image = await sharp({create: {width: 2000, height: 1000, channels: 3, background: '#345'}})
		.png()
		.toBuffer();
	const over = await validateImage(image, {maxPixels: 1_000_000});
	assert.ok(!over.ok);
	assert.equal(over.reason, 'too-many-pixels');
	assert.match(over.detail, /2 MP, over the 1 MP limit/);
	assert.equal((await validateImage(image, {maxPixels: 3_000_000})).ok, true);
});

test('the format comes from the content: a PNG named .jpg is a png', async (t) => {
	const dir = await makeTempDir(t);
	const file = await writeBytes(path.join(dir, 'really-a-png.jpg'), await samplePng());
	const result = await validateImage(file, limit);
	assert.ok(result.ok);
	assert.equal(result.format, 'png');
});

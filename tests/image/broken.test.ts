import assert from 'node:assert/strict';
import {copyFile, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {
	ImageError,
	type ImageErrorReason,
	readImageInfo,
	shrinkToPixels,
} from '../../source/image/index.js';
import {samplesFolder} from '../helpers/dataset.js';
import {writeBmp, writePngHeaderOnly} from '../helpers/image-files.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const box = {width: 80, height: 80};

async function rejectsWith(promise: Promise<unknown>, reason: ImageErrorReason, message: RegExp) {
	await assert.rejects(promise, (error: unknown) => {
		assert.ok(error instanceof ImageError, `expected an ImageError, got ${String(error)}`);
		assert.equal(error.reason, reason);
		assert.match(error.message, message);
		return true;
	});
}

test('the truncated sample rejects as truncated, with the decoder error attached', async () => {
	const file = path.join(samplesFolder, 'img_0046.jpg');
	await assert.rejects(shrinkToPixels(file, box), (error: unknown) => {
		assert.ok(error instanceof ImageError);
		assert.equal(error.reason, 'truncated');
		assert.equal(error.path, file);
		assert.match(error.message, /img_0046\.jpg is truncated.*skip it/);
		assert.ok(error.cause instanceof Error);
		return true;
	});
});

test('the empty sample rejects as empty', async () => {
	const file = path.join(samplesFolder, 'img_0047.jpg');
	await rejectsWith(shrinkToPixels(file, box), 'empty', /is empty \(0 bytes\)/);
	await rejectsWith(readImageInfo(file), 'empty', /is empty/);
});

test('the sample that is really an HTML page rejects as not-an-image', async () => {
	const file = path.join(samplesFolder, 'img_0048.png');
	await rejectsWith(
		shrinkToPixels(file, box),
		'not-an-image',
		/not an image \(it is text starting "<html>/,
	);
	await rejectsWith(readImageInfo(file), 'not-an-image', /not an image/);
});

test('a 30000×30000 PNG header rejects as too-many-pixels without decoding it', async (t) => {
	const file = path.join(await makeTempDir(t), 'huge.png');
	await writePngHeaderOnly(file, {width: 30_000, height: 30_000});
	const rssBefore = process.memoryUsage().rss;
	await rejectsWith(shrinkToPixels(file, box), 'too-many-pixels', /30000×30000 \(900 MP\)/);
	await rejectsWith(readImageInfo(file), 'too-many-pixels', /over the 268 MP decode limit/);
	// Decoding would need 2.7 GB; header checks need next to nothing.
	assert.ok(process.memoryUsage().rss - rssBefore < 300e6);
});

test('a truncated PNG rejects as truncated', async (t) => {
	const file = path.join(await makeTempDir(t), 'half.png');
	const whole = await readFile(path.join(samplesFolder, 'img_0022.png'));
	await writeFile(file, whole.subarray(0, whole.length / 2));
	await rejectsWith(shrinkToPixels(file, box), 'truncated', /truncated/);
});

test('a BMP is a real image we cannot decode: unsupported-format', async (t) => {
	const file = path.join(await makeTempDir(t), 'old.bmp');
	await writeBmp(file);
	await rejectsWith(shrinkToPixels(file, box), 'unsupported-format', /BMP image.*Convert it/);
});

test('a missing file is unreadable, a folder is not an image', async (t) => {
	const dir = await makeTempDir(t);
	await rejectsWith(shrinkToPixels(path.join(dir, 'gone.jpg'), box), 'unreadable', /ENOENT/);
	await rejectsWith(readImageInfo(dir), 'not-an-image', /not a regular file/);
});

test('a good copy of a sample still decodes (the checks do not refuse real images)', async (t) => {
	const file = path.join(await makeTempDir(t), 'good.jpg');
	await copyFile(path.join(samplesFolder, 'img_0001.jpg'), file);
	const image = await shrinkToPixels(file, box);
	assert.equal(image.width, 80);
});

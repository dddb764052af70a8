import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {mkdtemp, readFile, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test, {type TestContext} from 'node:test';
import sharp from 'sharp';
import {ensureBenchImages} from '../../bench/generate.js';
import {
	breakImage,
	mulberry32,
	renderPhoto,
	renderScreenshot,
	withMarker,
} from '../../bench/synthetic-images.js';
import {walkImages} from '../../source/scan/walk.js';
import {removeFolder} from '../helpers/temp-dir.js';

async function tempDir(t: TestContext): Promise<string> {
	const dir = await mkdtemp(path.join(tmpdir(), 'imgsift-bench-test-'));
	t.after(() => removeFolder(dir));
	return dir;
}

const sha = (content: Buffer) => createHash('sha256').update(content).digest('hex');

test('makes decodable photos and screenshots, exact duplicates, broken files and distinct copies', async (t) => {
	const dir = path.join(await tempDir(t), 'set');
	const set = await ensureBenchImages({dir, count: 60, seed: 7, poolSize: 30, perFolder: 25});
	assert.equal(set.generated, true);
	assert.equal(set.files.length, 60);
	assert.deepEqual(
		new Set(set.files.map((file) => file.split('/')[0])),
		new Set(['part-000', 'part-001', 'part-002']),
	);
	assert.ok(set.kinds.filter((kind) => kind === 'photo').length > 30);
	assert.ok(set.kinds.includes('screenshot'));
	assert.equal(set.broken.length, 1);
	assert.equal(set.duplicates.length, 1);

	const hashes = new Map<string, string>();
	let bytes = 0;
	for (const [index, file] of set.files.entries()) {
		const content = await readFile(path.join(dir, file));
		bytes += content.length;
		hashes.set(file, sha(content));
		const kind = set.kinds[index];
		if (kind === 'broken') {
			await assert.rejects(
				async () => sharp(content).raw().toBuffer(),
				`${file} should not decode`,
			);
			continue;
		}

		const {width = 0, height = 0, format} = await sharp(content).metadata();
		await sharp(content).resize(8, 8).raw().toBuffer(); // Decodes the whole image.
		if (kind === 'screenshot') {
			assert.equal(format, 'png');
			assert.ok(
				(width === 1170 && height === 2532) || (width === 1920 && height === 1080),
				`${file} is ${width}x${height}`,
			);
		} else if (kind === 'photo') {
			assert.equal(format, 'jpeg');
			assert.ok(width >= 640 && width <= 1600, `${file} is ${width} wide`);
		}
	}

	assert.equal(set.bytes, bytes);
	const [duplicate] = set.duplicates;
	assert.ok(duplicate);
	assert.equal(hashes.get(duplicate.copy), hashes.get(duplicate.original));
	const distinctHashes = new Set(
		set.files.filter((file) => file !== duplicate.copy).map((file) => hashes.get(file)),
	);
	assert.equal(distinctHashes.size, 59, 'every copy differs in a few bytes');

	const walked: string[] = [];
	for await (const batch of walkImages(dir, {ignore: []})) {
		walked.push(...batch);
	}

	assert.deepEqual(walked.sort(), [...set.files].sort());
});

test('a complete set is reused, not rewritten; the same seed makes the same names', async (t) => {
	const root = await tempDir(t);
	const dir = path.join(root, 'set');
	const first = await ensureBenchImages({dir, count: 12, seed: 3, poolSize: 12});
	const firstFile = path.join(dir, first.files[0] ?? '');
	const before = await stat(firstFile);

	const again = await ensureBenchImages({dir, count: 12, seed: 3, poolSize: 12});
	assert.equal(again.generated, false);
	assert.deepEqual(again.files, first.files);
	assert.equal((await stat(firstFile)).mtimeMs, before.mtimeMs);

	const elsewhere = await ensureBenchImages({
		dir: path.join(root, 'other'),
		count: 12,
		seed: 3,
		poolSize: 12,
	});
	assert.deepEqual(elsewhere.files, first.files);
});

test('hard-linked replicas share the pool files and take no space', async (t) => {
	const dir = path.join(await tempDir(t), 'set');
	const set = await ensureBenchImages({dir, count: 20, seed: 5, poolSize: 10, replicas: 'link'});
	const inodes = new Set<number>();
	for (const file of set.files) {
		inodes.add((await stat(path.join(dir, file))).ino);
	}

	assert.equal(inodes.size, 10);
	assert.ok(set.bytes > 0);
});

test('refuses a folder that holds files it did not make', async (t) => {
	const dir = await tempDir(t);
	await writeFile(path.join(dir, 'holiday.jpg'), 'precious');
	await assert.rejects(ensureBenchImages({dir, count: 5, seed: 1}), /did not make/);
	assert.equal(await readFile(path.join(dir, 'holiday.jpg'), 'utf8'), 'precious');
});

test('every broken variant fails to decode, for JPEG and PNG alike', async () => {
	const jpeg = await renderPhoto(mulberry32(1), 640, 480);
	const png = await renderScreenshot(mulberry32(2), 1920, 1080);
	for (const image of [jpeg, png]) {
		await sharp(image).raw().toBuffer();
		for (const variant of ['truncated', 'empty', 'not-an-image'] as const) {
			await assert.rejects(async () => sharp(breakImage(image, variant)).raw().toBuffer(), variant);
		}

		const marked = withMarker(image, 'copy 1');
		assert.notDeepEqual(marked, image);
		assert.deepEqual(await sharp(marked).raw().toBuffer(), await sharp(image).raw().toBuffer());
	}
});

import assert from 'node:assert/strict';
import {mkdir, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {hasImageExtension, walkImages} from '../../source/scan/walk.js';
import {makeTree, tempDir, walkAll} from './fixture.js';

// Byte order differs from locale order and from JS's UTF-16 order: U+FF61 (EF BD A1) sorts
// before the emoji (F0 9F 98 80) by bytes, after it by UTF-16 code units.
const expectedOrder = [
	'10.jpg',
	'9.jpg',
	'B.jpg',
	'Z.PNG',
	'a/b/d.png',
	'a/c.jpg',
	'a-b.jpg',
	'a.jpg',
	'esc\u001b[31m.jpg',
	'line\nbreak.jpg',
	'photo.JPEG',
	'space name.jpg',
	'x.tiff',
	'z.png',
	'é.jpg',
	'한국.jpg',
	'\uFF61.jpg',
	'😀.jpg',
];

const notImages = ['notes.txt', 'README', 'archive.jpg.zip', 'noext', 'a/b/thumbs.db'];

test('walks depth-first in byte order of names, with odd names intact', async (t) => {
	const dir = await tempDir(t);
	// Created in reverse so creation order cannot produce the expected order by accident.
	await makeTree(dir, [...expectedOrder].reverse().concat(notImages));

	const first = await walkAll(dir);
	assert.deepEqual(first.paths, expectedOrder);
	assert.deepEqual(first.summary, {images: expectedOrder.length, skipped: 0, problems: 0});
	assert.deepEqual(first.problems, []);
	for (const relative of first.paths) {
		const info = await stat(path.join(dir, relative));
		assert.ok(info.isFile(), `${JSON.stringify(relative)} opens`);
	}

	const again = await walkAll(dir);
	assert.deepEqual(again.paths, first.paths);
});

test('folders listed ahead of the walk keep depth-first byte order, at every depth', async (t) => {
	// Listings run a few folders ahead of the walk: many folders side by side, deeper ones inside
	// some of them, and an empty one. Expected: sorted as whole paths (no name here is a prefix).
	const dir = await tempDir(t);
	const expected: string[] = [];
	for (let day = 0; day < 12; day++) {
		const folder = `2024-01-${String(day + 1).padStart(2, '0')}`;
		for (const name of ['b.jpg', 'a.jpg']) expected.push(`${folder}/${name}`);
		if (day % 3 === 0) expected.push(`${folder}/deep/er/x.png`, `${folder}/deep/y.png`);
	}

	expected.push('z-last.jpg');
	await makeTree(dir, [...expected].reverse());
	await mkdir(path.join(dir, '2024-01-05', 'empty'));
	expected.sort((left, right) => Buffer.compare(Buffer.from(left), Buffer.from(right)));

	assert.deepEqual((await walkAll(dir)).paths, expected);
	assert.deepEqual((await walkAll(dir, {batchSize: 1})).paths, expected);
});

test('batch size cuts batches without changing the order', async (t) => {
	const dir = await tempDir(t);
	await makeTree(dir, expectedOrder);

	const small = await walkAll(dir, {batchSize: 2});
	assert.deepEqual(small.paths, expectedOrder);
	assert.ok(small.batches.length >= expectedOrder.length / 2);
	assert.ok(small.batches.every((batch) => batch.length >= 1 && batch.length <= 2));
});

test('a batch ends at the end of each folder, so the first folder arrives first', async (t) => {
	const dir = await tempDir(t);
	await makeTree(dir, ['a/1.jpg', 'a/2.jpg', 'b/3.jpg', 'b/c/4.jpg', 'd/5.jpg']);

	const {batches} = await walkAll(dir);
	assert.deepEqual(batches, [['a/1.jpg', 'a/2.jpg'], ['b/3.jpg', 'b/c/4.jpg'], ['d/5.jpg']]);
});

test('a folder of 5,000 files comes in several batches of at most 2,000', async (t) => {
	const dir = await tempDir(t);
	const names = Array.from({length: 5000}, (_, index) => `${String(index).padStart(5, '0')}.jpg`);
	for (let start = 0; start < names.length; start += 250) {
		const chunk = names.slice(start, start + 250);
		await Promise.all(chunk.map((name) => writeFile(path.join(dir, name), '')));
	}

	const {batches, paths, summary} = await walkAll(dir);
	assert.deepEqual(
		batches.map((batch) => batch.length),
		[2000, 2000, 1000],
	);
	assert.deepEqual(paths, names);
	assert.equal(summary.images, 5000);
});

test('ignored folders (labels, output) and hidden names are neither entered nor yielded', async (t) => {
	const dir = await tempDir(t);
	await makeTree(dir, [
		'.labels/cache/x.jpg',
		'out/photo/a.jpg',
		'out-not-ignored/b.jpg',
		'keep.jpg',
		'.hidden.jpg',
		'.git/objects/c.png',
		'sub/.thumbnails/d.jpg',
		'sub/e.jpg',
		'sub/ignored.jpg',
	]);

	const {paths, summary} = await walkAll(dir, {
		ignore: [path.join(dir, '.labels'), path.join(dir, 'out'), path.join(dir, 'sub/ignored.jpg')],
	});
	assert.deepEqual(paths, ['keep.jpg', 'out-not-ignored/b.jpg', 'sub/e.jpg']);
	assert.equal(summary.skipped, 0);
});

test('stops with the abort reason, and a consumer may stop early', async (t) => {
	const dir = await tempDir(t);
	await makeTree(dir, ['a/1.jpg', 'b/2.jpg', 'c/3.jpg']);

	const controller = new AbortController();
	const walk = walkImages(dir, {ignore: [], signal: controller.signal});
	const first = await walk.next();
	assert.deepEqual(first.value, ['a/1.jpg']);
	controller.abort(new Error('user quit'));
	await assert.rejects(walk.next(), /user quit/);

	const seen: string[][] = [];
	for await (const batch of walkImages(dir, {ignore: []})) {
		seen.push(batch);
		break;
	}
	assert.deepEqual(seen, [['a/1.jpg']]);
});

test('a missing folder fails with the path, a hint and the cause', async (t) => {
	const dir = await tempDir(t);
	const missing = path.join(dir, 'nope');
	await assert.rejects(walkAll(missing), (error: Error) => {
		assert.match(error.message, /nope/);
		assert.match(error.message, /does not exist/);
		assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOENT');
		return true;
	});
});

test('image extensions are matched without case, and only as the last extension', () => {
	for (const name of [
		'a.jpg',
		'b.JPEG',
		'c.Png',
		'd.webp',
		'e.heic',
		'f.HEIF',
		'g.jxl',
		'h.avif',
	]) {
		assert.ok(hasImageExtension(name), name);
	}

	for (const name of ['a.txt', 'jpg', 'b.jpg.bak', 'c.', 'd.svg', 'e.raw']) {
		assert.ok(!hasImageExtension(name), name);
	}
});

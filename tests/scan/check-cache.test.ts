import assert from 'node:assert/strict';
import {appendFile, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {checkCacheVersion, openCheckCache} from '../../source/scan/check-cache.js';
import type {FileFacts} from '../../source/scan/check-types.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const good: FileFacts = {
	size: 1234,
	mtimeMs: 1_700_000_000_123.456,
	sha1: 'a'.repeat(40),
	format: 'jpeg',
	width: 10,
	height: 20,
	dhash: '0123456789abcdef',
};
const broken: FileFacts = {
	size: 9,
	mtimeMs: 5,
	sha1: 'b'.repeat(40),
	reason: 'truncated',
	detail: 'ends early',
};

async function lines(file: string): Promise<string[]> {
	return (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
}

test('facts come back only for the same path, size and mtime', async (t) => {
	const file = path.join(await makeTempDir(t), '.labels', 'check-cache.jsonl');
	const cache = await openCheckCache(file);
	cache.put('a/x.jpg', good);
	cache.put('y.png', broken);
	await cache.close({complete: true});

	const again = await openCheckCache(file);
	assert.equal(again.loaded, 2);
	assert.deepEqual(again.get('a/x.jpg', good.size, good.mtimeMs), good);
	assert.deepEqual(again.get('y.png', 9, 5), broken);
	assert.equal(again.get('a/x.jpg', good.size + 1, good.mtimeMs), undefined, 'size changed');
	assert.equal(again.get('a/x.jpg', good.size, good.mtimeMs + 1), undefined, 'mtime changed');
	assert.equal(again.get('other.jpg', good.size, good.mtimeMs), undefined);
	await again.close({complete: false});
	assert.equal(again.warning, undefined);
});

test('appends in batches while running, so a killed run keeps what it flushed', async (t) => {
	const file = path.join(await makeTempDir(t), 'cache.jsonl');
	const cache = await openCheckCache(file, {batchLines: 2});
	cache.put('1.jpg', good);
	cache.put('2.jpg', good);
	cache.put('3.jpg', good);
	await cache.flush();
	assert.equal((await lines(file)).length, 3);
	// No close: like a process killed after its last flush.
	const reopened = await openCheckCache(file);
	assert.equal(reopened.loaded, 3);
});

test('a torn last line is skipped, and the next append starts on a line of its own', async (t) => {
	const file = path.join(await makeTempDir(t), 'cache.jsonl');
	const first = await openCheckCache(file);
	first.put('kept.jpg', good);
	await first.close({complete: false});
	await appendFile(file, '{"v":1,"path":"torn.jpg","si');

	const second = await openCheckCache(file);
	assert.equal(second.loaded, 1);
	second.put('new.jpg', broken);
	await second.close({complete: false});

	const third = await openCheckCache(file);
	assert.equal(third.loaded, 2);
	assert.deepEqual(third.get('new.jpg', 9, 5), broken);
});

test('lines of another version or shape are ignored', async (t) => {
	const file = path.join(await makeTempDir(t), 'cache.jsonl');
	const line = (value: object) => `${JSON.stringify(value)}\n`;
	await writeFile(
		file,
		line({v: checkCacheVersion + 1, path: 'future.jpg', size: 1, mtimeMs: 1}) +
			line({v: checkCacheVersion, path: 'odd.jpg', size: 1, mtimeMs: 1, reason: 'gremlins'}) +
			line({v: checkCacheVersion, path: 'fine.jpg', size: 1, mtimeMs: 1}) +
			'[1,2]\n',
	);
	const cache = await openCheckCache(file);
	assert.equal(cache.loaded, 1);
	assert.ok(cache.get('fine.jpg', 1, 1));
});

test('compaction drops superseded lines, and after a complete run the files now gone', async (t) => {
	const file = path.join(await makeTempDir(t), 'cache.jsonl');
	const cache = await openCheckCache(file);
	for (let round = 0; round < 100; round++) {
		cache.put('busy.jpg', {...good, mtimeMs: round});
	}

	cache.put('gone.jpg', good);
	await cache.close({complete: false});
	const afterPartial = await lines(file);
	assert.equal(afterPartial.length, 2, 'superseded lines dropped, unseen kept after a partial run');

	const next = await openCheckCache(file);
	assert.deepEqual(next.get('busy.jpg', good.size, 99), {...good, mtimeMs: 99});
	for (let index = 0; index < 80; index++) {
		next.put(`new-${index}.jpg`, good);
	}

	next.keep('busy.jpg');
	// 82 lines, 81 of them live: no compaction yet.
	await next.close({complete: true});
	assert.equal((await lines(file)).length, 82);

	const last = await openCheckCache(file);
	last.keep('busy.jpg');
	await last.close({complete: true});
	assert.deepEqual(
		(await lines(file)).map((text) => (JSON.parse(text) as {path: string}).path),
		['busy.jpg'],
		'a complete run that saw only busy.jpg keeps only it',
	);
});

test('a cache that cannot be written says so and does not throw', async (t) => {
	const dir = await makeTempDir(t);
	await writeFile(path.join(dir, 'not-a-folder'), 'x');
	const cache = await openCheckCache(path.join(dir, 'not-a-folder', 'cache.jsonl'));
	cache.put('a.jpg', good);
	await cache.close({complete: true});
	assert.match(cache.warning ?? '', /could not write the check cache .*not saved/);
});

test('a line from before centre hashes (version 2) is read again, so its image gets one', async (t) => {
	const file = path.join(await makeTempDir(t), 'cache.jsonl');
	const before = {v: 2, path: 'old.jpg', ...good, phash: '0123456789abcdef'};
	await writeFile(file, `${JSON.stringify(before)}\n`);
	const cache = await openCheckCache(file);
	assert.equal(cache.loaded, 0);
	assert.equal(cache.get('old.jpg', good.size, good.mtimeMs), undefined);
});

test('put keeps the run record it is given and writes only its facts, here and when compacting', async (t) => {
	const file = path.join(await makeTempDir(t), 'cache.jsonl');
	const cache = await openCheckCache(file);
	// What scan/check.ts hands over: the run's record of the file, with its path and `cached`.
	for (let round = 0; round < 100; round++) {
		cache.put('a/x.jpg', {path: 'a/x.jpg', cached: false, ...good, mtimeMs: round} as FileFacts);
	}

	await cache.flush();
	const appended = await lines(file);
	assert.equal(appended.length, 100);
	assert.deepEqual(Object.keys(JSON.parse(appended[0] ?? '{}') as object), [
		'v',
		'path',
		...Object.keys(good),
	]);
	await cache.close({complete: false});
	const compacted = await lines(file);
	assert.equal(compacted.length, 1, 'superseded lines dropped');
	assert.deepEqual(JSON.parse(compacted[0] ?? '{}'), {
		v: checkCacheVersion,
		path: 'a/x.jpg',
		...good,
		mtimeMs: 99,
	});
	const again = await openCheckCache(file);
	assert.deepEqual(again.get('a/x.jpg', good.size, 99), {...good, mtimeMs: 99});
});

test('a cache over a megabyte is read whole, lines and characters cut by its chunks included', async (t) => {
	const file = path.join(await makeTempDir(t), 'cache.jsonl');
	const lineOf = (name: string) => JSON.stringify({v: checkCacheVersion, path: name, ...good});
	// The first line ends where the second's first character, 日 (3 bytes in UTF-8), straddles
	// the reader's first megabyte.
	const before = Buffer.byteLength(`{"v":${checkCacheVersion},"path":"`);
	const filler = 'f'.repeat(2 ** 20 - 1 - before - Buffer.byteLength(`${lineOf('')}\n`));
	const names = [
		filler,
		...Array.from({length: 20_000}, (_, index) => `日本-día/${'é'.repeat(index % 7)}${index}.jpg`),
	];
	const body = names.map(lineOf).join('\n');
	assert.equal(
		Buffer.from(body)
			.subarray(2 ** 20 - 1, 2 ** 20 + 2)
			.toString(),
		'日',
	);
	// The last line torn by a crash: skipped, and the next append starts on a line of its own.
	await writeFile(file, `${body}\n{"v":${checkCacheVersion},"path":"torn`);
	const cache = await openCheckCache(file);
	assert.equal(cache.loaded, names.length);
	for (const name of names) {
		assert.deepEqual(cache.get(name, good.size, good.mtimeMs), good, name.slice(0, 40));
	}

	cache.put('after.jpg', broken);
	await cache.close({complete: false});
	const again = await openCheckCache(file);
	assert.equal(again.loaded, names.length + 1);
	assert.deepEqual(again.get('after.jpg', 9, 5), broken);
});

import assert from 'node:assert/strict';
import {readdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {type ObjectId, openObjectCache} from '../../../source/sources/s3/object-cache.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const idOf = (key: string, etag = '"e1"'): ObjectId => ({
	endpoint: 'http://x',
	bucket: 'b',
	key,
	etag,
});
const original = {sha1: 'a'.repeat(40), size: 5000, width: 40, height: 30, format: 'jpeg'};

async function put(
	cache: Awaited<ReturnType<typeof openObjectCache>>,
	key: string,
	bytes: number,
	etag?: string,
) {
	const temp = cache.tempFile();
	await writeFile(temp, Buffer.alloc(bytes, 1));
	return cache.adopt(idOf(key, etag), temp, original);
}

test('a missing cache folder is an empty cache; entries come back after a reopen', async (t) => {
	const dir = path.join(await makeTempDir(t), 'not', 'yet');
	const cache = await openObjectCache({dir});
	assert.equal(await cache.lookup(idOf('a.jpg')), undefined);
	const view = await put(cache, 'a.jpg', 100);
	assert.deepEqual((await cache.lookup(idOf('a.jpg')))?.original, original);
	assert.equal(await cache.lookup(idOf('a.jpg', '"e2"')), undefined, 'a new ETag is a new object');
	const reopened = await openObjectCache({dir});
	assert.equal((await reopened.lookup(idOf('a.jpg')))?.file, view.file);
	assert.equal(await reopened.bytes(), 100);
});

test('over the cap, the least recently used views go first', async (t) => {
	const dir = await makeTempDir(t);
	const cache = await openObjectCache({dir, capBytes: 250});
	await put(cache, 'a.jpg', 100);
	await put(cache, 'b.jpg', 100);
	assert.ok(await cache.lookup(idOf('a.jpg')), 'a is used again, so b is now the oldest');
	await put(cache, 'c.jpg', 100);
	assert.ok(await cache.lookup(idOf('a.jpg')));
	assert.equal(await cache.lookup(idOf('b.jpg')), undefined);
	assert.ok(await cache.lookup(idOf('c.jpg')));
	assert.equal(await cache.bytes(), 200);
	assert.equal((await readdir(dir)).length, 2);
	// The order survives a reopen (last use is the file's mtime): c was used last, then a.
	const reopened = await openObjectCache({dir, capBytes: 250});
	await put(reopened, 'd.jpg', 100);
	assert.equal(await reopened.lookup(idOf('a.jpg')), undefined);
	assert.ok(await reopened.lookup(idOf('c.jpg')));
});

test('temp files a killed run left are removed when the cache opens', async (t) => {
	const dir = await makeTempDir(t);
	const cache = await openObjectCache({dir});
	await writeFile(cache.tempFile(), 'half a download');
	await put(cache, 'a.jpg', 10);
	await openObjectCache({dir});
	assert.deepEqual(
		(await readdir(dir)).filter((name) => name.endsWith('.tmp')),
		[],
	);
});

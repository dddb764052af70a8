import assert from 'node:assert/strict';
import {copyFile, readdir, readFile, utimes} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {FeatureCache, featureCachePath} from '../../source/model/feature-cache.js';
import {FeaturePool} from '../../source/model/worker-pool.js';
import {copySamples, removeFolder} from '../helpers/dataset.js';

test('features come from worker threads, are cached on disk, and recomputed when a file changes', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const labels = path.join(dir, '.labels');
	const pool = new FeaturePool(2);
	const cache = await FeatureCache.open(dir, labels, pool);
	const names = ['img_0001.jpg', 'img_0025.png', 'img_0046.jpg'];
	const results = await Promise.all(names.map(async (name) => cache.get(name)));
	assert.equal(results[0]?.ok, true);
	assert.equal(results[1]?.ok, true);
	assert.equal(results[2]?.ok, false, 'a truncated file has no features');
	// The wording comes from libvips, whose error text is shared between threads: check there is one.
	assert.ok(results[2]?.ok === false && results[2].message.length > 0);
	assert.equal(cache.peek('img_0001.jpg'), results[0]);
	await cache.flush();
	await pool.close();
	const lines = (await readFile(featureCachePath(labels), 'utf8')).trim().split('\n');
	assert.equal(lines.length, 3);

	// A closed pool fails every job: whatever still succeeds came from the cache file.
	const closedPool = new FeaturePool(1);
	await closedPool.close();
	const reopened = await FeatureCache.open(dir, labels, closedPool);
	assert.deepEqual(await reopened.get('img_0001.jpg'), results[0]);
	await utimes(path.join(dir, 'img_0025.png'), new Date(), new Date(2001, 1, 1));
	const changed = await reopened.get('img_0025.png');
	assert.equal(changed.ok, false, 'a changed file is not served from the cache');
});

test('the pool runs twenty jobs on two workers and reports each result once', async (t) => {
	const dir = await copySamples();
	const pool = new FeaturePool(2);
	t.after(async () => pool.close());
	// After the close above: hooks run in order, and a writer still open fails the removal.
	t.after(async () => removeFolder(dir));
	const files = (await readdir(dir))
		.filter((name) => /^img_00[23]\d\./.test(name))
		.map((name) => path.join(dir, name));
	assert.equal(files.length, 20);
	const results = await Promise.all(files.map(async (file) => pool.run(file)));
	assert.equal(results.filter((result) => result.ok).length, 20);
	assert.equal(pool.load, 0);
});

test('a forgotten item is read again, even when it was forgotten while its features were computed', async (t) => {
	const dir = await copySamples();
	const pool = new FeaturePool(2);
	t.after(async () => pool.close());
	// After the close above: hooks run in order, and a writer still open fails the removal.
	t.after(async () => removeFolder(dir));
	const cache = await FeatureCache.open(dir, path.join(dir, '.labels'), pool);
	const screenshot = await cache.get('img_0025.png');
	const photo = await cache.get('img_0001.jpg');
	assert.ok(screenshot.ok && photo.ok);
	assert.notDeepEqual(photo.features, screenshot.features);

	// The photo's file now holds the screenshot (as a commit finds a file replaced after its decision).
	await copyFile(path.join(dir, 'img_0025.png'), path.join(dir, 'img_0001.jpg'));
	assert.equal(await cache.get('img_0001.jpg'), photo, 'remembered until forgotten');
	cache.forget('img_0001.jpg');
	assert.equal(cache.peek('img_0001.jpg'), undefined);
	assert.deepEqual(await cache.get('img_0001.jpg'), screenshot);

	// Forgotten mid-computation: that run's result is not kept; the next get reads the file again.
	const early = cache.get('img_0001.jpg');
	await copyFile(path.join(dir, 'img_0002.jpg'), path.join(dir, 'img_0001.jpg'));
	cache.forget('img_0001.jpg');
	const fresh = await cache.get('img_0001.jpg');
	await early;
	const other = await cache.get('img_0002.jpg');
	assert.deepEqual(fresh, other);
	assert.deepEqual(cache.peek('img_0001.jpg'), other);
});

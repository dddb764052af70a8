import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {shrinkThumbnail, shrinkToPixels} from '../../source/image/index.js';
import {FeatureCache, featureCachePath} from '../../source/model/feature-cache.js';
import {FeaturePool} from '../../source/model/worker-pool.js';
import {blocksRenderer} from '../../source/render/blocks-renderer.js';
import {loadItem} from '../../source/render/item-loader.js';
import {copySamples, removeFolder} from '../helpers/dataset.js';

test('a guess keeps the thumbnail it was made from, outside the cache file', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const labels = path.join(dir, '.labels');
	const pool = new FeaturePool(1);
	const cache = await FeatureCache.open(dir, labels, pool);
	const result = await cache.get('img_0001.jpg');
	assert.ok(result.ok);
	assert.ok(!('thumbnail' in result), 'the features alone are kept as the result');
	const thumbnail = cache.thumbnail('img_0001.jpg');
	assert.ok(thumbnail, 'the decode the features came from is kept');
	assert.equal(Math.max(thumbnail.width, thumbnail.height), 128);
	assert.equal(thumbnail.pixels.length, thumbnail.width * thumbnail.height * 3);
	await cache.flush();
	await pool.close();
	const saved = await readFile(featureCachePath(labels), 'utf8');
	assert.ok(!saved.includes('pixels'), 'no pixels in the cache file');
	cache.forget('img_0001.jpg');
	assert.equal(cache.thumbnail('img_0001.jpg'), undefined);
});

test('a cell is made from the kept thumbnail, at the size a decode of the file gives', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const file = path.join(dir, 'img_0001.jpg');
	const thumbnail = await shrinkToPixels(file, {width: 128, height: 128});
	const box = {width: 40, height: 36};
	const reused = await shrinkThumbnail(thumbnail, box);
	const decoded = await shrinkToPixels(file, box);
	assert.ok(reused);
	assert.deepEqual([reused.width, reused.height], [decoded.width, decoded.height]);
	assert.equal(await shrinkThumbnail(thumbnail, {width: 400, height: 400}), undefined, 'too small');

	// The loader uses the thumbnail it is given, not the file: a flat red one paints red cells.
	const red = {...thumbnail, pixels: new Uint8Array(thumbnail.pixels.length)};
	for (let at = 0; at < red.pixels.length; at += 3) red.pixels[at] = 255;
	const renderer = blocksRenderer('truecolor');
	const cellBox = {columns: 20, rows: 9};
	const loaded = await loadItem(dir, renderer, 'img_0001.jpg', cellBox, () => undefined, red);
	const colours = new Set(loaded.lines.join('').match(/8;2;\d+;\d+;\d+/g));
	assert.deepEqual([...colours].map((colour) => colour.slice(4)).sort(), ['255;0;0']);
	assert.ok(loaded.details.size > 0, 'the file is still stat’d for the journal');
	const fromFile = await loadItem(dir, renderer, 'img_0001.jpg', cellBox, () => undefined);
	assert.notDeepEqual(fromFile.lines, loaded.lines);
});

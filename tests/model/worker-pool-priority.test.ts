import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import {FeaturePool} from '../../source/model/worker-pool.js';
import {copySamples, removeFolder} from '../helpers/dataset.js';

test('promoted jobs (a grid’s next pages) run before the others still queued, in the given order', async (t) => {
	const dir = await copySamples();
	const pool = new FeaturePool(1);
	t.after(async () => pool.close());
	// After the close above: hooks run in order, and a writer still open fails the removal.
	t.after(async () => removeFolder(dir));
	const files = [
		'img_0001.jpg',
		'img_0002.jpg',
		'img_0003.jpg',
		'img_0004.jpg',
		'img_0005.jpg',
	].map((name) => path.join(dir, name));
	const finished: string[] = [];
	const runs = files.map(async (file) => {
		const result = await pool.run(file);
		finished.push(path.basename(file));
		return result;
	});
	// The first job is on the one worker already; the other four wait, in the order asked.
	pool.promote([files[4] ?? '', files[3] ?? '', path.join(dir, 'not-queued.jpg')]);
	const results = await Promise.all(runs);
	assert.ok(results.every((result) => result.ok));
	assert.deepEqual(finished, [
		'img_0001.jpg',
		'img_0005.jpg',
		'img_0004.jpg',
		'img_0002.jpg',
		'img_0003.jpg',
	]);
});

test('a widened pool (the grid on screen) runs two jobs at a time, then one again', async (t) => {
	const dir = await copySamples();
	const pool = new FeaturePool(1);
	t.after(async () => pool.close());
	// After the close above: hooks run in order, and a writer still open fails the removal.
	t.after(async () => removeFolder(dir));
	const names = ['img_0001.jpg', 'img_0002.jpg', 'img_0003.jpg', 'img_0004.jpg'];
	const runs = names.map(async (name) => pool.run(path.join(dir, name)));
	assert.equal(pool.running, 1);
	pool.widen(2);
	assert.equal(pool.running, 2, 'a second worker takes the next job at once');
	pool.widen(undefined);
	await runs[1];
	await runs[0];
	assert.ok(pool.running <= 1, 'back to one at a time');
	assert.ok((await Promise.all(runs)).every((result) => result.ok));
});

import assert from 'node:assert/strict';
import {rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import {getEntry} from '../../source/core/persistent-map.js';
import {progressOf} from '../../source/core/session-state.js';
import {maxInputPixels} from '../../source/image/index.js';
import {checkFile} from '../../source/scan/check.js';
import {checkCachePath, openCheckCache} from '../../source/scan/check-cache.js';
import {CheckThread} from '../../source/scan/check-thread.js';
import {HygieneFeed, type HygieneFeedOptions} from '../../source/session/hygiene-feed.js';
import {acceptNearIntent} from '../../source/session/hygiene-intents.js';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {startFeed, until} from '../helpers/hygiene-feed-fixture.js';

const time = '2026-11-25T10:00:00.000Z';

for (const where of ['this thread', 'the check thread'] as const) {
	test(`broken samples are journaled with their reasons and never become the cursor (checked on ${where})`, async (t) => {
		// The broken files come right after the first image, ahead of the cursor.
		const order = ['img_0001', 'img_0046', 'img_0047', 'img_0048', 'img_0002', 'img_0003'];
		const thread = new CheckThread();
		let sent = 0;
		const checkFile: HygieneFeedOptions['checkFile'] =
			where === 'this thread'
				? undefined
				: async (file, key, maxPixels) => {
						sent++;
						return thread.check(file, key, maxPixels);
					};
		const fixture = await startFeed(t, undefined, order, checkFile);
		t.after(async () => thread.close());
		const state = await until(fixture, (current) => current.broken.size === 3);
		assert.deepEqual(
			['img_0046.jpg', 'img_0047.jpg', 'img_0048.png'].map(
				(item) => getEntry(state.broken, item)?.reason,
			),
			['truncated', 'empty', 'not-an-image'],
		);
		assert.equal(progressOf(state).broken, 3);
		assert.equal(state.cursor, 'img_0001.jpg', 'the cursor stayed on the first image');
		const decideFirst = {type: 'decide', time, ms: 5, label: 'photo'} as const;
		await fixture.store.apply({
			...decideFirst,
			item: {path: 'img_0001.jpg', size: 1, mtimeMs: 1},
		});
		assert.equal(fixture.store.getState().cursor, 'img_0002.jpg');
		for (const item of ['img_0046.jpg', 'img_0047.jpg', 'img_0048.png']) {
			assert.ok(!fixture.cursors.has(item), `${item} was never on screen`);
		}

		const brokenRecords = fixture.records.filter((record) => record.op === 'broken');
		assert.equal(brokenRecords.length, 3);
		assert.match(
			brokenRecords.find((record) => record.path === 'img_0046.jpg')?.detail ?? '',
			/ends early/,
		);
		assert.equal(sent > 0, where === 'the check thread');
	});
}

test('deciding one of an exact-duplicate pair decides the other, and undo undoes both', async (t) => {
	const fixture = await startFeed(t);
	// Wait until the feed has hashed the whole catalog, so the far copy (img_0045) is known.
	await until(fixture, () => fixture.feed.checked === 48);
	assert.equal(fixture.link.status(fixture.store.getState()).copies, 2, 'img_0001 has 2 copies');
	await fixture.store.apply({
		type: 'decide',
		time,
		ms: 5,
		label: 'photo',
		item: {path: 'img_0001.jpg', size: 1, mtimeMs: 1},
	});
	const decided = await until(fixture, (state) => state.decisions.size === 2);
	assert.equal(getEntry(decided.decisions, 'img_0045.jpg')?.copyOf, 'img_0001.jpg');
	const copyRecord = fixture.records.find((record) => record.op === 'copy');
	assert.equal(copyRecord?.path, 'img_0045.jpg');
	await fixture.store.apply({type: 'undo', time});
	assert.equal(fixture.store.getState().decisions.size, 0);
	assert.equal(fixture.store.getState().cursor, 'img_0001.jpg');
});

test('a copy found after its twin was decided is decided too, from the shared check cache', async (t) => {
	const dir = await copySamples();
	t.after(() => removeFolder(dir));
	// Warm the cache as `imgsift check` would, then start over: results come from the cache.
	const first = await startFeed(t, dir);
	await until(first, () => first.feed.checked === 48);
	await first.link.close();
	const cacheText = await readFile(checkCachePath(dir), 'utf8');
	assert.equal(cacheText.trim().split('\n').length, 48, 'every file went into the check cache');

	const second = await startFeed(t, dir, ['img_0001', 'img_0002']);
	await second.store.apply({
		type: 'decide',
		time,
		ms: 5,
		label: 'screenshot',
		item: {path: 'img_0001.jpg', size: 1, mtimeMs: 1},
	});
	// The far copy turns up later in the scan: it is decided as soon as it is checked.
	await second.store.apply({type: 'items-found', paths: ['img_0045.jpg']});
	const state = await until(second, (current) => current.decisions.size === 2);
	assert.equal(getEntry(state.decisions, 'img_0045.jpg')?.label, 'screenshot');
	assert.equal(state.cursor, 'img_0002.jpg');
	const cacheAfter = await readFile(checkCachePath(dir), 'utf8');
	assert.equal(cacheAfter, cacheText, 'the second run read nothing afresh');
});

test('the near copy of a decided image is named with its label and distance once its thumbnail passes', async (t) => {
	const dir = await copySamples();
	t.after(() => removeFolder(dir));
	// A re-encoded, slightly smaller img_0002: different bytes, nearly the same picture.
	await sharp(path.join(dir, 'img_0002.jpg'))
		.resize({width: 300})
		.jpeg({quality: 60})
		.toFile(path.join(dir, 'img_0049.jpg'));
	const fixture = await startFeed(t, dir, ['img_0002', 'img_0049', 'img_0003']);
	await until(fixture, () => fixture.feed.checked === 3);
	assert.equal(fixture.link.nearOf(fixture.store.getState(), 'img_0049.jpg'), undefined);
	await fixture.store.apply({
		type: 'decide',
		time,
		ms: 5,
		label: 'photo',
		item: {path: 'img_0002.jpg', size: 1, mtimeMs: 1},
	});
	// The thumbnail test runs in the background: the offer appears when its verdict arrives.
	const state = await until(fixture, (current) => fixture.link.status(current).near !== undefined);
	assert.equal(state.cursor, 'img_0049.jpg');
	const near = fixture.link.status(state).near;
	assert.equal(near?.path, 'img_0002.jpg');
	assert.equal(near?.label, 'photo');
	assert.equal(fixture.link.status(state).copies, 1);
	assert.equal(fixture.link.nearOf(state, 'img_0003.jpg'), undefined, 'a different photo');
	assert.ok(near !== undefined && near.distance <= 12, `pHash distance ${near?.distance}`);
	// The `a` key stands for the near copy's class key.
	assert.deepEqual(acceptNearIntent(fixture.link, state), {
		intent: {action: 'decide', classIndex: 0},
	});
	await fixture.store.apply({
		type: 'decide',
		time,
		ms: 5,
		label: 'screenshot',
		item: {path: 'img_0049.jpg', size: 1, mtimeMs: 1},
	});
	const onThird = fixture.store.getState();
	assert.equal(onThird.cursor, 'img_0003.jpg');
	const none = acceptNearIntent(fixture.link, onThird);
	assert.ok('problem' in none && /No near copy/.test(none.problem), 'no near copy: a message');
});

test('a file deleted between its stat and its read is left as gone, not reported broken', async (t) => {
	const folder = await copySamples();
	t.after(() => removeFolder(folder));
	const victim = 'img_0001.jpg';
	const cache = await openCheckCache(checkCachePath(folder));
	const reported: string[] = [];
	let checked = (): void => undefined;
	const feed = new HygieneFeed({
		dir: folder,
		maxPixels: maxInputPixels,
		// The cache is looked up after the stat and before the read: the file goes right then.
		cache: {
			...cache,
			get(itemPath, size, mtimeMs) {
				if (itemPath === victim) rmSync(path.join(folder, victim));
				return cache.get(itemPath, size, mtimeMs);
			},
		},
		onFacts(facts) {
			reported.push(`${facts.path} ${facts.reason ?? 'ok'}`);
			checked();
		},
	});
	t.after(() => feed.close());
	const next = 'img_0002.jpg';
	const nextChecked = new Promise<void>((resolve) => {
		checked = () => reported.some((line) => line.startsWith(next)) && resolve();
	});
	feed.follow([victim, next], {paths: [victim, next], length: 2});
	await nextChecked;
	assert.deepEqual(reported, [`${next} ok`]);
	assert.equal(feed.facts(victim), undefined);
});

test('the files the screen shows next are checked here until the sweep begins, then by checkFile', async (t) => {
	const dir = await copySamples();
	t.after(() => removeFolder(dir));
	const sent: string[] = [];
	const reported = new Map<string, () => void>();
	const arrived = (itemPath: string) =>
		new Promise<void>((resolve) => {
			reported.set(itemPath, resolve);
		});
	const feed = new HygieneFeed({
		dir,
		maxPixels: maxInputPixels,
		async checkFile(file, key, maxPixels) {
			sent.push(path.basename(file));
			return checkFile(file, key, maxPixels);
		},
		onFacts: (facts) => reported.get(facts.path)?.(),
	});
	t.after(async () => feed.close());
	const first = [arrived('img_0001.jpg'), arrived('img_0002.jpg')];
	feed.follow(['img_0001.jpg', 'img_0002.jpg'], {paths: [], length: 0});
	await Promise.all(first);
	assert.deepEqual(sent, [], 'before the sweep, nothing went to checkFile');
	const swept = arrived('img_0003.jpg');
	const catalog = ['img_0001.jpg', 'img_0002.jpg', 'img_0003.jpg'];
	feed.follow([], {paths: catalog, length: catalog.length});
	await swept;
	assert.deepEqual(sent, ['img_0003.jpg']);
});

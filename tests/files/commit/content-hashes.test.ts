import assert from 'node:assert/strict';
import {link, stat, utimes} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {transition} from '../../../source/core/session-reducer.js';
import type {SessionState} from '../../../source/core/session-state.js';
import {
	describeCommit,
	executeCommit,
	hashPossibleCopies,
} from '../../../source/files/commit/index.js';
import {checkCachePath, openCheckCache} from '../../../source/scan/check-cache.js';
import {
	contentIndex,
	decidedState,
	exists,
	journalFrom,
	placeFiles,
	sha1Of,
	tempFolder,
} from '../../helpers/commit-fixture.js';

async function decideMore(
	dir: string,
	state: SessionState,
	decisions: Readonly<Record<string, string>>,
): Promise<SessionState> {
	let next =
		transition(state, {type: 'items-found', paths: Object.keys(decisions)})?.state ?? state;
	for (const [itemPath, label] of Object.entries(decisions)) {
		const {size, mtimeMs} = await stat(path.join(dir, itemPath));
		const item = {path: itemPath, size, mtimeMs};
		next = transition(next, {type: 'decide', time: 'now', item, label, ms: 1})?.state ?? next;
	}

	return next;
}

test('only decided files sharing a size are hashed, a committed one where it went', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {
		'one.jpg': 'img_0001.jpg',
		'solo.jpg': 'img_0003.jpg',
		'kept.jpg': 'img_0002.jpg',
	});
	// A first commit, then copies decided apart in a later session.
	let state = await decidedState(dir, {
		'one.jpg': 'photo',
		'solo.jpg': 'photo',
		'kept.jpg': 'photo',
	});
	const first = journalFrom(state);
	await executeCommit({dir, out: 'out', state, record: first.record});
	await placeFiles(dir, {'two.jpg': 'img_0045.jpg', 'again.jpg': 'img_0002.jpg'});
	state = await decideMore(dir, first.state(), {'two.jpg': 'photo', 'again.jpg': 'photo'});

	const found = await hashPossibleCopies({dir, state});
	const oneHash = await sha1Of(path.join(dir, 'out/photo/one.jpg'));
	const keptHash = await sha1Of(path.join(dir, 'out/photo/kept.jpg'));
	assert.deepEqual(
		[...found.hashes].sort(),
		[
			['again.jpg', keptHash],
			['kept.jpg', keptHash],
			['one.jpg', oneHash],
			['two.jpg', oneHash],
		],
		'solo.jpg has a size of its own: never read',
	);
	assert.deepEqual({candidates: found.candidates, read: found.read}, {candidates: 4, read: 4});

	const second = journalFrom(state);
	const report = await executeCommit({dir, out: 'out', state, record: second.record});
	assert.deepEqual(
		report.moved.map((entry) => [entry.path, entry.to]),
		[
			['again.jpg', 'out/_duplicates/photo/again.jpg'],
			['two.jpg', 'out/_duplicates/photo/two.jpg'],
		],
	);
});

test('hashes come from the check cache when path, size and mtime match', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {'one.jpg': 'img_0001.jpg', 'two.jpg': 'img_0045.jpg'});
	const state = await decidedState(dir, {'one.jpg': 'photo', 'two.jpg': 'photo'});
	const {size, mtimeMs} = await stat(path.join(dir, 'one.jpg'));
	const cache = await openCheckCache(checkCachePath(dir));
	// A made-up hash: seeing it back proves the file was not read.
	const cachedHash = 'c'.repeat(40);
	cache.put('one.jpg', {size, mtimeMs, sha1: cachedHash});
	await cache.close({complete: false});

	// Named, the cache is read however little there is to hash.
	const found = await hashPossibleCopies({dir, state, cacheFile: checkCachePath(dir)});
	assert.equal(found.hashes.get('one.jpg'), cachedHash);
	assert.equal(found.hashes.get('two.jpg'), await sha1Of(path.join(dir, 'two.jpg')));
	assert.deepEqual({fromCache: found.fromCache, read: found.read}, {fromCache: 1, read: 1});
	// Two small files: reading them costs less than loading the cache, so by default it is left.
	const fresh = await hashPossibleCopies({dir, state});
	assert.equal(fresh.read, 2);
	assert.equal(fresh.hashes.get('one.jpg'), fresh.hashes.get('two.jpg'));

	// Touched since decided: the commit skips it, so it is weighed in no group.
	await utimes(path.join(dir, 'two.jpg'), new Date(), new Date(2020, 0, 1));
	const touched = await hashPossibleCopies({dir, state, cacheFile: false});
	assert.deepEqual([...touched.hashes.keys()], ['one.jpg']);
});

test('hard links share one read', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {'one.jpg': 'img_0001.jpg', 'two.jpg': 'img_0045.jpg'});
	await link(path.join(dir, 'one.jpg'), path.join(dir, 'linked.jpg'));
	const state = await decidedState(dir, {
		'one.jpg': 'photo',
		'linked.jpg': 'photo',
		'two.jpg': 'photo',
	});
	const found = await hashPossibleCopies({dir, state, cacheFile: false});
	assert.equal(found.read, 2, 'one.jpg and linked.jpg are one inode');
	assert.equal(new Set(found.hashes.values()).size, 1);
	assert.equal(found.hashes.size, 3);
});

test('copies labeled differently are not moved; the report names both and their labels', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {
		'a.jpg': 'img_0001.jpg',
		'b.jpg': 'img_0045.jpg',
		'c.jpg': 'img_0021.jpg',
	});
	const before = await contentIndex(dir);
	const state = await decidedState(dir, {
		'a.jpg': 'photo',
		'b.jpg': 'screenshot',
		'c.jpg': 'screenshot',
	});
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out: 'out', state, record: journal.record});
	assert.deepEqual(
		report.moved.map((entry) => entry.path),
		['c.jpg'],
	);
	assert.deepEqual(
		report.failed.map((entry) => entry.path),
		['a.jpg', 'b.jpg'],
	);
	assert.ok((await exists(path.join(dir, 'a.jpg'))) && (await exists(path.join(dir, 'b.jpg'))));
	const lines = describeCommit(report);
	assert.ok(
		lines.some((line) =>
			line.includes(
				'Failed: b.jpg (screenshot): a.jpg and b.jpg are the same image but labeled photo and screenshot; decide again',
			),
		),
		lines.join('\n'),
	);
	assert.equal((await contentIndex(dir)).size, before.size, 'nothing lost');
});

import assert from 'node:assert/strict';
import {copyFile, readFile, rename, stat, utimes, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {getEntry} from '../../../source/core/persistent-map.js';
import {executeCommit} from '../../../source/files/commit/index.js';
import {
	decidedState,
	exists,
	journalFrom,
	placeFiles,
	tempFolder,
} from '../../helpers/commit-fixture.js';

/** A whole-second time, so putting it back (as cp -p, rsync -t or unzip do) is exact. */
const fixedTime = new Date('2026-01-02T03:04:05Z');
const keepTimes = async (file: string) => utimes(file, fixedTime, fixedTime);

test('a file replaced with the same size and mtime is reported as changed, not moved', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {
		'rewritten.jpg': 'img_0001.jpg',
		'swapped.jpg': 'img_0002.jpg',
		'fine.jpg': 'img_0004.jpg',
	});
	for (const name of ['rewritten.jpg', 'swapped.jpg', 'fine.jpg']) {
		await keepTimes(path.join(dir, name));
	}

	const state = await decidedState(dir, {
		'rewritten.jpg': 'photo',
		'swapped.jpg': 'photo',
		'fine.jpg': 'photo',
	});

	// Rewritten in place: other bytes of the same length, then the old mtime put back.
	const rewritten = path.join(dir, 'rewritten.jpg');
	const before = await stat(rewritten);
	const bytes = await readFile(rewritten);
	await writeFile(
		rewritten,
		bytes.map((byte) => byte ^ 0xff),
	);
	await keepTimes(rewritten);
	// Swapped: another file of the same size, times copied, renamed over it (a new inode).
	const swapped = path.join(dir, 'swapped.jpg');
	const swappedBefore = await stat(swapped);
	const other = path.join(dir, 'other.tmp');
	await copyFile(swapped, other);
	await writeFile(other, (await readFile(other)).reverse());
	await keepTimes(other);
	await rename(other, swapped);
	for (const [file, was] of [
		[rewritten, before],
		[swapped, swappedBefore],
	] as const) {
		const now = await stat(file);
		assert.deepEqual([now.size, now.mtimeMs], [was.size, was.mtimeMs], 'size and mtime agree');
	}

	const journal = journalFrom(state);
	const report = await executeCommit({dir, out: 'sorted', state, record: journal.record});
	assert.deepEqual(
		report.moved.map((entry) => entry.path),
		['fine.jpg'],
	);
	assert.deepEqual(
		report.skipped.map(({path: item, reason}) => [item, reason]),
		[
			['rewritten.jpg', 'changed'],
			['swapped.jpg', 'changed'],
		],
	);
	assert.match(
		report.skipped[0]?.detail ?? '',
		/rewritten or replaced at .* \(same size and mtime\)/,
	);
	assert.match(report.skipped[1]?.detail ?? '', /new inode/);
	assert.equal(await exists(rewritten), true, 'left in place');
	assert.equal(getEntry(journal.state().decisions, 'swapped.jpg')?.label, 'photo');
});

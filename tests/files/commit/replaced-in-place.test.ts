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

test('a file replaced by another of the same size and mtime is reported as changed, not moved', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {'swapped.jpg': 'img_0002.jpg', 'fine.jpg': 'img_0004.jpg'});
	for (const name of ['swapped.jpg', 'fine.jpg']) {
		await keepTimes(path.join(dir, name));
	}

	const state = await decidedState(dir, {'swapped.jpg': 'photo', 'fine.jpg': 'photo'});
	// As rsync -t or an editor's atomic save do it: other bytes of the same length written to a
	// temporary file, the old times put back, then renamed over the decided file (a new inode).
	const swapped = path.join(dir, 'swapped.jpg');
	const before = await stat(swapped);
	const other = path.join(dir, 'other.tmp');
	await copyFile(swapped, other);
	await writeFile(other, (await readFile(other)).reverse());
	await keepTimes(other);
	await rename(other, swapped);
	const now = await stat(swapped);
	assert.deepEqual([now.size, now.mtimeMs], [before.size, before.mtimeMs], 'size and mtime agree');

	const journal = journalFrom(state);
	const report = await executeCommit({dir, out: 'sorted', state, record: journal.record});
	assert.deepEqual(
		report.moved.map((entry) => entry.path),
		['fine.jpg'],
	);
	assert.deepEqual(
		report.skipped.map(({path: item, reason}) => [item, reason]),
		[['swapped.jpg', 'changed']],
	);
	assert.match(report.skipped[0]?.detail ?? '', /same size and mtime, new inode/);
	assert.equal(await exists(swapped), true, 'left in place');
	assert.equal(getEntry(journal.state().decisions, 'swapped.jpg')?.label, 'photo');
});

import assert from 'node:assert/strict';
import {readFile, unlink, utimes, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {entries, getEntry} from '../../../source/core/persistent-map.js';
import {executeCommit, planFilePath} from '../../../source/files/commit/index.js';
import {
	contentIndex,
	decidedState,
	exists,
	journalFrom,
	placeFiles,
	samplesDir,
	sha1Of,
	tempFolder,
} from '../../helpers/commit-fixture.js';

test('moves decided files into class folders and records each move', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {
		'a.jpg': 'img_0001.jpg',
		'sub/b.jpg': 'img_0002.jpg',
		'shot.png': 'img_0022.png',
		'undecided.jpg': 'img_0003.jpg',
	});
	const before = await contentIndex(dir);
	const state = await decidedState(dir, {
		'a.jpg': 'photo',
		'sub/b.jpg': 'photo',
		'shot.png': 'screenshot',
	});
	const journal = journalFrom(state);
	const progress: number[] = [];
	const report = await executeCommit({
		dir,
		out: path.join(dir, 'sorted'),
		state,
		record: journal.record,
		onProgress: ({done}) => progress.push(done),
	});

	assert.deepEqual(
		report.moved.map(({path: item, to}) => [item, to]),
		[
			['a.jpg', 'sorted/photo/a.jpg'],
			['shot.png', 'sorted/screenshot/shot.png'],
			['sub/b.jpg', 'sorted/photo/b.jpg'],
		],
	);
	assert.deepEqual(progress, [1, 2, 3]);
	assert.deepEqual([report.skipped, report.failed, report.stopped], [[], [], undefined]);
	assert.equal(journal.events.length, 3);
	assert.deepEqual([...entries(journal.state().moved)].sort(), [
		['a.jpg', 'sorted/photo/a.jpg'],
		['shot.png', 'sorted/screenshot/shot.png'],
		['sub/b.jpg', 'sorted/photo/b.jpg'],
	]);
	const after = await contentIndex(dir);
	assert.deepEqual(after.get(await sha1Of(path.join(samplesDir, 'img_0001.jpg'))), [
		'sorted/photo/a.jpg',
	]);
	assert.deepEqual(after.get(await sha1Of(path.join(samplesDir, 'img_0003.jpg'))), [
		'undecided.jpg',
	]);
	assert.equal(after.size, before.size);
	assert.equal(await exists(planFilePath(dir)), false, 'the plan is removed once settled');

	const again = await executeCommit({
		dir,
		out: path.join(dir, 'sorted'),
		state: journal.state(),
		record: journal.record,
	});
	assert.deepEqual([again.planned, again.moved.length, journal.events.length], [0, 0, 3]);
});

test('an output folder outside the dataset is recorded with absolute paths', async (t) => {
	const dir = await tempFolder(t);
	const out = await tempFolder(t);
	await placeFiles(dir, {'a.jpg': 'img_0001.jpg'});
	const state = await decidedState(dir, {'a.jpg': 'photo'});
	const journal = journalFrom(state);
	await executeCommit({dir, out, state, record: journal.record});
	assert.equal(getEntry(journal.state().moved, 'a.jpg'), path.join(out, 'photo', 'a.jpg'));
	assert.equal(await exists(path.join(out, 'photo', 'a.jpg')), true);
});

test('a taken name gets a content-hash suffix and the existing file is untouched', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {
		'one/x.jpg': 'img_0001.jpg',
		'two/x.jpg': 'img_0002.jpg',
		'three/x.jpg': 'img_0001.jpg',
		'sorted/photo/y.jpg': 'img_0004.jpg',
		'y.jpg': 'img_0005.jpg',
	});
	const existingHash = await sha1Of(path.join(dir, 'sorted/photo/y.jpg'));
	const state = await decidedState(dir, {
		'one/x.jpg': 'photo',
		'two/x.jpg': 'photo',
		'three/x.jpg': 'photo',
		'y.jpg': 'photo',
	});
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out: 'sorted', state, record: journal.record});

	const hashOf = async (sample: string) =>
		(await sha1Of(path.join(samplesDir, sample))).slice(0, 8);
	assert.deepEqual(
		report.moved.map(({path: item, to}) => [item, to]),
		[
			['one/x.jpg', 'sorted/photo/x.jpg'],
			// The same bytes as one/x.jpg: an exact copy, kept out of the class folder.
			['three/x.jpg', 'sorted/_duplicates/photo/x.jpg'],
			['two/x.jpg', `sorted/photo/x.${await hashOf('img_0002.jpg')}.jpg`],
			['y.jpg', `sorted/photo/y.${await hashOf('img_0005.jpg')}.jpg`],
		],
	);
	assert.equal(await sha1Of(path.join(dir, 'sorted/photo/y.jpg')), existingHash);
	const index = await contentIndex(dir);
	assert.equal([...index.values()].flat().length, 5, 'five files in, five files out');
});

test('a file that changed or vanished since it was decided is reported, not moved', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {
		'grown.jpg': 'img_0001.jpg',
		'touched.jpg': 'img_0002.jpg',
		'gone.jpg': 'img_0003.jpg',
		'fine.jpg': 'img_0004.jpg',
	});
	const state = await decidedState(dir, {
		'grown.jpg': 'photo',
		'touched.jpg': 'photo',
		'gone.jpg': 'photo',
		'fine.jpg': 'photo',
	});
	await writeFile(path.join(dir, 'grown.jpg'), 'more bytes', {flag: 'a'});
	await utimes(path.join(dir, 'touched.jpg'), new Date(), new Date('2001-02-03T04:05:06Z'));
	await unlink(path.join(dir, 'gone.jpg'));
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out: 'sorted', state, record: journal.record});

	assert.deepEqual(
		report.moved.map((entry) => entry.path),
		['fine.jpg'],
	);
	assert.deepEqual(
		report.skipped.map(({path: item, reason}) => [item, reason]),
		[
			['gone.jpg', 'missing'],
			['grown.jpg', 'changed'],
			['touched.jpg', 'changed'],
		],
	);
	assert.match(report.skipped[1]?.detail ?? '', /size was \d+ bytes when decided and is \d+ now/);
	assert.match(report.skipped[2]?.detail ?? '', /modified at 2001-02-03T04:05:06/);
	assert.equal(await exists(path.join(dir, 'grown.jpg')), true);
	assert.equal(await exists(path.join(dir, 'touched.jpg')), true);
	assert.equal(journal.events.length, 1);
	assert.equal(getEntry(journal.state().decisions, 'grown.jpg')?.label, 'photo', 'still decided');
});

test('a commit plan that cannot be written stops the commit before anything moves', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {'a.jpg': 'img_0001.jpg', '.labels': new Uint8Array([1])});
	const state = await decidedState(dir, {'a.jpg': 'photo'});
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out: 'sorted', state, record: journal.record});
	assert.match(report.stopped ?? '', /nothing was moved: the commit plan could not be written/);
	assert.equal(await exists(path.join(dir, 'a.jpg')), true);
	assert.equal(journal.events.length, 0);
	assert.equal((await readFile(path.join(dir, '.labels'))).length, 1);
});

import assert from 'node:assert/strict';
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {executeCommit} from '../../../source/files/commit/index.js';
import {
	hashedNamePattern,
	hashedPath,
	maxNameBytes,
	partialPath,
	partialSuffix,
} from '../../../source/files/commit/paths.js';
import {
	contentIndex,
	decidedState,
	journalFrom,
	otherFilesystem,
	placeFiles,
	tempFolder,
} from '../../helpers/commit-fixture.js';

/** A name of exactly 255 bytes: 84 three-byte Hangul syllables and `.jpg`, minus one to fit. */
const longName = `${'가'.repeat(83)}${'x'.repeat(2)}.jpg`;
const sha1 = 'abcdef0123456789abcdef0123456789abcdef01';
const bytes = (name: string) => Buffer.byteLength(path.basename(name));

test('the long test name really is at the file-name limit', () => {
	assert.equal(Buffer.byteLength(longName), maxNameBytes);
});

test('short names keep the plain hashed and partial forms', () => {
	assert.equal(hashedPath('out/photo/a.jpg', sha1), 'out/photo/a.abcdef01.jpg');
	assert.equal(partialPath('out/photo/a.jpg'), `out/photo/a.jpg${partialSuffix}`);
	assert.ok(hashedNamePattern('a.jpg').test('a.abcdef01.jpg'));
});

test('a 255-byte name gets a hashed name that fits, keeps its extension and matches its pattern', () => {
	const hashed = hashedPath(`out/photo/${longName}`, sha1);
	assert.ok(bytes(hashed) <= maxNameBytes, `${bytes(hashed)} bytes`);
	assert.ok(hashed.startsWith('out/photo/가'));
	assert.ok(hashed.endsWith('.abcdef01.jpg'));
	assert.ok(hashedNamePattern(longName).test(path.basename(hashed)));
	assert.ok(!hashedNamePattern(longName).test(longName));
	// Cut on a character boundary: no replacement character from half a Hangul syllable.
	assert.ok(!path.basename(hashed).includes('\uFFFD'));
});

test('partial names of long names fit and still tell two destinations apart', () => {
	const first = partialPath(`out/photo/${longName}`);
	const second = partialPath(`out/photo/${longName.replace('x.jpg', 'y.jpg')}`);
	for (const partial of [first, second]) {
		assert.ok(bytes(partial) <= maxNameBytes, `${bytes(partial)} bytes`);
		assert.ok(partial.endsWith(partialSuffix));
	}

	assert.notEqual(first, second);
	assert.equal(partialPath(`out/photo/${longName}`), first, 'the same destination, the same name');
});

test('a 255-byte name moves across real filesystems, even when its name is taken there', async (t) => {
	const shm = await otherFilesystem(t);
	if (shm === undefined) {
		return;
	}

	const dir = await tempFolder(t);
	const out = await tempFolder(t, shm);
	await placeFiles(dir, {[longName]: 'img_0001.jpg'});
	await placeFiles(out, {[`photo/${longName}`]: 'img_0002.jpg'});
	const before = await contentIndex(dir);
	const state = await decidedState(dir, {[longName]: 'photo'});
	const report = await executeCommit({dir, out, state, record: journalFrom(state).record});
	assert.deepEqual([report.failed, report.skipped], [[], []]);
	assert.equal(report.moved.length, 1);
	const names = await readdir(path.join(out, 'photo'));
	assert.equal(names.length, 2, `photo/ holds ${names.join(', ')}`);
	assert.ok(names.every((name) => !name.endsWith(partialSuffix)));
	const after = await contentIndex(out);
	for (const [content] of before) {
		assert.equal(after.get(content)?.length, 1, 'the moved file is in out once');
	}

	assert.equal((await contentIndex(dir)).size, 0, 'the source is gone');
});

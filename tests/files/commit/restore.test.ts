import assert from 'node:assert/strict';
import {rename} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {getEntry, hasEntry} from '../../../source/core/persistent-map.js';
import {executeCommit, restoreMoved} from '../../../source/files/commit/index.js';
import {
	decidedState,
	exists,
	journalFrom,
	otherFilesystem,
	placeFiles,
	samplesDir,
	sha1Of,
	tempFolder,
} from '../../helpers/commit-fixture.js';

async function committed(t: test.TestContext, out?: string) {
	const dir = await tempFolder(t);
	await placeFiles(dir, {'sub/a.jpg': 'img_0001.jpg'});
	const state = await decidedState(dir, {'sub/a.jpg': 'photo'});
	const journal = journalFrom(state);
	await executeCommit({dir, out: out ?? 'sorted', state, record: journal.record});
	const to = getEntry(journal.state().moved, 'sub/a.jpg');
	assert.ok(to !== undefined);
	return {dir, journal, to};
}

test('restoreMoved puts a committed file back and records it', async (t) => {
	const {dir, journal, to} = await committed(t);
	await restoreMoved({dir, path: 'sub/a.jpg', to, record: journal.record});
	assert.deepEqual(journal.events.at(-1), {type: 'restored', path: 'sub/a.jpg', from: to});
	assert.equal(hasEntry(journal.state().moved, 'sub/a.jpg'), false);
	assert.equal(
		await sha1Of(path.join(dir, 'sub/a.jpg')),
		await sha1Of(path.join(samplesDir, 'img_0001.jpg')),
	);
	assert.equal(await exists(path.join(dir, to)), false);
});

test('restoreMoved refuses to replace a file now at the old path, leaving both', async (t) => {
	const {dir, journal, to} = await committed(t);
	await placeFiles(dir, {'sub/a.jpg': 'img_0002.jpg'});
	const events = journal.events.length;
	await assert.rejects(
		restoreMoved({dir, path: 'sub/a.jpg', to, record: journal.record}),
		/sub\/a\.jpg is taken by another file, so sorted\/photo\/a\.jpg stays where it is/,
	);
	assert.equal(
		await sha1Of(path.join(dir, 'sub/a.jpg')),
		await sha1Of(path.join(samplesDir, 'img_0002.jpg')),
	);
	assert.equal(
		await sha1Of(path.join(dir, to)),
		await sha1Of(path.join(samplesDir, 'img_0001.jpg')),
	);
	assert.equal(journal.events.length, events);
});

test('restoreMoved after a kill between the move back and its record only records it', async (t) => {
	const {dir, journal, to} = await committed(t);
	await rename(path.join(dir, to), path.join(dir, 'sub/a.jpg'));
	await restoreMoved({dir, path: 'sub/a.jpg', to, record: journal.record});
	assert.deepEqual(journal.events.at(-1), {type: 'restored', path: 'sub/a.jpg', from: to});
});

test('restoreMoved across real filesystems (/dev/shm) copies the file back', async (t) => {
	const shm = await otherFilesystem(t);
	if (shm === undefined) {
		return;
	}

	const out = await tempFolder(t, shm);
	const {dir, journal, to} = await committed(t, out);
	assert.equal(to, path.join(out, 'photo', 'a.jpg'));
	await restoreMoved({dir, path: 'sub/a.jpg', to, record: journal.record});
	assert.equal(await exists(path.join(dir, 'sub/a.jpg')), true);
	assert.equal(await exists(to), false);
});

import assert from 'node:assert/strict';
import {copyFile, link, rename, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {getEntry} from '../../../source/core/persistent-map.js';
import {executeCommit, recoverCommit, restoreMoved} from '../../../source/files/commit/index.js';
import {partialPath} from '../../../source/files/commit/paths.js';
import {
	restoreIntentPath,
	writeRestoreIntent,
} from '../../../source/files/commit/restore-intent.js';
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

const item = 'sub/a.jpg';

/** A committed dataset with an undo of `item` under way, as a SIGKILL would leave it. */
async function undoUnderWay(t: test.TestContext, out?: string) {
	const dir = await tempFolder(t);
	await placeFiles(dir, {[item]: 'img_0001.jpg'});
	const state = await decidedState(dir, {[item]: 'photo'});
	const journal = journalFrom(state);
	await executeCommit({dir, out: out ?? 'sorted', state, record: journal.record});
	const to = getEntry(journal.state().moved, item);
	assert.ok(to !== undefined);
	await writeRestoreIntent(dir, {path: item, to});
	const home = path.join(dir, item);
	const there = path.isAbsolute(to) ? to : path.join(dir, to);
	const recover = async () => {
		const events = journal.events.length;
		await recoverCommit({
			dir,
			out: out ?? 'sorted',
			state: journal.state(),
			record: journal.record,
		});
		assert.equal(journal.events.length, events, 'putting files right writes no journal record');
	};
	return {dir, journal, to, home, there, recover};
}

async function assertAtCommittedPlace(home: string, there: string, dir: string): Promise<void> {
	assert.equal(await exists(home), false, `${item} is not at its old place`);
	assert.equal(await sha1Of(there), await sha1Of(path.join(samplesDir, 'img_0001.jpg')));
	assert.equal(await exists(partialPath(home)), false, 'no partial copy is left');
	assert.equal(await exists(restoreIntentPath(dir)), false, 'the intent is gone');
}

test('a kill between link and unlink of an undo leaves one file under two names; recovery keeps the journaled one', async (t) => {
	const {dir, home, there, recover} = await undoUnderWay(t);
	await link(there, home);
	assert.equal((await stat(home)).nlink, 2);
	await recover();
	await assertAtCommittedPlace(home, there, dir);
	assert.equal((await stat(there)).nlink, 1);
});

test('a kill after the move back but before its record: recovery moves the file to where the journal has it', async (t) => {
	const {dir, home, there, recover} = await undoUnderWay(t);
	await rename(there, home);
	await recover();
	await assertAtCommittedPlace(home, there, dir);
});

test('a kill before the move back began only removes the intent; a torn intent is ignored', async (t) => {
	const {dir, home, there, recover} = await undoUnderWay(t);
	await recover();
	await assertAtCommittedPlace(home, there, dir);
	await writeFile(restoreIntentPath(dir), '{"path":"sub/a.j');
	await recover();
	await assertAtCommittedPlace(home, there, dir);
});

test('an undo whose record was written leaves an intent that recovery drops without moving anything', async (t) => {
	const {dir, journal, to, home, recover} = await undoUnderWay(t);
	await restoreMoved({dir, path: item, to, record: journal.record, intent: false});
	await writeRestoreIntent(dir, {path: item, to});
	await recover();
	assert.equal(await exists(home), true);
	assert.equal(await exists(restoreIntentPath(dir)), false);
});

test('a finished undo removes its intent; a second undo attempt on a taken place removes it too', async (t) => {
	const {dir, journal, to, home} = await undoUnderWay(t);
	await restoreMoved({dir, path: item, to, record: journal.record});
	assert.equal(await exists(home), true);
	assert.equal(await exists(restoreIntentPath(dir)), false);
});

test('across filesystems: a copy back cut short (partial, or both copies) is put right', async (t) => {
	const shm = await otherFilesystem(t);
	if (shm === undefined) {
		return;
	}

	const out = await tempFolder(t, shm);
	const {dir, home, there, recover} = await undoUnderWay(t, out);
	// Killed mid-copy: only a partial copy beside the old place.
	await writeFile(partialPath(home), 'half a file');
	await recover();
	await assertAtCommittedPlace(home, there, dir);

	// Killed after the verified copy got its name, before the original was unlinked.
	const again = await undoUnderWay(t, out);
	await copyFile(again.there, again.home);
	await link(again.home, partialPath(again.home));
	await again.recover();
	await assertAtCommittedPlace(again.home, again.there, again.dir);
});

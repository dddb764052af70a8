import assert from 'node:assert/strict';
import {access, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {openDataset, readDataset} from '../../source/app/dataset.js';
import {foldJournal} from '../../source/core/fold.js';
import {serializeRecord} from '../../source/core/journal-parse.js';
import {initialState} from '../../source/core/session-state.js';
import {readJournalFile} from '../../source/ledger/files/journal-file.js';
import {replayJournal, snapshotPathOf} from '../../source/ledger/files/journal-snapshot.js';
import {journalPath} from '../../source/store/paths.js';
import {resolveProject} from '../../source/store/project-config.js';
import {tempFolder} from '../helpers/commit-fixture.js';
import {decideRecord} from '../helpers/journal-records.js';

const user = 'tester';
const classes = ['photo', 'screenshot'];

test('a session writes a snapshot at exit; the next one resumes from it to the same state, warnings kept', async (t) => {
	const dir = await tempFolder(t);
	const defaults = {out: 'labeled', order: 'path' as const, seed: 1, user};
	await resolveProject(dir, {classes}, defaults);
	const file = journalPath(dir, user);
	await mkdir(path.dirname(file), {recursive: true});
	// A damaged line early in the journal: its warning must survive the snapshot.
	await writeFile(
		file,
		[
			serializeRecord(decideRecord(1, {path: 'a.jpg', label: 'photo'})),
			'{"v":1,"seq":2,garbage\n',
		].join(''),
	);
	const first = await openDataset(dir, undefined, user);
	await first.store.apply({type: 'items-found', paths: ['a.jpg', 'b.jpg', 'c.jpg']});
	const time = '2026-11-25T10:00:00.000Z';
	await first.store.apply({
		type: 'decide',
		time,
		item: {path: 'b.jpg', size: 3, mtimeMs: 4},
		label: 'screenshot',
		ms: 9,
	});
	await first.store.apply({type: 'undo', time});
	await first.store.apply({
		type: 'decide',
		time,
		item: {path: 'b.jpg', size: 3, mtimeMs: 4},
		label: 'photo',
		ms: 9,
	});
	await first.close();
	await access(snapshotPathOf(file));
	const fromSnapshot = await replayJournal(file, classes);
	assert.equal(fromSnapshot.fromSnapshot, true);
	assert.equal(fromSnapshot.replayedRecords, 0, 'the exit snapshot covers the whole journal');

	const journal = await readJournalFile(file);
	const full = foldJournal(initialState(classes), journal.records).state;
	const resumed = await readDataset(dir, user);
	assert.deepStrictEqual(resumed.state, full);
	assert.match(resumed.warnings.join('\n'), /line 2 \(/);
	assert.doesNotMatch(resumed.warnings.join('\n'), /snapshot/);

	const second = await openDataset(dir, undefined, user);
	assert.deepStrictEqual(second.state, full);
	await second.close();
});

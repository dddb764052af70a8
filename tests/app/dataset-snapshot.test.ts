import assert from 'node:assert/strict';
import {access, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {openDataset, readDataset} from '../../source/app/dataset.js';
import {foldJournal} from '../../source/core/fold.js';
import {serializeRecord} from '../../source/core/journal-parse.js';
import {getEntry} from '../../source/core/persistent-map.js';
import {initialState} from '../../source/core/session-state.js';
import {readJournalFile} from '../../source/ledger/files/journal-file.js';
import {replayJournal, snapshotPathOf} from '../../source/ledger/files/journal-snapshot.js';
import {journalPath} from '../../source/store/paths.js';
import {resolveProject} from '../../source/store/project-config.js';
import {tempFolder} from '../helpers/commit-fixture.js';
import {decideRecord} from '../helpers/journal-records.js';
import {plainState} from '../helpers/plain-state.js';

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
	assert.deepStrictEqual(plainState(resumed.state), plainState(full));
	assert.match(resumed.warnings.join('\n'), /line 2 \(/);
	assert.doesNotMatch(resumed.warnings.join('\n'), /snapshot/);

	const second = await openDataset(dir, undefined, user);
	assert.deepStrictEqual(plainState(second.state), plainState(full));
	await second.close();
});

test('a last journal record that replay rejects does not swallow the next decision', async (t) => {
	const dir = await tempFolder(t);
	const defaults = {out: 'labeled', order: 'path' as const, seed: 1, user};
	await resolveProject(dir, {classes}, defaults);
	const file = journalPath(dir, user);
	await mkdir(path.dirname(file), {recursive: true});
	// Well-formed, but it undoes a seq that was never written: the fold rejects it.
	const strayUndo = {
		v: 1,
		seq: 2,
		time: '2026-11-25T10:00:00.000Z',
		op: 'undo',
		path: 'x.jpg',
		target: 99,
	};
	await writeFile(
		file,
		serializeRecord(decideRecord(1, {path: 'a.jpg', label: 'photo'})) +
			`${JSON.stringify(strayUndo)}\n`,
	);
	const first = await openDataset(dir, undefined, user);
	await first.store.apply({type: 'items-found', paths: ['a.jpg', 'b.jpg']});
	await first.store.apply({
		type: 'decide',
		time: '2026-11-25T10:01:00.000Z',
		item: {path: 'b.jpg', size: 3, mtimeMs: 4},
		label: 'screenshot',
		ms: 9,
	});
	await first.close();

	const journal = await readJournalFile(file);
	assert.deepEqual(
		journal.records.filter((record) => record.op === 'decide').map((record) => record.path),
		['a.jpg', 'b.jpg'],
		'the decision after the rejected record is in the journal',
	);
	const resumed = await readDataset(dir, user);
	assert.equal(getEntry(resumed.state.decisions, 'b.jpg')?.label, 'screenshot');
});

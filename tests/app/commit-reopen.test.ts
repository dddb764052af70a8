import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {copyFile, mkdir, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {readDataset} from '../../source/app/dataset.js';
import {serializeRecord} from '../../source/core/journal-parse.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {decisionOf, progressOf} from '../../source/core/session-state.js';
import {readJournalFile} from '../../source/ledger/files/journal-file.js';
import {journalPath} from '../../source/store/paths.js';
import {resolveProject} from '../../source/store/project-config.js';
import {placeFiles, samplesDir, tempFolder} from '../helpers/commit-fixture.js';
import {inventory} from '../helpers/dataset.js';
import {cliPath} from '../helpers/pty-session.js';

const user = 'tester';
const time = '2026-11-25T10:00:00.000Z';

function commit(dir: string) {
	const run = spawnSync(process.execPath, [cliPath, 'commit', dir], {encoding: 'utf8'});
	return {code: run.status, stdout: run.stdout, output: `${run.stdout}${run.stderr}`};
}

test('a replaced group head is set aside; its copy already moved keeps its decision; commit converges', async (t) => {
	const dir = await tempFolder(t);
	// b.jpg is an exact copy of a.jpg, decided with it by the labeling loop.
	await placeFiles(dir, {
		'a.jpg': 'img_0001.jpg',
		'b.jpg': 'img_0045.jpg',
		'c.jpg': 'img_0021.jpg',
	});
	const defaults = {out: 'labeled', order: 'path' as const, seed: 1, user};
	await resolveProject(dir, {classes: ['photo', 'screenshot']}, defaults);
	const statOf = async (name: string) => {
		const {size, mtimeMs} = await stat(path.join(dir, name));
		return {path: name, size, mtimeMs};
	};
	const records: JournalRecord[] = [
		{
			v: 1,
			seq: 1,
			time,
			op: 'decide',
			...(await statOf('a.jpg')),
			label: 'photo',
			ms: 9,
			via: 'key',
		},
		{v: 1, seq: 2, time, op: 'copy', ...(await statOf('b.jpg')), of: 'a.jpg', label: 'photo'},
		{
			v: 1,
			seq: 3,
			time,
			op: 'decide',
			...(await statOf('c.jpg')),
			label: 'screenshot',
			ms: 9,
			via: 'key',
		},
	];
	const journal = journalPath(dir, user);
	await mkdir(path.dirname(journal), {recursive: true});
	await writeFile(journal, records.map((record) => serializeRecord(record)).join(''));
	// a.jpg is replaced by another picture after its decision.
	await copyFile(path.join(samplesDir, 'img_0022.png'), path.join(dir, 'a.jpg'));

	const first = commit(dir);
	assert.equal(first.code, 1, first.output);
	const lines = first.stdout.trim().split('\n');
	assert.match(
		lines[0] ?? '',
		/^Not moved, changed since it was decided: a\.jpg: .+; its decision is set aside; `imgsift label .+` shows it again\.$/,
	);
	assert.deepEqual(lines.slice(1), [
		'Moved 2 files into class folders (photo 1, screenshot 1); 1 changed or missing, set aside to label again.',
	]);
	assert.deepEqual([...(await inventory(dir)).keys()].sort(), [
		'a.jpg',
		path.join('labeled', 'photo', 'b.jpg'),
		path.join('labeled', 'screenshot', 'c.jpg'),
	]);
	const {size} = await stat(path.join(dir, 'a.jpg'));
	const reopens = (await readJournalFile(journal)).records.filter(
		(record) => record.op === 'reopen',
	);
	assert.deepEqual(
		reopens.map((record) => [record.path, record.reason, record.size]),
		[['a.jpg', 'changed', size]],
	);

	const {state} = await readDataset(dir, user);
	assert.equal(decisionOf(state, 'a.jpg'), undefined, 'a.jpg is undecided');
	assert.equal(decisionOf(state, 'b.jpg')?.label, 'photo', 'the moved copy keeps its label');
	assert.deepEqual(state.counts, {photo: 1, screenshot: 1});
	assert.equal(progressOf(state).copies, 1);

	const second = commit(dir);
	assert.equal(second.code, 0, second.output);
	assert.equal(second.stdout, 'Nothing to commit: every decided file is in its class folder.\n');
});

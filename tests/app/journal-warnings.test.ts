import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {readDataset} from '../../source/app/dataset.js';
import {serializeRecord} from '../../source/core/journal-parse.js';
import {journalPath} from '../../source/store/paths.js';
import {resolveProject} from '../../source/store/project-config.js';
import {tempFolder} from '../helpers/commit-fixture.js';
import {decideRecord} from '../helpers/journal-records.js';

const user = 'tester';

test('a record that does not apply is warned about at its own line, after a corrupt line', async (t) => {
	const dir = await tempFolder(t);
	const defaults = {out: 'labeled', order: 'path' as const, seed: 1, user};
	await resolveProject(dir, {classes: ['photo', 'screenshot']}, defaults);
	const file = journalPath(dir, user);
	await mkdir(path.dirname(file), {recursive: true});
	const time = '2026-11-25T10:00:00.000Z';
	await writeFile(
		file,
		[
			serializeRecord(decideRecord(1, {path: 'a.jpg', label: 'photo'})),
			'{"v":1,"seq":2,garbage\n',
			serializeRecord({v: 1, seq: 3, time, op: 'undo', path: 'b.jpg', target: 99}),
			serializeRecord({v: 1, seq: 4, time, op: 'reopen', path: 'c.jpg', reason: 'missing'}),
		].join(''),
	);
	const {warnings, state} = await readDataset(dir, user);
	assert.equal(state.decisions.size, 1, 'a.jpg stays decided');
	assert.equal(warnings.length, 1);
	assert.match(
		warnings[0] ?? '',
		/has 3 lines imgsift cannot use, skipped: line 2 \(not valid JSON\), line 3 \(undo of "b\.jpg" \(seq 3\) does not apply\), line 4 \(reopen of "c\.jpg" \(seq 4\) does not apply\)\./,
	);
});
